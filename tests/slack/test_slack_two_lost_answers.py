"""Two lost answers in a row, in two conversations: an update tried in its story's thread (a
gateway's 504 while Slack holds the work), the channel then switched to take no replies, the
retry refused in the thread and tried at the top level, answered 504 too; the third try, at
the top level, posts it. Slack then makes both held posts, the reply in the thread and the
message at the top level: the stray watch reads each conversation a try went to, one look a
conversation, and the desk keeps one copy. Stories stored directly, the sender over the fake
Slack's HTTP, a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.alerts.calls import ANSWER_LATE_WAIT
from bot.alerts.sender import AlertSender
from bot.alerts.strays import LOOKS_A_PASS
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_late_posts import alert_of, copies, watch_for_two_hours
from tests.slack.test_slack_no_threads_between_tries import UPDATE, tried_in_the_thread

STEP = timedelta(seconds=ANSWER_LATE_WAIT + 1)
READS = {"conversations.history", "conversations.replies"}


def _state(db: Database) -> tuple[str, int | None]:
    return db.execute("SELECT status, tried_top_level FROM alerts WHERE id = ?",
                      [UPDATE]).fetchone()


def tried_in_the_thread_then_at_the_top(db: Database, fake: FakeSlack
                                        ) -> tuple[AlertSender, datetime]:
    """The update tried in the thread (504), then, after its late window, refused there and
    tried at the top level (504 again: Slack holds both). Returns the sender and when the top
    level was tried."""
    sender, tried, _ = tried_in_the_thread(db, fake)
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"}, replies=False)
    moment = tried
    while _state(db) != ("sending", 1):
        moment += STEP
        assert moment < tried + timedelta(minutes=10), "never tried at the top level"
        sender.deliver(db, now=moment)
    return sender, moment


def posted_at_last(db: Database, sender: AlertSender, tried: datetime) -> datetime:
    """Passes a look apart until the update is posted (or found); when."""
    moment = tried
    while _state(db)[0] != "sent":
        moment += STEP
        assert moment < tried + timedelta(minutes=10), "never posted"
        sender.deliver(db, now=moment)
    return moment


def test_both_strays_of_two_lost_answers_in_two_conversations_are_deleted(
        fresh_db, fake_slack: FakeSlack):
    """Before: the watch read only the thread, so the top-level try's post, made late, stayed
    beside the one posted again (two visible)."""
    sender, tried = tried_in_the_thread_then_at_the_top(fresh_db, fake_slack)
    posted = posted_at_last(fresh_db, sender, tried)
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = ?", [UPDATE]).fetchone()
    assert fake_slack.do_held_work() == 2, "Slack makes the reply and the top-level post now"
    assert copies(fake_slack, UPDATE) == 3
    watch_for_two_hours(fresh_db, sender_for(fake_slack), posted)
    assert [m.ts for m in fake_slack.posts() if alert_of(m) == UPDATE] == [ts]


def test_both_strays_are_deleted_when_the_third_try_is_found(fresh_db, fake_slack: FakeSlack):
    """The third try's connection dropped after Slack made it: found by the lookup and
    recorded; the two earlier tries' posts, made later, are both strays."""
    sender, tried = tried_in_the_thread_then_at_the_top(fresh_db, fake_slack)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    posted = posted_at_last(fresh_db, sender, tried)
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = ?", [UPDATE]).fetchone()
    assert copies(fake_slack, UPDATE) == 1, "found, not posted again"
    assert fake_slack.do_held_work() == 2
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts() if alert_of(m) == UPDATE] == [ts]


def test_a_pass_reads_one_conversation_a_look_while_slack_paces_reads(
        fresh_db, fake_slack: FakeSlack):
    """Slack answers one read in two of each method (429, Retry-After 60 s), as it paces apps
    outside its Marketplace: each watch keeps to its method's hold and reads on later, no pass
    reads more than its looks allow, and both strays are deleted within the watch."""
    sender, tried = tried_in_the_thread_then_at_the_top(fresh_db, fake_slack)
    posted = posted_at_last(fresh_db, sender, tried)
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = ?", [UPDATE]).fetchone()
    assert fake_slack.do_held_work() == 2
    for method in READS:
        fake_slack.pace(method, one_in=2)
    for minutes in range(1, 130):
        before = sum(1 for call in fake_slack.calls if call.method in READS)
        sender.deliver(fresh_db, now=posted + timedelta(minutes=minutes))
        reads = sum(1 for call in fake_slack.calls if call.method in READS) - before
        assert reads <= LOOKS_A_PASS, f"{reads} reads in the pass at {minutes} min"
    assert [m.ts for m in fake_slack.posts() if alert_of(m) == UPDATE] == [ts]
