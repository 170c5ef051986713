"""Slack sends an event again until a delivery of it is answered with a 2xx: a run killed after
its listener acted and before the answer went out is sent it again, and the next run acts on it
again (at least once). An event Slack sends again after a later one never undoes the later one
(the real runtime over HTTP, signed events, the fake Slack, a real SQLite file). Why the other
listeners' work done twice is harmless: docs/RELIABILITY.md, delivery audit, fourth pass."""

from __future__ import annotations

import json
import logging
import threading
import time

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.slack.guest_accounts import follow_account
from bot.slack.services import CONTEXT_KEY, Services
from bot.stories.tracking import add_topic
from handlers.events.lifecycle import handle_pausing, handle_unarchive
from storage.db import ThreadLocalDb, open_db, transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import event_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import events_url, started, wait_for

FREELANCER = "U0FREELANCE"


def account_change(*, guest: bool, at: int) -> str:
    """Slack's ``user_change`` for the freelancer, sent at ``at`` (its event_time)."""
    body = json.loads(event_body({"type": "user_change", "user": {
        "id": FREELANCER, "deleted": False, "is_restricted": guest,
        "is_ultra_restricted": False}}))
    body["event_time"] = at
    return json.dumps(body)


def deliver(runtime, body: str, *, resend: int = 0):
    headers = {"X-Slack-Retry-Num": str(resend), "X-Slack-Retry-Reason": "http_error"} \
        if resend else {}
    reply = post_signed(events_url(runtime), body, content_type="application/json",
                        timestamp=int(time.time()) + resend, headers=headers)
    assert reply.status == 200


def left_by_a_killed_run(db, body: str) -> None:
    """The event acted on, and its claim as a run killed before answering leaves it: taken,
    never settled, by a run now gone (the runtime that took it is stopped after this)."""
    key = f"event:{json.loads(body)['event_id']}"
    wait_for(lambda: db.execute("SELECT owner FROM served_requests WHERE key = ?",
                                [key]).fetchone() == (None,))
    with transaction(db):
        db.execute("UPDATE served_requests SET owner = 'a-run-now-gone', claimed_at = ? "
                   "WHERE key = ?", [int(time.time()), key])


def running(db) -> int:
    return db.execute("SELECT count(*) FROM subscriptions WHERE paused_at IS NULL").fetchone()[0]


def test_an_account_change_sent_again_after_a_later_one_does_not_undo_it(
        runtime, slack_settings, fresh_db, caplog):
    """A member made a guest (their direct-message subscription pauses), the run killed before
    answering; the account made a member again (it resumes), then Slack's resend of the first
    change. Before: acted on again, the member's subscription paused for good. Now a change
    older than one applied to the account is ignored, as a channel's events are."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Quay fires", query="silo OR fire")
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id=FREELANCER,
                  mode="realtime", created_by=FREELANCER, at="2026-12-01T05:00:00+00:00")
    now = int(time.time())
    made_guest = account_change(guest=True, at=now - 60)
    with started(slack_settings) as killed:
        deliver(killed, made_guest)
        wait_for(lambda: running(fresh_db) == 0)
        left_by_a_killed_run(fresh_db, made_guest)
    deliver(runtime, account_change(guest=False, at=now))
    wait_for(lambda: running(fresh_db) == 1)
    with caplog.at_level(logging.INFO, logger="bot.slack.guest_accounts"):
        deliver(runtime, made_guest, resend=1)
        wait_for(lambda: running(fresh_db) == 0 or "ignored" in caplog.text)
    assert running(fresh_db) == 1, "the later change stands"



def profile(*, guest: bool) -> dict:
    return {"id": FREELANCER, "deleted": False, "is_restricted": guest,
            "is_ultra_restricted": False}


class BetweenTransactions:
    """Runs ``other`` on its own connection at the first transaction boundary after this
    connection's check of the account's newest change (the moment another worker's event can
    come in between), or at the end if there is none."""

    def __init__(self, other) -> None:
        self.other, self.checked, self.committed = other, False, False
        self.thread: threading.Thread | None = None

    def __call__(self, statement: str) -> None:
        if "channel_events" in statement:
            self.checked = True
        elif self.checked and statement.strip().upper() == "COMMIT":
            self.committed = True
        elif self.committed and self.thread is None:
            self.run(wait=2.0)

    def run(self, *, wait: float | None = None) -> None:
        """Another worker's event; it finishes before this one goes on unless this one holds
        the database (then it waits its turn, ``wait`` seconds on)."""
        if self.thread is None:
            self.thread = threading.Thread(target=self.other, daemon=True)
            self.thread.start()
        self.thread.join(wait)


def test_two_workers_with_an_accounts_changes_at_once_leave_the_newer_one_standing(db_path):
    """Two workers take two changes of one account at once: the older (made a guest) and the
    newer (a member again). Before: the older's check that it was the newest and its pause
    were two transactions, and the newer ran whole between them (nothing to resume yet), so the
    older's pause stood: a member's direct-message subscriptions paused for good. Now the
    check and the change are one transaction."""
    first, second = open_db(db_path), open_db(db_path)
    try:
        with transaction(first):
            topic = add_topic(first, name="Quay fires", query="silo OR fire")
            subscribe(first, topic_id=topic, target_type="user", target_id=FREELANCER,
                      mode="realtime", created_by=FREELANCER, at="2026-12-01T05:00:00+00:00")
        now = int(time.time())
        newer = BetweenTransactions(
            lambda: follow_account(second, profile(guest=False), event_time=now))
        first.conn.set_trace_callback(newer)
        follow_account(first, profile(guest=True), event_time=now - 60)
        first.conn.set_trace_callback(None)
        newer.run()
        assert running(first) == 1, "the newer change (a member) stands"
    finally:
        first.close()
        second.close()


def test_two_workers_with_a_channels_events_at_once_leave_the_newer_one_standing(
        db_path, fake_slack, slack_settings):
    """Two workers take two events of one channel at once: the older archives it, the newer
    unarchives it. Before: the older's check that it was the newest and its pause were two
    transactions, the newer ran whole between them (nothing paused to resume yet), and the
    pause stood: the channel's subscriptions paused for good. Now one transaction, as an
    account's changes (above)."""
    first, second = ThreadLocalDb(db_path), ThreadLocalDb(db_path)
    with transaction(first.get()):
        topic = add_topic(first.get(), name="Quay fires", query="silo OR fire")
        subscribe(first.get(), topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-12-01T05:00:00+00:00")
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    now = int(time.time())

    def event(kind: str, at: int, store: ThreadLocalDb):
        said = {"type": kind, "channel": "C0DESK", "user": "U1"}
        body = {"event_time": at, "event": said}
        context = BoltContext({CONTEXT_KEY: Services(store, slack_settings)})
        handler = handle_pausing if kind == "channel_archive" else handle_unarchive
        return lambda: handler(said, body, client, context)

    newer = BetweenTransactions(event("channel_unarchive", now, second))
    first.get().conn.set_trace_callback(newer)
    event("channel_archive", now - 60, first)()
    first.get().conn.set_trace_callback(None)
    newer.run()
    assert first.get().execute("SELECT count(*) FROM subscriptions WHERE paused_at IS NULL"
                               ).fetchone()[0] == 1, "the newer event (unarchived) stands"
