"""A private channel shared with another organisation (Slack Connect) gets a new id for good
(`channel_id_changed`): everything wirewatch keeps about it moves to the new id, or the desk
silently stops getting alerts."""

from __future__ import annotations

import logging

from bot.stories.tracking import add_topic
from storage.alerts import mute_story
from storage.channels import move_channel, moved_to
from storage.db import open_db, transaction
from storage.important import mark_important
from storage.quote_subscriptions import quote_subscriptions_of, subscribe_quotes
from storage.subscriptions import subscribe, subscriptions_of
from tests.slack.conftest import wait_for
from tests.slack.test_slack_lifecycle import send_event
from tests.slack.test_slack_sender import follow, new_story, update

OLD, NEW, ELSEWHERE = "G0DESK", "C0DESK", "C0SPORT"
WHEN = "2026-11-24T05:00:00+00:00"


def test_a_channel_shared_with_another_organisation_keeps_everything(
        runtime, fake_slack, fresh_db, topic, caplog, at):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    follow(fresh_db, topic, ELSEWHERE)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE subscriptions SET notify = ? WHERE target_id = ?",
                         ['["U0ANNA"]', OLD])
        ferries = add_topic(fresh_db, name="Ferries", query="ferry")
        subscribe(fresh_db, topic_id=ferries, target_type="channel", target_id=OLD,
                  mode="daily", created_by="U1", at=WHEN)
        fresh_db.execute("UPDATE subscriptions SET paused_at = ?, paused_reason = 'bot_removed' "
                         "WHERE topic_id = ?", [WHEN, ferries])
        subscribe_quotes(fresh_db, query='person:"Ada Brandt"', target_type="channel",
                         target_id=OLD, mode="realtime", notify=None, created_by="U1", at=WHEN)
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    muted, _ = new_story(fresh_db, topic, title="Crane inspection ordered")
    runtime.deliver_pending(now=at(0))
    runtime.deliver_pending(now=at(1))
    runtime.deliver_pending(now=at(2))
    [first] = [m for m in fake_slack.posts(OLD) if "Dockworkers" in m.text]
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=muted, channel=OLD, user="U1", at=WHEN)
        mark_important(fresh_db, story_id=story_id, channel=OLD, user="U1", at=WHEN)

    fake_slack.change_channel_id(OLD, NEW)
    with caplog.at_level(logging.INFO):
        send_event(runtime, {"type": "channel_id_changed", "old_channel_id": OLD,
                             "new_channel_id": NEW, "event_ts": "1612206778.000000"})
        # the handler's log line comes after its transaction
        wait_for(lambda: [r for r in caplog.records if OLD in r.getMessage()])
    moved = subscriptions_of(fresh_db, [NEW])
    assert sorted((s.topic, s.mode, s.paused_reason) for s in moved) == [
        ("Ferries", "daily", "bot_removed"), ("Port strike", "realtime", None)]
    assert [s.notify for s in moved if s.topic == "Port strike"] == [("U0ANNA",)]
    assert subscriptions_of(fresh_db, [OLD]) == []
    assert [s.target_id for s in subscriptions_of(fresh_db, [ELSEWHERE])] == [ELSEWHERE]
    assert [q.target_id for q in quote_subscriptions_of(fresh_db, [NEW])] == [NEW]
    assert fresh_db.execute("SELECT channel FROM mutes").fetchall() == [(NEW,)]
    assert fresh_db.execute("SELECT channel FROM important_stories").fetchall() == [(NEW,)]
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE channel = ? OR posted_channel = ?",
                            [OLD, OLD]).fetchone()[0] == 0
    lines = [r.getMessage() for r in caplog.records if OLD in r.getMessage()]
    assert len(lines) == 1 and NEW in lines[0] and "2 subscriptions" in lines[0], lines

    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    new_story(fresh_db, topic, title="Second port joins the strike")
    for second in range(3, 8):
        runtime.deliver_pending(now=at(second))
    replies = [m for m in fake_slack.posts(NEW) if m.thread_ts == first.ts]
    assert len(replies) == 1 and "Talks resume on Thursday" in replies[0].text
    assert any("Second port" in m.text for m in fake_slack.posts(NEW) if not m.thread_ts)
    assert not [c for c in fake_slack.calls_to("chat.postMessage", ok_only=False)
                if c.params.get("channel") == OLD and c.status == 200
                and "Talks" in str(c.params)], "nothing posted to the old id"
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE status != 'sent'").fetchone()[0] == 0


def _moved(runtime, fake_slack, fresh_db) -> None:
    """Slack gives OLD its new id, then tells the bot; wait until the rows have moved."""
    fake_slack.change_channel_id(OLD, NEW)
    send_event(runtime, {"type": "channel_id_changed", "old_channel_id": OLD,
                         "new_channel_id": NEW, "event_ts": "1612206778.000000"})
    wait_for(lambda: moved_to(fresh_db, OLD) == NEW)


