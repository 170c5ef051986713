"""A quote pasted into `/who-said` in its own quotation marks, as a desk copies it, is echoed
once quoted, not inside a second pair (signed requests over real HTTP, a real SQLite file, the
fake Slack Web API)."""

from __future__ import annotations

import pytest

from tests.slack.conftest import run_command
from tests.slack.world import add_article, add_story

QUOTE = "A city cannot run for long without its trams"


@pytest.mark.parametrize("typed", [f'"{QUOTE}"', f"“{QUOTE}”", f"'{QUOTE}'", f"«{QUOTE}»"])
def test_a_quote_typed_in_quotation_marks_is_echoed_in_one_pair(
        runtime, fake_slack, fresh_db, typed):
    """`/who-said "A city cannot run …"`. Before: the answer began `*Who said* “"A city …"”`
    (and a miss said `(searched for “"…"”)`). Now the typed marks are the answer's own."""
    article = add_article(fresh_db, title="Council backs tram talks",
                          quotes=((QUOTE, "Tomas Ferreira"),))
    add_story(fresh_db, article_id=article, title="Council backs tram talks")
    said = run_command(runtime, fake_slack, "/who-said", typed)["text"]
    assert said.startswith(f"*Who said* “{QUOTE}”\n"), said
    assert "*Tomas Ferreira*" in said, said
    missed = run_command(runtime, fake_slack, "/who-said", '"buses will not run tonight"')["text"]
    assert "(searched for “buses will not run tonight”)" in missed, missed


def test_a_quote_ending_in_an_apostrophe_keeps_it(runtime, fake_slack, fresh_db):
    """Only a pair of marks around the whole text is taken off: `the drivers'` stays whole."""
    quote = "we stand with the drivers'"
    article = add_article(fresh_db, title="Council backs tram talks",
                          quotes=((quote, "Tomas Ferreira"),))
    add_story(fresh_db, article_id=article, title="Council backs tram talks")
    said = run_command(runtime, fake_slack, "/who-said", "with the drivers'")["text"]
    assert said.startswith("*Who said* “with the drivers'”\n"), said


@pytest.mark.parametrize("typed", ["from:Tomas Ferreira", "Ferreira"])
def test_a_speaker_s_quotes_are_headed_with_the_speaker_not_as_a_quote(runtime, fake_slack,
                                                                      fresh_db, typed):
    """Before: `/who-said from:Tomas Ferreira` was headed `*Who said* “from:Tomas Ferreira”`,
    and `/who-said Ferreira` `*Who said* “Ferreira”`, as if the name were the words said."""
    article = add_article(fresh_db, title="Council backs tram talks",
                          quotes=((QUOTE, "Tomas Ferreira"),))
    add_story(fresh_db, article_id=article, title="Council backs tram talks")
    said = run_command(runtime, fake_slack, "/who-said", typed)["text"]
    name = typed.removeprefix("from:")
    assert said.startswith(f"*Latest quotes from {name}*\n"), said
    assert f"“{QUOTE}” — *Tomas Ferreira*" in said and "Who said" not in said, said
