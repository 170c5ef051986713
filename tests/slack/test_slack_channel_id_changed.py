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
from tests.slack.test_slack_lifecycle import at, send_event, topic  # noqa: F401 (fixture)
from tests.slack.test_slack_sender import follow, new_story, update

OLD, NEW, ELSEWHERE = "G0DESK", "C0DESK", "C0SPORT"
WHEN = "2026-11-24T05:00:00+00:00"


def test_a_channel_shared_with_another_organisation_keeps_everything(
        runtime, fake_slack, fresh_db, topic, caplog):  # noqa: F811
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
        runtime, fake_slack, fresh_db, topic):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    runtime.deliver_pending(now=at(0))
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
        runtime, fake_slack, fresh_db, db_path, topic, monkeypatch):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    answer = fake_slack.handle
    moves: list[str] = []

    def then_moved(method, params, body, token):
        """Slack takes the post to OLD, then changes its id and the bot moves its rows before
        the sender records the post."""
        reply = answer(method, params, body, token)
        if method == "chat.postMessage" and params.get("channel") == OLD and not moves:
            moves.append(NEW)
            fake_slack.change_channel_id(OLD, NEW)
            mover = open_db(db_path)
            with transaction(mover):
                move_channel(mover, OLD, NEW)
            mover.close()
        return reply

    monkeypatch.setattr(fake_slack, "handle", then_moved)
    runtime.deliver_pending(now=at(0))
    [first] = fake_slack.posts(NEW)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    for second in range(1, 4):
        runtime.deliver_pending(now=at(second))
    _nothing_lost(fake_slack, fresh_db, first.ts)


def test_an_alert_refused_on_the_old_id_as_it_moves_is_sent_to_the_new_one(
        runtime, fake_slack, fresh_db, db_path, topic, monkeypatch):  # noqa: F811
    fake_slack.add_channel(OLD, private=True)
    follow(fresh_db, topic, OLD)
    story_id, _ = new_story(fresh_db, topic, title="Dockworkers walk out")
    runtime.deliver_pending(now=at(0))
    [first] = fake_slack.posts(OLD)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    answer = fake_slack.handle
    moves: list[str] = []

    def moved_first(method, params, body, token):
        """The id changes and the rows move just before the post reaches Slack."""
        if method == "chat.postMessage" and params.get("channel") == OLD and not moves:
            moves.append(NEW)
            fake_slack.change_channel_id(OLD, NEW)
            mover = open_db(db_path)
            with transaction(mover):
                move_channel(mover, OLD, NEW)
            mover.close()
        return answer(method, params, body, token)

    monkeypatch.setattr(fake_slack, "handle", moved_first)
    for second in range(1, 8):
        runtime.deliver_pending(now=at(second))
    assert moves, "the post went to the old id"
    _nothing_lost(fake_slack, fresh_db, first.ts)