def _nothing_lost(fake_slack, fresh_db, first_ts: str,
                  news: tuple[str, ...] = ("Talks resume on Thursday",)) -> None:
    """Each update went to the new id, in the story's thread, once; nothing failed or paused."""
    replies = [m.text for m in fake_slack.posts(NEW) if m.thread_ts == first_ts]
    assert [[n for n in news if n in text] for text in replies] == [[n] for n in news], replies
    assert fresh_db.execute("SELECT status, channel, posted_channel FROM alerts ORDER BY id"
                            ).fetchall() == [("sent", NEW, NEW)] * (1 + len(news))
    assert fresh_db.execute("SELECT count(*) FROM subscriptions WHERE paused_at IS NOT NULL "
                            ).fetchone()[0] == 0


def test_an_alert_queued_for_the_old_id_after_the_move_lands_in_the_new_channel(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    story_id = _first_alert_posted(runtime, fake_slack, fresh_db, topic, at)
    [first] = fake_slack.posts(OLD)
    _moved(runtime, fake_slack, fresh_db)
    # a fan-out that read the subscriptions before the move queues an update to the old id
    late = update(fresh_db, topic, story_id, "Talks resume on Thursday")
    with transaction(fresh_db):
        fresh_db.execute("UPDATE alerts SET channel = ? WHERE article_id = ?", [OLD, late])
    # and one to both ids: the new id has it already, so it goes out once
    both = update(fresh_db, topic, story_id, "Port authority calls in mediators")
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, next_attempt_at, created_at) SELECT story_id, article_id, "
                         "?, kind, status, 0, next_attempt_at, created_at FROM alerts "
                         "WHERE article_id = ?", [OLD, both])
    for second in range(1, 6):
        runtime.deliver_pending(now=at(second))
    _nothing_lost(fake_slack, fresh_db, first.ts,
                  ("Talks resume on Thursday", "Port authority calls in mediators"))


def test_an_alert_in_flight_during_the_move_is_recorded_under_the_new_id(
        runtime, fake_slack, fresh_db, db_path, topic, monkeypatch, at):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    # Slack takes the post to OLD, then changes its id and the bot moves its rows before the
    # sender records the post
    _move_at_first_post(fake_slack, db_path, monkeypatch, after_reply=True)
    runtime.deliver_pending(now=at(0))
    [first] = fake_slack.posts(NEW)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    for second in range(1, 4):
        runtime.deliver_pending(now=at(second))
    _nothing_lost(fake_slack, fresh_db, first.ts)


def test_an_alert_refused_on_the_old_id_as_it_moves_is_sent_to_the_new_one(
        runtime, fake_slack, fresh_db, db_path, topic, monkeypatch, at):  # noqa: F811
    story_id = _first_alert_posted(runtime, fake_slack, fresh_db, topic, at)
    [first] = fake_slack.posts(OLD)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    # the id changes and the rows move just before the post reaches Slack
    moves = _move_at_first_post(fake_slack, db_path, monkeypatch, after_reply=False)
    for second in range(1, 8):
        runtime.deliver_pending(now=at(second))
    assert moves, "the post went to the old id"
    _nothing_lost(fake_slack, fresh_db, first.ts)


def _move_at_first_post(fake_slack, db_path, monkeypatch, *, after_reply: bool) -> list[str]:
    """At the first post to OLD, Slack gives the channel its new id and the bot moves its rows
    (on its own connection), before or after Slack answers; returns the moves made."""
    answer = fake_slack.handle
    moves: list[str] = []

    def handle(method, params, body, token):
        reply = answer(method, params, body, token) if after_reply else None
        if method == "chat.postMessage" and params.get("channel") == OLD and not moves:
            moves.append(NEW)
            fake_slack.change_channel_id(OLD, NEW)
            mover = open_db(db_path)
            with transaction(mover):
                move_channel(mover, OLD, NEW)
            mover.close()
        return reply if after_reply else answer(method, params, body, token)

    monkeypatch.setattr(fake_slack, "handle", handle)
    return moves


def _first_alert_posted(runtime, fake_slack, fresh_db, topic_id, at) -> int:
    """OLD, a private channel, follows the topic and has had a story's first alert."""
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic_id, OLD)
    story_id, _ = new_story(fresh_db, topic_id, title="Dockworkers walk out")
    runtime.deliver_pending(now=at(0))
    return story_id


def _refused_in_the_gap(runtime, fake_slack, fresh_db, topic_id, at) -> tuple[str, int]:
    """Slack gives OLD its new id before it tells the bot: the story's updates are refused
    ``channel_not_found`` and the channel pauses; a story found meanwhile queues nothing."""
    story_id = _first_alert_posted(runtime, fake_slack, fresh_db, topic_id, at)
    [first] = fake_slack.posts(OLD)
    fake_slack.change_channel_id(OLD, NEW)
    update(fresh_db, topic_id, story_id, "Talks resume on Thursday")
    update(fresh_db, topic_id, story_id, "Union rejects the offer")
    runtime.deliver_pending(now=at(1))
    runtime.deliver_pending(now=at(2))
    new_story(fresh_db, topic_id, title="Second port joins the strike")
    return first.ts, story_id


