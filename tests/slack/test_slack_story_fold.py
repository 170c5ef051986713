"""What Slack shows when a report ties two young stories of one event and the later folds into
the earlier: both stories' alerts already posted stay; the tying report posts in the earlier
story's thread, saying the two were joined and linking the later one's thread; an alert of the
later story still waiting posts once, in its own thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.pipeline import Pipeline
from tests.slack.test_slack_later_correction import desk_pipeline
from tests.stories import tied_fire


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    """The pipeline feeding a desk that follows Corvel and the Aster valley as they happen."""
    return desk_pipeline(fresh_db, slack_settings, nlp, t0, name="Corvel and Aster",
                         query="Corvel OR Aster")


def delivered(runtime, t0, sent: int) -> int:
    """Every alert due delivered, one pass a second after the last: how many were sent."""
    while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
        sent += 1
    return sent


def texts(message) -> str:
    return " ".join(e["text"] for b in message.blocks if b["type"] == "context"
                    for e in b["elements"] if "text" in e)


def test_the_tying_report_posts_in_the_earlier_thread_saying_the_two_were_joined(
        runtime, fake_slack, pipeline, t0):
    blaze, cloud, both = tied_fire.recent(datetime.now(UTC))
    sent = 0
    for batch in ([blaze], [cloud], [both]):
        list(pipeline.ingest(batch))
        sent = delivered(runtime, t0, sent)
    fire, smoke, joined = fake_slack.posts("C0DESK")
    assert fire.thread_ts is None and "Warehouse blaze" in fire.text
    assert smoke.thread_ts is None and "acrid cloud" in smoke.text
    assert joined.thread_ts == fire.ts, "the tying report threads under the earlier story"
    link = f"https://fake.slack.com/archives/C0DESK/p{smoke.ts.replace('.', '')}"
    assert f"Joined with <{link}|Motorway shut" in texts(joined), joined.blocks
    assert joined.text.endswith("— joined with another story"), joined.text
    assert "Joined with" not in texts(fire) + texts(smoke)
    assert runtime.deliver_pending(now=t0 + timedelta(seconds=sent + 5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 3


def test_a_later_story_alert_still_waiting_posts_once_in_its_own_thread(
        runtime, fake_slack, pipeline, t0):
    """Slack slow, say: the smoke's new-story alert waits in the outbox while the tying report
    folds its story into the fire's. It is not lost, nor posted in the fire's thread: it posts
    once, as the new story it was; the tying report then threads under the fire."""
    blaze, cloud, both = tied_fire.recent(datetime.now(UTC))
    list(pipeline.ingest([blaze]))
    sent = delivered(runtime, t0, 0)
    list(pipeline.ingest([cloud]))
    list(pipeline.ingest([both]))
    sent = delivered(runtime, t0, sent)
    fire, smoke, joined = fake_slack.posts("C0DESK")
    assert fire.thread_ts is None and smoke.thread_ts is None and "acrid cloud" in smoke.text
    assert joined.thread_ts == fire.ts and "Joined with" in texts(joined)
    assert runtime.deliver_pending(now=t0 + timedelta(seconds=sent + 5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 3
