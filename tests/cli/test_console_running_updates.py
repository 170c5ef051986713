"""`run --console` names the thread Slack posts an event's updates in (the running story's,
where the terminal printed it), and prints the update of an event held as a late copy as the
new development it is there (real pipeline, real SQLite, the real spaCy model)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.cli.test_console_development import printed
from tests.slack.test_slack_late_copy_update import LORRIES, late_copy_then_its_update
from tests.stories.test_running_adds import FIGURE, articles

FIGURE_LATER = f"""{FIGURE}

{LORRIES}"""
"""The follow-up's event four hours on, with one more figure."""


@pytest.fixture
def pipeline(fresh_db, settings, nlp) -> Pipeline:
    """A desk following Lenmouth's ferries; the archive's articles are not too old to alert."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Lenmouth ferries", query="Lenmouth AND ferry")
    return Pipeline(fresh_db, replace(settings, alert_max_age_hours=0), nlp=nlp)


def test_an_update_of_a_continuing_event_names_the_running_story_s_thread(fresh_db, pipeline):
    """Before: "in thread of story #2", a thread Slack never posts in (the event's first
    alert went in story #1's)."""
    strike, figure, _ = articles()
    later = RawArticle(text=FIGURE_LATER, origin="later", published="2025-06-04T13:00:00+00:00")
    for article in (strike, figure, later):
        list(pipeline.ingest([article]))
    *_, update = printed(fresh_db)
    lines = update.splitlines()
    assert lines[0] == "🔄 UPDATE · Lenmouth ferries · in thread of story #1", lines
    assert LORRIES.split()[0] in update


def test_the_update_of_a_held_late_copy_prints_as_a_new_development(fresh_db, pipeline):
    """Before: "🆕 NEW HERE: a developing story (#2)", as if no thread of the running story had
    been printed."""
    batches = late_copy_then_its_update()
    for batch in batches:
        list(pipeline.ingest(batch))
    first, silent, development = printed(fresh_db)
    assert first.startswith("🆕 NEW STORY · Lenmouth ferries"), first
    assert silent.startswith("· no alert for"), silent
    lines = development.splitlines()
    assert lines[0] == "🆕 NEW DEVELOPMENT · Lenmouth ferries · in thread of story #1", lines
    assert lines[2] == "   What's new:", lines
    told = " ".join(line.strip(" •") for line in lines[3:])
    assert told.startswith(LORRIES), lines
    assert "rosters" in told[len(LORRIES):], "then the event's summary"
