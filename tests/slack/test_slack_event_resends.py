"""Slack sends an event again until a delivery of it is answered with a 2xx: a run killed after
its listener acted and before the answer went out is sent it again, and the next run acts on it
again (at least once). An event Slack sends again after a later one never undoes the later one
(the real runtime over HTTP, signed events, the fake Slack, a real SQLite file). Why the other
listeners' work done twice is harmless: docs/RELIABILITY.md, delivery audit, fourth pass."""

from __future__ import annotations

import json
import logging
import time

from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import events_url, wait_for

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
    killed = SlackRuntime(slack_settings)
    killed.start()
    try:
        deliver(killed, made_guest)
        wait_for(lambda: running(fresh_db) == 0)
        left_by_a_killed_run(fresh_db, made_guest)
    finally:
        killed.stop()
    deliver(runtime, account_change(guest=False, at=now))
    wait_for(lambda: running(fresh_db) == 1)
    with caplog.at_level(logging.INFO, logger="bot.slack.guest_accounts"):
        deliver(runtime, made_guest, resend=1)
        wait_for(lambda: running(fresh_db) == 0 or "ignored" in caplog.text)
    assert running(fresh_db) == 1, "the later change stands"

