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
