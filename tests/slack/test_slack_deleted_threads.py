"""Someone deletes a story's first alert in a channel: its later updates still arrive, once, and
the channel's other alerts are never held up behind them (real sender, the fake Slack)."""

from __future__ import annotations

import threading

from tests.slack.conftest import started, wait_for
from tests.slack.test_slack_sender import follow, new_story, update
from tests.stopping import LAST_RESORT_S


def _deliver_for(runtime, seconds: int, at) -> None:
    """The sender's passes over ``seconds`` of virtual time, one a second."""
    for second in range(seconds):
        runtime.deliver_pending(now=at(second))


def _deleted_then_updated(runtime, fake_slack, fresh_db, topic: int, at) -> int:
    """A story's first alert posted to #desk, deleted there (an editor tidies the channel),
    then an update of the story queued; the story's id."""
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    runtime.deliver_pending(now=at(0))
    (first,) = fake_slack.posts("C0DESK")
    fake_slack.delete_message("C0DESK", first.ts)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    return story_id


def _titles(fake_slack, channel: str) -> list[str]:
    return [m.text for m in fake_slack.posts(channel)]


def test_an_update_in_flight_when_its_thread_was_deleted_never_holds_up_the_channel(
        runtime, fake_slack, fresh_db, topic, at):
    _deleted_then_updated(runtime, fake_slack, fresh_db, topic, at=at)
    new_story(fresh_db, topic, title="Ferry strike spreads")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    _deliver_for(runtime, 3600, at=at)
    statuses = [row["status"] for row in fresh_db["alerts"].rows]
    assert statuses == ["sent", "sent", "sent"], [(r["status"], r["last_error"])
                                                  for r in fresh_db["alerts"].rows]
    posted = fake_slack.posts("C0DESK")
    assert len(posted) == 2, "the update once, the other story once"
    update_post, other = posted
    assert update_post.thread_ts is None, "its thread is gone: the update stands on its own"
    assert "Talks resume on Thursday" in str(update_post.blocks)
    assert other.text.endswith("Ferry strike spreads (Test Wire)")


def test_an_update_to_a_deleted_first_alert_is_posted_and_starts_the_new_thread(
        runtime, fake_slack, fresh_db, topic, at):
    story_id = _deleted_then_updated(runtime, fake_slack, fresh_db, topic, at=at)
    update(fresh_db, topic, story_id, "Union rejects the offer")
    _deliver_for(runtime, 10, at=at)
    assert [row["status"] for row in fresh_db["alerts"].rows] == ["sent", "sent", "sent"]
    second, third = fake_slack.posts("C0DESK")
    assert second.thread_ts is None and "Talks resume on Thursday" in str(second.blocks)
    assert third.thread_ts == second.ts, "later updates thread under the update that stood in"
    assert "Union rejects the offer" in str(third.blocks)


def test_a_deleted_first_alert_with_replies_keeps_its_thread(runtime, fake_slack, fresh_db,
                                                              topic, at):
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    _deliver_for(runtime, 2, at=at)
    first, reply = fake_slack.posts("C0DESK")
    fake_slack.delete_message("C0DESK", first.ts)  # Slack keeps it as "This message was deleted."
    update(fresh_db, topic, story_id, "Union rejects the offer")
    _deliver_for(runtime, 4, at=at)
    third = fake_slack.posts("C0DESK")[-1]
    assert third.thread_ts == first.ts and reply.thread_ts == first.ts


def test_a_lookup_slack_refuses_for_good_never_holds_up_the_channel(runtime, fake_slack,
                                                                     fresh_db, topic, caplog, at):
    """The token lacks channels:history (the app was installed before the manifest asked for
    it): an alert whose post got a 500 cannot be looked up. It is marked failed, loudly, after
    a few minutes of tries, never posted a second time, and the channel's next alerts go."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic, title="Dockworkers walk out")
    new_story(fresh_db, topic, title="Ferry strike spreads")
    fake_slack.refuse_method("conversations.history", "missing_scope")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    _deliver_for(runtime, 3600, at=at)
    rows = list(fresh_db["alerts"].rows)
    assert [r["status"] for r in rows] == ["failed", "sent"], [
        (r["status"], r["last_error"]) for r in rows]
    assert "missing_scope" in rows[0]["last_error"]
    assert [m.text.split(": ")[-1] for m in fake_slack.posts("C0DESK")] == [
        "Ferry strike spreads (Test Wire)"]
    lookups = fake_slack.calls_to("conversations.history", ok_only=False)
    assert len(lookups) == 9, f"{len(lookups)} lookups: backed off, then given up"
    [given_up] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "missing_scope; given up after 10 attempts (its posts and the lookups after them)" \
        in given_up, "the first of the 10 was the post: it said '…, 10 times' of 9 lookups"


def test_a_stop_between_a_reply_refused_for_its_gone_thread_and_its_post_alone_loses_no_time(
        runtime, slack_settings, fake_slack, fresh_db, topic, at):
    """The bot stops (SIGTERM) while Slack has the update's reply to a deleted message: Slack
    refuses it (the thread is gone), and the thread is forgotten. Before, the stopping run
    posted the update on its own all the same (a second post after the stop), and a run
    stopped or killed between the two found the alert still in flight for the refused reply:
    it waited the late window (two minutes) before posting. Now the stopping run posts nothing
    more, and the next run posts the update on its own at its first pass."""
    _deleted_then_updated(runtime, fake_slack, fresh_db, topic, at=at)
    fake_slack.hang(methods={"chat.postMessage"})
    passing = threading.Thread(target=runtime.deliver_pending, kwargs={"now": at(1)})
    passing.start()
    wait_for(lambda: fake_slack.begun.count("chat.postMessage") == 2)  # the reply, at Slack
    runtime.stop()
    fake_slack.unhang(answer=True)  # thread_not_found
    passing.join(timeout=LAST_RESORT_S)
    assert fake_slack.begun.count("chat.postMessage") == 2, "nothing posted after the stop"
    assert fake_slack.posts("C0DESK") == []
    with started(slack_settings) as restarted:
        assert restarted.deliver_pending(now=at(2)) == 1, "posted at once, not 2 minutes on"
    (alone,) = fake_slack.posts("C0DESK")
    assert alone.thread_ts is None and "Talks resume on Thursday" in str(alone.blocks)
    assert [row["status"] for row in fresh_db["alerts"].rows] == ["sent", "sent"]
