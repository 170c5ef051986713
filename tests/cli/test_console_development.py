"""`run --console` prints a new event continuing a running story as Slack posts it in the
running story's thread: "New development", which running story, what it adds, then its own
summary (real pipeline, real SQLite, the real spaCy model)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.alerts.console_feed import print_pending, silent_line
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.stories.test_running_adds import SAILINGS, articles


@pytest.fixture
def pipeline(fresh_db, settings, nlp) -> Pipeline:
    """A desk following Lenmouth's ferries; the archive's articles are not too old to alert."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Lenmouth ferries", query="Lenmouth AND ferry")
    return Pipeline(fresh_db, replace(settings, alert_max_age_hours=0), nlp=nlp)


def printed(db) -> list[str]:
    out: list[str] = []
    print_pending(db, out.append, lambda event, reason: out.append(silent_line(event, reason)))
    return out


def printed_for(pipeline: Pipeline, article: RawArticle) -> str:
    """The one thing the console prints for an article once it is ingested: its alert, or the
    line saying why it has none."""
    list(pipeline.ingest([article]))
    [said] = printed(pipeline.db)
    return said


def test_a_follow_up_days_later_leads_with_what_it_adds_to_the_running_story(pipeline):
    """Before: "🆕 NEW STORY" with its summary alone, the figure it adds nowhere."""
    strike, figure, _ = articles()
    first = printed_for(pipeline, strike)
    assert first.startswith("🆕 NEW STORY · Lenmouth ferries"), first
    lines = printed_for(pipeline, figure).splitlines()
    assert lines[0] == "🆕 NEW DEVELOPMENT · Lenmouth ferries · in thread of story #1", lines
    assert lines[1] == "   Lenmouth ferry strike strands island freight"
    assert lines[2] == "   ↩️ continues story #1: Lenmouth ferry crews walk out over rosters"
    assert lines[3] == "   What's new:"
    assert " ".join(line.strip(" •") for line in lines[4:6]).startswith(SAILINGS), lines
    told = " ".join(line.strip(" •") for line in lines[4:])
    assert told.index(SAILINGS) < told.index("still ashore"), "what it adds, then its summary"


def test_a_follow_up_of_a_story_never_printed_here_is_a_new_story_naming_it(pipeline):
    """A running story the terminal never printed (its first report a feed's first-poll
    background) has no thread here: the follow-up is a story of its own, as Slack posts it
    to a channel without the running thread, saying what it continues."""
    strike, figure, _ = articles()
    silent = printed_for(pipeline, replace(strike, background=True))
    assert silent.startswith("· no alert for"), silent
    alone = printed_for(pipeline, figure)
    lines = alone.splitlines()
    assert lines[0] == "🆕 NEW STORY · Lenmouth ferries", lines
    assert lines[2] == "   ↩️ continues story #1: Lenmouth ferry crews walk out over rosters"
    assert "What's new:" not in alone
