"""An update in flight, retried in its story's thread when the channel has stopped taking
replies: Slack refuses the reply and the update goes to the top level in the same pass. The
tried thread is read once in that pass, not once before each of the two tries: the refused
reply made nothing there. The sender over the fake Slack's HTTP (its call log counts the
reads), a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

from bot.alerts.calls import ANSWER_LATE_WAIT
from tests.fakes.slack_api import FakeSlack
from tests.slack.test_slack_no_threads_between_tries import DESK, UPDATE, tried_in_the_thread
from tests.slack.test_slack_two_lost_answers import READS

STEP = timedelta(seconds=ANSWER_LATE_WAIT + 1)


def test_a_retry_sent_to_the_top_level_reads_the_tried_thread_once(fresh_db,
                                                                    fake_slack: FakeSlack):
    """Before: the pass that moved the update to the top level read the thread twice, one
    `conversations.replies` before the refused reply and one, the same, before the post."""
    sender, tried, root = tried_in_the_thread(fresh_db, fake_slack)
    moment, reads = tried, []
    while fresh_db.execute("SELECT status FROM alerts WHERE id = ?", [UPDATE]).fetchone() \
            != ("sent",):
        moment += STEP
        assert moment < tried + timedelta(minutes=10), "never posted"
        before = len(fake_slack.calls)
        sender.deliver(fresh_db, now=moment)
        reads = [(c.method, c.params.get("ts")) for c in fake_slack.calls[before:]
                 if c.method in READS]
    assert reads == [("conversations.replies", root)], reads
    [top] = [m for m in fake_slack.posts(DESK) if m.thread_ts is None and m.ts != root]
    assert fresh_db.execute("SELECT ts, thread_ts FROM alerts WHERE id = ?",
                            [UPDATE]).fetchone() == (top.ts, None)


def test_the_first_tries_reply_made_late_is_still_found_not_posted_again(
        fresh_db, fake_slack: FakeSlack):
    """The never-twice check kept: Slack makes the first try's held reply before the retry's
    look, which finds it in the thread and records it; nothing goes to the top level."""
    sender, tried, root = tried_in_the_thread(fresh_db, fake_slack)
    assert fake_slack.do_held_work() == 1
    [reply] = [m for m in fake_slack.posts(DESK) if m.thread_ts == root]
    moment = tried
    while fresh_db.execute("SELECT status FROM alerts WHERE id = ?", [UPDATE]).fetchone() \
            != ("sent",):
        moment += STEP
        assert moment < tried + timedelta(minutes=10), "never found"
        sender.deliver(fresh_db, now=moment)
    assert fresh_db.execute("SELECT ts FROM alerts WHERE id = ?", [UPDATE]).fetchone() \
        == (reply.ts,)
    assert len(fake_slack.posts(DESK)) == 2, "the story's message and the reply, no other"
