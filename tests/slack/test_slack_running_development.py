"""A new event in a running story, in the running story's thread, leads with what it adds to
it: "New development", what's new, then its own summary; one adding nothing posts nothing
(real pipeline and sender, the fake Slack)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.alerts.blocks import DEVELOPMENT
from bot.alerts.eligibility import TOLD
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.stories.test_running_adds import SAILINGS, articles


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0: datetime) -> Pipeline:
    """The pipeline feeding a desk that follows Lenmouth's ferries as they happen (the
    archive's articles are not too old to alert)."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Lenmouth ferries", query="Lenmouth AND ferry")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at=t0.isoformat())
    return Pipeline(fresh_db, replace(slack_settings, alert_max_age_hours=0), nlp=nlp)


def ingest_in_turn(runtime, pipeline: Pipeline, batches: list[list[RawArticle]],
                   t0: datetime) -> None:
    """Each batch ingested and its alerts delivered before the next, from ``t0`` on."""
    sent = 0
    for batch in batches:
        list(pipeline.ingest(batch))
        while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
            sent += 1


def sections(message) -> list[str]:
    return [b["text"]["text"] for b in message.blocks if b["type"] == "section"]


def contexts(message) -> list[str]:
    return [e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]]


def test_a_follow_up_days_later_leads_with_its_figure_in_the_running_thread(
        runtime, fake_slack, pipeline, t0):
    """Before: "New story" with its summary alone, and a line linking the thread it was in."""
    strike, figure, nothing = articles()
    ingest_in_turn(runtime, pipeline, [[strike], [figure], [nothing]], t0)
    first, development = fake_slack.posts("C0DESK")
    assert first.thread_ts is None
    assert development.thread_ts == first.ts, "in the running story's thread"
    params = [c.params for c in fake_slack.calls_to("chat.postMessage")]
    assert params[1]["reply_broadcast"] is True, "sent to the channel too, as news"
    assert development.text.startswith(f"{DEVELOPMENT} · Lenmouth ferries: Lenmouth ferry "
                                       "strike strands island freight")
    assert development.text.endswith(f"— {SAILINGS}")
    assert contexts(development)[0] == f"🆕 *{DEVELOPMENT}* · Lenmouth ferries"
    whats_new, summary = sections(development)[:2]
    assert whats_new == f"What's new:\n• {SAILINGS}", "what it adds, first"
    assert "still ashore" in summary, "then the event's own summary"
    assert not any("Continues an earlier story" in line for line in contexts(development)), \
        "the thread it would link is the one it is in"


def test_a_follow_up_adding_nothing_posts_no_second_alert(runtime, fake_slack, fresh_db,
                                                          pipeline, t0):
    strike, _, nothing = articles()
    ingest_in_turn(runtime, pipeline, [[strike], [nothing]], t0)
    [first] = fake_slack.posts("C0DESK")
    assert "walk out over rosters" in first.text
    assert [r["story_id"] for r in fresh_db["alerts"].rows] == [1], "none queued for it"
    [(verdict, held)] = fresh_db.execute(
        "SELECT sa.verdict, h.reason FROM story_articles sa JOIN alert_holds h USING "
        "(article_id) WHERE sa.story_id != 1").fetchall()
    assert verdict == "new" and held == TOLD


def test_a_channel_without_the_running_thread_gets_it_as_a_new_story_linking_that_thread(
        runtime, fake_slack, fresh_db, pipeline, t0):
    """A channel following the topic only after the walkout's alert: no thread of the running
    story there, so the follow-up is a story of its own, saying what it continues."""
    strike, figure, _ = articles()
    ingest_in_turn(runtime, pipeline, [[strike]], t0)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=1, target_type="channel", target_id="C0LATE",
                  mode="realtime", created_by="U1", at=t0.isoformat())
    ingest_in_turn(runtime, pipeline, [[figure]], t0)
    [alone] = fake_slack.posts("C0LATE")
    assert alone.thread_ts is None and alone.text.startswith("New story · ")
    [first, _] = fake_slack.posts("C0DESK")
    thread = f"https://fake.slack.com/archives/C0DESK/p{first.ts.replace('.', '')}"
    assert f"↩️ Continues an earlier story: <{thread}|Lenmouth ferry crews walk out over " \
           "rosters>" in contexts(alone)
