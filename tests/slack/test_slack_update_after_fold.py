"""An update after a fold goes in the thread the channel already has: a channel told only of
the later story (the smoke's) gets the joined story's next reports in that story's thread, not
on their own as "New here"; a channel with both threads gets each once, in the earlier story's
(the fire's). The real pipeline and spaCy, the fake Slack over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.dated import recent_start
from tests.slack.conftest import started
from tests.slack.test_slack_story_fold import delivered, texts
from tests.stories import tied_fire

AFTER = """Investigators blame charger for Corvel warehouse fire as Aster valley road reopens

Fire investigators said on Tuesday that a faulty forklift charger most likely started the Corvel warehouse blaze, which destroyed stock worth 4 million euros.

Halden Logistics said 40 workers would be moved to its second depot in Tarrow while the hall is rebuilt.

Police reopened the A4 motorway through the Aster valley at 6 a.m. after the smoke cleared."""
"""A later report of the joined story, with news of its own: the road open, the likely cause."""


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    """C0DESK follows the fire and the valley, C0VAL only the valley: it hears of the smoke's
    story alone before the fold."""
    with transaction(fresh_db):
        both = add_topic(fresh_db, name="Corvel and Aster", query="Corvel OR Aster")
        valley = add_topic(fresh_db, name="Aster valley", query="Aster")
        for topic, channel in ((both, "C0DESK"), (valley, "C0VAL")):
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at=t0.isoformat())
    return Pipeline(fresh_db, slack_settings, nlp=nlp)


def reports() -> list[RawArticle]:
    """The fire, its smoke, the report tying them and the one after, in the last day."""
    start = recent_start(datetime.now(UTC), back=timedelta(hours=20))
    return [*tied_fire.articles(start),
            RawArticle(text=AFTER, origin="fire3", published=(start + timedelta(hours=9))
                       .isoformat())]


def in_turn(runtime, pipeline: Pipeline, t0, articles: list[RawArticle]) -> int:
    """Each article ingested and its alerts delivered before the next: how many were sent."""
    sent = 0
    for article in articles:
        list(pipeline.ingest([article]))
        sent = delivered(runtime, t0, sent)
    return sent


def test_a_channel_told_only_of_the_later_story_gets_the_next_reports_in_its_thread(
        runtime, fake_slack, pipeline, t0):
    in_turn(runtime, pipeline, t0, reports())
    smoke, joined, after = fake_slack.posts("C0VAL")
    assert smoke.thread_ts is None and "acrid cloud" in smoke.text
    assert joined.thread_ts == smoke.ts and after.thread_ts == smoke.ts
    assert "New here" not in joined.text + after.text, (joined.text, after.text)
    assert after.text.startswith("Update"), after.text
    posted = [c.params for c in fake_slack.calls_to("chat.postMessage")
              if c.params["channel"] == "C0VAL"]
    assert not posted[-1].get("reply_broadcast"), "an update in its thread stays there"


def test_a_channel_with_both_threads_gets_the_next_report_once_in_the_earlier_one(
        runtime, fake_slack, pipeline, t0):
    sent = in_turn(runtime, pipeline, t0, reports())
    fire, smoke, joined, after = fake_slack.posts("C0DESK")
    assert joined.thread_ts == fire.ts and after.thread_ts == fire.ts
    assert "Investigators blame charger" in after.text
    assert runtime.deliver_pending(now=t0 + timedelta(seconds=sent + 5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 4


def test_the_joining_report_in_the_later_thread_names_the_story_it_joined(
        runtime, fake_slack, pipeline, t0):
    """In the smoke's own thread, "joined with" the smoke's story would name that thread; it
    names the fire's story, which holds the reports now."""
    in_turn(runtime, pipeline, t0, reports()[:3])
    _, joined = fake_slack.posts("C0VAL")
    line = texts(joined)
    assert "Joined with" in line and "Warehouse blaze in Corvel port district" in line, line
    assert "acrid cloud drifts" not in line


def test_a_restart_between_queueing_and_posting_posts_the_update_once(
        slack_settings, fake_slack, pipeline, t0):
    """The update is queued and tried; Slack makes the post but its answer is lost, and the run
    stops. The next run looks for it in the smoke's thread, finds it, and posts nothing."""
    with started(slack_settings) as first:
        sent = in_turn(first, pipeline, t0, reports()[:3])
        list(pipeline.ingest([reports()[3]]))
        fake_slack.drop_next(1, methods={"chat.postMessage"})  # posted; the answer is lost
        first.deliver_pending(now=t0 + timedelta(seconds=sent))
    with started(slack_settings) as second:
        later = t0 + timedelta(minutes=10)
        delivered(second, later, 0)
        assert second.deliver_pending(now=later + timedelta(minutes=5)) == 0
    smoke, joined, after = fake_slack.posts("C0VAL")
    assert after.thread_ts == smoke.ts and "Investigators blame charger" in after.text
