"""/who-said and **Show quotes** list what someone said: a phrase an article only sets in
quotation marks (a scare quote, a name, a title), said by no one, is not listed as an
unattributed quote. An article through the real pipeline, asked over signed HTTP."""

from __future__ import annotations

from bot.alerts.blocks import QUOTES
from bot.models import RawArticle
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for

BERTHS = ("Ferries leave Tarnby for a stopgap quay\n\n"
          "Ferry lines have begun sending their boats to the \"overflow quay\" at Selby while "
          "crews at Tarnby stay out.\n\n"
          "\"The last boat will leave at six tonight,\" said harbour master Tom Vale.\n\n"
          "The operator's chair, Ines Kaur, said the offer to the crews was \"final and fair\".")
ECHO = "the offer to the crews was \"final and fair\""


def test_a_phrase_set_in_quotation_marks_by_no_one_is_not_listed_as_speech(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: "“overflow quay” — *unattributed*", as if someone had said it."""
    [outcome] = pipeline.ingest([RawArticle(text=BERTHS, origin="b1", source="Coast Wire")])
    assert outcome.status == "stored" and outcome.verdict is not None
    stored = {row["text"]: (row["kind"], row["speaker"]) for row in fresh_db["quotes"].rows}
    assert stored["overflow quay"] == ("fragment", None), stored
    asked = run_command(runtime, fake_slack, "/who-said", "overflow quay")["text"]
    assert "unattributed" not in asked and "Nobody is quoted saying that" in asked, asked
    assert "Ferries leave Tarnby for a stopgap quay" in asked, asked
    spoken = run_command(runtime, fake_slack, "/who-said", "last boat will leave")["text"]
    assert "*Tom Vale, harbour master*" in spoken, spoken
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(QUOTES, str(outcome.verdict.story_id),
                                                 response_url=fake_slack.response_url()))
    [shown] = wait_for(lambda: fake_slack.responses()[before:])
    assert "last boat will leave" in shown["text"], shown
    assert "overflow quay" not in shown["text"], shown
    assert shown["text"].count("final and fair") == 1, shown


def test_words_a_longer_quote_of_the_same_speaker_holds_are_listed_once_in_their_clause(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: “final and fair” — Ines Kaur, then the clause holding it, by her too."""
    [outcome] = pipeline.ingest([RawArticle(text=BERTHS, origin="b1", source="Coast Wire")])
    assert outcome.status == "stored"
    stored = {(row["kind"], row["text"], row["speaker"]) for row in fresh_db["quotes"].rows}
    assert {("fragment", "final and fair", "Ines Kaur"), ("indirect", ECHO, "Ines Kaur")} <= \
        stored, stored
    for asked in ("final and fair", "from:Kaur"):
        said = run_command(runtime, fake_slack, "/who-said", asked)["text"]
        assert said.count("final and fair") == 1 + (asked == "final and fair"), said
        assert f"“{ECHO}” — *Ines Kaur" in said, said
