"""A channel whose settings allow no threads (Slack refuses every reply there with
`restricted_action_non_threadable_channel`): a story's updates still reach it, each on its own
(real sender, real SQLite, the fake Slack Web API)."""

from __future__ import annotations

from bot.slack.runtime import SlackRuntime
from storage.channel_memory import NO_THREADS_FOR
from storage.subscriptions import subscriptions_of
from tests.slack.conftest import wait_for
from tests.slack.test_slack_lifecycle import send_event
from tests.slack.test_slack_sender import follow, new_story, update


def test_updates_in_a_channel_without_threads_are_posted_on_their_own(
        runtime, fake_slack, fresh_db, topic, at):
    fake_slack.add_channel("C0FLAT")
    fake_slack.channel("C0FLAT").refuses_replies = True
    follow(fresh_db, topic, "C0FLAT")
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    update(fresh_db, topic, story_id, "Union rejects the offer")
    for second in range(10):
        runtime.deliver_pending(now=at(second * 2))
    rows = [(r["status"], r["last_error"]) for r in fresh_db["alerts"].rows]
    assert rows == [("sent", None)] * 3, rows
    first, *updates = fake_slack.posts("C0FLAT")
    assert [m.thread_ts for m in updates] == [None, None]
    assert "Talks resume on Thursday" in str(updates[0].blocks)
    assert "Union rejects the offer" in str(updates[1].blocks)
    assert len(_replies_tried(fake_slack)) == 1, "learnt from the first refusal, not asked again for each update"


def test_a_channel_without_threads_is_known_after_a_restart(
        slack_settings, runtime, fake_slack, fresh_db, topic, at):
    """Learnt once: a restarted wirewatch does not ask Slack again with each story's first
    update (one refused call a day at most, so a channel whose settings change back gets its
    threads again)."""
    fake_slack.add_channel("C0FLAT")
    fake_slack.channel("C0FLAT").refuses_replies = True
    follow(fresh_db, topic, "C0FLAT")
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    for second in range(4):
        runtime.deliver_pending(now=at(second * 2))
    runtime.stop()
    restarted = SlackRuntime(slack_settings)
    update(fresh_db, topic, story_id, "Union rejects the offer")
    for second in range(4, 8):
        restarted.deliver_pending(now=at(second * 2))
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["sent"] * 3
    assert [m.thread_ts for m in fake_slack.posts("C0FLAT")] == [None] * 3
    assert len(_replies_tried(fake_slack)) == 1, "asked Slack again after the restart"
    fake_slack.channel("C0FLAT").refuses_replies = False
    update(fresh_db, topic, story_id, "Ships leave the port")
    restarted.deliver_pending(now=at(16) + NO_THREADS_FOR)
    assert fake_slack.posts("C0FLAT")[-1].thread_ts == fake_slack.posts("C0FLAT")[0].ts


def _replies_tried(fake_slack) -> list:
    return [c for c in fake_slack.calls_to("chat.postMessage", ok_only=False)
            if c.params.get("thread_ts")]


def test_a_channel_without_threads_is_known_under_its_new_id(runtime, fake_slack, fresh_db,
                                                             topic, at):
    """Shared with another organisation, the channel gets a new id (`channel_id_changed`): its
    settings go with it, so its updates are not tried as replies again."""
    fake_slack.add_channel("G0FLAT", private=True)
    fake_slack.channel("G0FLAT").refuses_replies = True
    follow(fresh_db, topic, "G0FLAT")
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    for second in range(4):
        runtime.deliver_pending(now=at(second * 2))
    fake_slack.change_channel_id("G0FLAT", "C0FLAT")
    fake_slack.channel("C0FLAT").refuses_replies = True
    send_event(runtime, {"type": "channel_id_changed", "old_channel_id": "G0FLAT",
                         "new_channel_id": "C0FLAT", "event_ts": "1612206778.000000"})
    wait_for(lambda: subscriptions_of(fresh_db, ["C0FLAT"]))
    update(fresh_db, topic, story_id, "Union rejects the offer")
    for second in range(4, 8):
        runtime.deliver_pending(now=at(second * 2))
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["sent"] * 3
    assert len(_replies_tried(fake_slack)) == 1, "asked Slack again under the new id"
