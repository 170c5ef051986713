"""A new event in a running story says what it adds to it: its sentences new against every
event of the running story (``Verdict.adds``), kept beside its event-level verdict, which stays
``new``; one adding nothing is a duplicate of the running story, and a late copy of one of its
articles alerts nobody."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.alerts.eligibility import TOLD
from bot.models import RawArticle, VerdictKind
from bot.pipeline import Pipeline
from tests.stories.test_running_stories import replayed

STRIKE = """Lenmouth ferry crews walk out over rosters

LENMOUTH (Wirewatch Wire) - Ferry crews in Lenmouth stopped work on Monday in a row over rosters and overtime, halting every crossing to the Skerran islands.

The crews' union, the Maritime Crews Alliance, said its members had voted to strike after the operator Calder Lines refused to drop split shifts.

Alliance organiser Perrin Dowd said crews would stay ashore until Calder Lines met them to talk about rosters."""

SAILINGS = "Calder Lines said 212 sailings to the Skerran islands had been cancelled since the walkout began."

FIGURE = f"""Lenmouth ferry strike strands island freight

LENMOUTH (Wirewatch Wire) - The ferry strike in Lenmouth went on, with crews of the Maritime Crews Alliance still ashore in their row with Calder Lines over rosters.

{SAILINGS}

Alliance organiser Perrin Dowd said crews would stay ashore until Calder Lines met them to talk about rosters."""

NOTHING_NEW = """Lenmouth ferry crews stay out in rosters row

LENMOUTH (Wirewatch Wire) - Ferry crews in Lenmouth stopped work in a row over rosters and overtime, halting every crossing to the Skerran islands.

The crews' union, the Maritime Crews Alliance, said its members had voted to strike after the operator Calder Lines refused to drop split shifts.

Alliance organiser Perrin Dowd said crews would stay ashore until Calder Lines met them to talk about rosters."""

STILL_OUT = """Lenmouth ferries stay in port

Ferry crews in Lenmouth remain on strike over rosters, the Maritime Crews Alliance said."""
"""Two days on, a snippet in the running story's words that is no copy of any of its articles:
what it adds the rules cannot tell, so it alerts as a new story (the real stream's new
developments are often such snippets)."""

TIMES = {"strike": "2025-06-02T08:00:00+00:00", "figure": "2025-06-04T09:00:00+00:00",
         "nothing": "2025-06-06T10:00:00+00:00"}
"""The walkout, a follow-up two days on adding a figure, and a rewrite two days after that:
each a day and a half after the story before it went quiet, so each is an event of its own."""
TEXTS = {"strike": STRIKE, "figure": FIGURE, "nothing": NOTHING_NEW}


@pytest.fixture
def pipeline(fresh_db, settings, nlp) -> Pipeline:
    """Articles of an archive: none is too old to alert."""
    return Pipeline(fresh_db, replace(settings, alert_max_age_hours=0), nlp=nlp)


def articles() -> list[RawArticle]:
    return [RawArticle(text=text, origin=name, published=TIMES[name])
            for name, text in TEXTS.items()]


def test_a_follow_up_days_later_adds_its_figure_to_the_running_story(pipeline, fresh_db):
    """Before: its verdict was new with nothing it adds, and its alert a summary."""
    strike, figure, _ = pipeline.ingest(articles())
    verdict = figure.verdict
    assert verdict.kind is VerdictKind.NEW and verdict.whats_new == (), "the event is new"
    assert verdict.story_id != strike.verdict.story_id
    assert verdict.continues == strike.verdict.story_id
    assert verdict.adds == (SAILINGS,)
    assert verdict.running_kind is VerdictKind.UPDATE
    assert figure.reason is None
    stored = fresh_db.execute("SELECT verdict, whats_new FROM story_articles WHERE "
                              "article_id = ?", [figure.article_id]).fetchone()
    assert stored[0] == "new" and json.loads(stored[1]) == [SAILINGS]


def test_a_follow_up_adding_nothing_is_a_duplicate_of_the_running_story_and_alerts_nobody(
        pipeline, fresh_db):
    strike, _, nothing = pipeline.ingest(articles())
    verdict = nothing.verdict
    assert verdict.kind is VerdictKind.NEW, "still an event of its own"
    assert verdict.continues == strike.verdict.story_id
    assert verdict.adds == () and verdict.running_kind is VerdictKind.DUPLICATE
    assert nothing.reason == TOLD
    held = fresh_db.execute("SELECT reason FROM alert_holds WHERE article_id = ?",
                            [nothing.article_id]).fetchone()
    assert held == (TOLD,)


def test_a_new_event_adding_nothing_that_is_no_copy_still_alerts(pipeline):
    strike, still_out = pipeline.ingest([
        RawArticle(text=STRIKE, origin="strike", published=TIMES["strike"]),
        RawArticle(text=STILL_OUT, origin="still", published=TIMES["figure"])])
    verdict = still_out.verdict
    assert verdict.continues == strike.verdict.story_id
    assert verdict.running_kind is VerdictKind.DUPLICATE
    assert still_out.reason is None


def test_a_replay_line_gives_the_running_level_its_own_verdict_and_whats_new(db_path,
                                                                            tmp_path):
    lines = replayed(db_path, tmp_path, TEXTS, TIMES)
    event = [(lines[n]["verdict"], lines[n]["whats_new"]) for n in TEXTS]
    running = [(lines[n]["running_verdict"], lines[n]["running_whats_new"]) for n in TEXTS]
    assert event == [("new", [])] * 3
    assert running == [("new", []), ("update", [SAILINGS]), ("duplicate", [])]
    assert len({lines[n]["running"] for n in TEXTS}) == 1
