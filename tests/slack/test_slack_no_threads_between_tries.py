"""A channel switched to take no thread replies between two tries of an update: the first try
went into its story's thread and its answer never came (a gateway's 504 while Slack holds the
work); the retry is refused in the thread and posted at the top level. When Slack then makes
the first try's reply, the stray watch reads the thread the try went to and deletes it: the
desk keeps one copy. Stories stored directly, the sender over the fake Slack's HTTP, a real
SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.alerts.sender import AlertSender
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_late_posts import (
    alert_of,
    copies,
    posted_again_after_the_late_window,
    watch_for_two_hours,
)
from tests.slack.test_slack_sender import follow, new_story, update

DESK = "C0DESK"
UPDATE = 2
"""The update tried in its story's thread."""


def tried_in_the_thread(db: Database, fake: FakeSlack) -> tuple[AlertSender, datetime, str]:
    """The walkout's first alert posted; its update tried in its thread, answered 504 while
    Slack holds the work; then the desk's settings allow no threads. Returns the sender, when
    the update was tried and the thread's ts."""
    with transaction(db):
        topic = add_topic(db, name="Port strike", query="dockworkers")
    follow(db, topic, DESK)
    story, _ = new_story(db, topic, title="Dockworkers walk out")
    sender = sender_for(fake)
    start = datetime.now(UTC)
    assert sender.deliver(db, now=start) == 1
    root = fake.posts(DESK)[0].ts
    update(db, topic, story, "Talks resume on Thursday")
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    tried = start + timedelta(seconds=2)
    assert sender.deliver(db, now=tried) == 0
    assert db.execute("SELECT thread_ts FROM alerts WHERE id = ?", [UPDATE]).fetchone()[0] == root
    fake.channel(DESK).refuses_replies = True
    return sender, tried, root


def test_a_stray_reply_of_a_try_before_threads_were_switched_off_is_deleted(
        fresh_db, fake_slack: FakeSlack):
    """Before desk54b the watch read only the top level, where the update was posted again:
    the first try's reply, made late in the thread, stayed beside it (two copies)."""
    sender, tried, root = tried_in_the_thread(fresh_db, fake_slack)
    posted = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    [(ts, thread_ts)] = fresh_db.execute("SELECT ts, thread_ts FROM alerts WHERE id = ?",
                                         [UPDATE])
    assert thread_ts is None, "posted at the top level: the channel takes no replies now"
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's reply only now"
    assert copies(fake_slack, UPDATE) == 2
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts() if alert_of(m) == UPDATE] == [ts]


def test_a_try_made_in_the_thread_is_found_there_after_the_switch(
        fresh_db, fake_slack: FakeSlack):
    """Slack made the first try's reply before the switch (only its answer was lost): the
    retry finds it in the thread and posts nothing more."""
    sender, tried, root = tried_in_the_thread(fresh_db, fake_slack)
    assert fake_slack.do_held_work() == 1
    for n in range(1, 4):
        sender.deliver(fresh_db, now=tried + timedelta(minutes=n))
    [(status, thread_ts)] = fresh_db.execute("SELECT status, thread_ts FROM alerts WHERE id = ?",
                                             [UPDATE])
    assert (status, thread_ts) == ("sent", root)
    assert copies(fake_slack, UPDATE) == 1
