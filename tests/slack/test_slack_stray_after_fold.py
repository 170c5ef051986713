"""A stray of a try made before a fold: a story's first alert in the channel tried at the top
level (its answer never came), then a fold gives the story the thread of the story folded into
it there; the try after the late window still goes to the top level, where the first went, and
Slack then makes the first try's post there. The real sender
and a real WebClient over HTTP, the fake Slack, a real SQLite file; the sender's time is
virtual, Slack's late work done when the test says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.sender import AlertSender
from tests.slack.in_flight import fold
from tests.slack.test_slack_fold_in_flight import strike_and_pickets
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_late_posts import (
    alert_of,
    copies,
    posted_again_after_the_late_window,
    watch_for_two_hours,
)
from tests.slack.test_slack_sender import update

UPDATE = 2
"""The alert tried at the top level, before and after the fold."""


def tried_on_top_before_a_fold(db, fake) -> tuple[AlertSender, datetime, str]:
    """The pickets' story posted in the desk channel; the strike's update, the strike's first
    message there, answered 504 while Slack holds its work; the pickets folded into the strike;
    the update posted again after the late window, at the top level (its ts)."""
    port, strike, pickets = strike_and_pickets(db, "C0DESK")
    sender = sender_for(fake)
    start = datetime.now(UTC)
    assert sender.deliver(db, now=start) == 1
    update(db, port, strike, "Harbour pickets join the council strike")
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    tried = start + timedelta(seconds=2)
    assert sender.deliver(db, now=tried) == 0
    assert db.execute("SELECT thread_ts FROM alerts WHERE id = ?", [UPDATE]).fetchone() == \
        (None,), "tried at the top level: the strike had no thread in the channel"
    fold(db, later=pickets, into=strike)
    posted = posted_again_after_the_late_window(db, fake, sender, tried)
    [(ts, thread_ts)] = db.execute("SELECT ts, thread_ts FROM alerts WHERE id = ?", [UPDATE])
    assert thread_ts is None, "posted again where the first try went, not in the fold's thread"
    return sender, posted, ts


def test_a_stray_at_the_top_level_of_a_try_before_a_fold_is_deleted(fresh_db, fake_slack):
    """Before desk53 the try after the fold was a reply in the fold's thread and the watch read
    only that thread, so the first try's post stayed at the top level: two copies."""
    sender, posted, ts = tried_on_top_before_a_fold(fresh_db, fake_slack)
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's post only now"
    assert copies(fake_slack, UPDATE) == 2
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == UPDATE] == [ts]


def test_the_post_made_again_is_never_taken_for_the_stray(fresh_db, fake_slack):
    """Slack never makes the first try's post: the watch deletes nothing; the post made again
    stays, and the pickets' first alert too."""
    sender, posted, ts = tried_on_top_before_a_fold(fresh_db, fake_slack)
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == UPDATE] == [ts]
    assert len(fake_slack.posts("C0DESK")) == 2
    assert not fake_slack.calls_to("chat.delete")
