"""The update of an event held as a late copy, in a channel that has no thread of the running
story, is the first that channel hears of the event and of the story it continues: it says
which earlier story, as a continuing story's first alert there does (real pipeline and sender,
the fake Slack, real spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from bot.alerts.earlier_story import CONTINUES
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.test_slack_late_copy_update import LORRIES, late_copy_then_its_update
from tests.slack.test_slack_running_development import contexts, ingest_in_turn, sections

DESK, LATER = "C0DESK", "C0LATER"


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    with transaction(fresh_db):
        add_topic(fresh_db, name="Lenmouth ferries", query="Lenmouth AND ferry")
        follow(fresh_db, DESK, t0)
    return Pipeline(fresh_db, replace(slack_settings, alert_max_age_hours=0), nlp=nlp)


def follow(db, channel: str, t0: datetime) -> None:
    subscribe(db, topic_id=1, target_type="channel", target_id=channel, mode="realtime",
              created_by="U1", at=t0.isoformat())


def test_the_update_of_a_late_copy_where_the_running_story_never_posted_names_that_story(
        runtime, fake_slack, fresh_db, pipeline, t0):
    """Before: "New here: a developing story", the event's summary and what's new, with no
    word of the running story it continues."""
    strike, *rest = late_copy_then_its_update()
    ingest_in_turn(runtime, pipeline, [strike], t0)
    with transaction(fresh_db):
        follow(fresh_db, LATER, t0)  # a channel that starts following after the first report
    ingest_in_turn(runtime, pipeline, rest, t0)
    [update] = fake_slack.posts(LATER)
    assert update.thread_ts is None, "no thread of the running story here"
    assert update.text.startswith("New here: a developing story · Lenmouth ferries: ")
    assert update.text.endswith(f"— {CONTINUES}"), update.text
    lines = contexts(update)
    assert lines[0] == "🆕 *New here: a developing story* · Lenmouth ferries"
    [earlier] = [line for line in lines if line.startswith(f"↩️ {CONTINUES.capitalize()}: ")]
    assert earlier.endswith("|Lenmouth ferry crews walk out over rosters>"), earlier
    first = fake_slack.posts(DESK)[0]
    assert f"/archives/{DESK}/p{first.ts.replace('.', '')}|" in earlier, \
        "linked to the running story's thread, where it was posted"
    assert "rosters" in sections(update)[0], "the event's summary"
    assert sections(update)[1] == f"What's new:\n• {LORRIES}"