def test_alerts_refused_before_slack_sends_the_event_are_posted_once_in_the_new_channel(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    first_ts, _ = _refused_in_the_gap(runtime, fake_slack, fresh_db, topic, at)
    assert [s.paused_reason for s in subscriptions_of(fresh_db, [OLD])] == ["channel_not_found"]
    assert fresh_db.execute("SELECT status FROM alerts ORDER BY id").fetchall() == [
        ("sent",), ("failed",), ("failed",)]
    send_event(runtime, {"type": "channel_id_changed", "old_channel_id": OLD,
                         "new_channel_id": NEW, "event_ts": "1612206778.000000"})
    wait_for(lambda: moved_to(fresh_db, OLD) == NEW)
    for second in range(3, 12):
        runtime.deliver_pending(now=at(second))
    assert [s.paused_reason for s in subscriptions_of(fresh_db, [NEW])] == [None]
    replies = [m.text for m in fake_slack.posts(NEW) if m.thread_ts == first_ts]
    assert len(replies) == 2, replies
    assert "Talks resume on Thursday" in replies[0] and "Union rejects the offer" in replies[1]
    assert len([m for m in fake_slack.posts(NEW) if "Second port" in m.text]) == 1
    assert len([m for m in fake_slack.posts(NEW) if not m.thread_ts]) == 2
    assert fresh_db.execute("SELECT status, channel FROM alerts ORDER BY id").fetchall() == [
        ("sent", NEW)] * 4
    # the event again (Slack retries it) posts nothing twice
    send_event(runtime, {"type": "channel_id_changed", "old_channel_id": OLD,
                         "new_channel_id": NEW, "event_ts": "1612206778.000000"})
    for second in range(12, 15):
        runtime.deliver_pending(now=at(second))
    assert len(fake_slack.posts(NEW)) == 4


def test_a_channel_paused_for_another_reason_stays_paused_when_its_id_changes(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    story_id = _first_alert_posted(runtime, fake_slack, fresh_db, topic, at)
    fake_slack.refuse_next(1, error="restricted_action")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    runtime.deliver_pending(now=at(1))
    assert [s.paused_reason for s in subscriptions_of(fresh_db, [OLD])] == ["restricted_action"]
    _moved(runtime, fake_slack, fresh_db)
    for second in range(2, 6):
        runtime.deliver_pending(now=at(second))
    assert [s.paused_reason for s in subscriptions_of(fresh_db, [NEW])] == ["restricted_action"]
    assert fresh_db.execute("SELECT status, channel FROM alerts ORDER BY id").fetchall() == [
        ("sent", NEW), ("failed", NEW)]
    assert len(fake_slack.posts(NEW)) == 1


def test_an_alert_slack_took_just_before_the_id_changed_is_not_posted_twice(
        runtime, fake_slack, fresh_db, topic, at):  # noqa: F811
    story_id = _first_alert_posted(runtime, fake_slack, fresh_db, topic, at)
    [first] = fake_slack.posts(OLD)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    fake_slack.drop_next(1, methods={"chat.postMessage"})  # posted; the answer is lost
    runtime.deliver_pending(now=at(1))
    fake_slack.change_channel_id(OLD, NEW)
    for second in range(32, 38):  # after the late wait, "already posted?" is refused
        runtime.deliver_pending(now=at(second))  # channel_not_found: it fails
    assert fresh_db.execute("SELECT status FROM alerts ORDER BY id").fetchall() == [
        ("sent",), ("failed",)]
    _moved(runtime, fake_slack, fresh_db)
    for second in range(38, 42):
        runtime.deliver_pending(now=at(second))
    _nothing_lost(fake_slack, fresh_db, first.ts)


def test_an_alert_queued_on_both_ids_and_in_flight_as_they_merge_is_posted_once(
        runtime, fake_slack, fresh_db, db_path, topic, monkeypatch, at):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    _, article_id = new_story(fresh_db, topic, title="Dockworkers walk out")
    with transaction(fresh_db):  # queued under the new id too, by someone already using it
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, next_attempt_at, created_at) SELECT story_id, article_id, "
                         "?, kind, status, 0, next_attempt_at, created_at FROM alerts "
                         "WHERE article_id = ?", [NEW, article_id])
    # Slack takes the post to OLD, then the rows move while the sender waits for its answer
    _move_at_first_post(fake_slack, db_path, monkeypatch, after_reply=True)
    for second in range(0, 4):
        runtime.deliver_pending(now=at(second))
    assert ["Dockworkers walk out" in m.text for m in fake_slack.posts(NEW)] == [True]
    assert fresh_db.execute("SELECT status, channel, posted_channel FROM alerts").fetchall() == [
        ("sent", NEW, NEW)]
