"""A new event held as a late copy of its running story posts nothing; a later update of that
event that adds something is the first the desk hears of it: in the running story's thread it
reads as a new development ("New development", what's new, then the event's summary), as the
event's own first alert would have (real pipeline and sender, the fake Slack, real spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.blocks import DEVELOPMENT
from bot.alerts.eligibility import TOLD
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.test_slack_running_development import contexts, ingest_in_turn, sections
from tests.stories.test_running_adds import articles

LORRIES = "Calder Lines said 47 lorries of island freight were queued at the Lenmouth quay."

LATER = f"""Lenmouth ferry crews stay out in rosters row

LENMOUTH (Wirewatch Wire) - Ferry crews in Lenmouth stayed off work in a row over rosters and overtime, halting every crossing to the Skerran islands.

{LORRIES}

Alliance organiser Perrin Dowd said crews would stay ashore until Calder Lines met them to talk about rosters."""
"""The late copy's story, four hours on, with one new figure."""


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0: datetime) -> Pipeline:
    """A desk following Lenmouth's ferries as they happen and another taking them hourly."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Lenmouth ferries", query="Lenmouth AND ferry")
        now = datetime.now(UTC)
        for target, mode, at in (("C0DESK", "realtime", t0), ("C0HOURLY", "hourly", now)):
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=target,
                      mode=mode, created_by="U1", at=at.isoformat())
    return Pipeline(fresh_db, replace(slack_settings, alert_max_age_hours=0), nlp=nlp)


def late_copy_then_its_update() -> list[list[RawArticle]]:
    strike, _, nothing = articles()
    later = RawArticle(text=LATER, origin="later", published="2025-06-06T14:00:00+00:00")
    return [[strike], [nothing], [later]]


def test_the_update_of_a_held_late_copy_is_a_new_development_in_the_running_thread(
        runtime, fake_slack, fresh_db, pipeline, t0):
    """Before: "New here: a developing story", the event's summary, then what's new, as if
    the channel had no thread of the running story."""
    ingest_in_turn(runtime, pipeline, late_copy_then_its_update(), t0)
    [(held_story, held)] = fresh_db.execute(
        "SELECT sa.story_id, h.reason FROM story_articles sa JOIN alert_holds h "
        "USING (article_id)").fetchall()
    assert held == TOLD
    [(story, verdict)] = fresh_db.execute(
        "SELECT story_id, verdict FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE a.origin = 'later'").fetchall()
    assert (story, verdict) == (held_story, "update"), "it updates the late copy's event"
    first, development = fake_slack.posts("C0DESK")
    assert development.thread_ts == first.ts, "in the running story's thread"
    params = [c.params for c in fake_slack.calls_to("chat.postMessage")]
    assert params[1]["reply_broadcast"] is True, "sent to the channel too, as news"
    assert development.text.startswith(f"{DEVELOPMENT} · Lenmouth ferries: ")
    assert development.text.endswith(f"— {LORRIES}")
    assert contexts(development)[0] == f"🆕 *{DEVELOPMENT}* · Lenmouth ferries"
    whats_new, summary = sections(development)[:2]
    assert whats_new == f"What's new:\n• {LORRIES}", "what it adds, first"
    assert "rosters" in summary, "then the event's own summary"


def test_a_digest_lists_the_update_of_a_held_late_copy_as_the_development_it_is(
        runtime, fake_slack, pipeline, t0):
    """The late copy stays out of the digest, as a duplicate does; its update, the first of
    its event any desk gets, is listed as new, with its figure and the running story it
    continues. Before: "🔄 Update:" of a story the digest never listed."""
    ingest_in_turn(runtime, pipeline, late_copy_then_its_update(), t0)
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    [digest] = fake_slack.posts("C0HOURLY")
    lines = sections(digest)[0].split("\n")
    assert len(lines) == 3, lines
    assert lines[0].startswith("🆕 New: *Lenmouth ferry crews walk out over rosters*"), lines
    assert lines[1].startswith("🆕 New: *Lenmouth ferry crews stay out in rosters row*"), lines
    assert lines[1].endswith("|Lenmouth ferry crews walk out over rosters>"), lines
    assert lines[2].strip() == LORRIES, lines
    assert digest.text.startswith("Hourly digest · Lenmouth ferries: 2 new stories"), digest.text
