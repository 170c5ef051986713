"""A real `wirewatch run` killed (SIGKILL) after Slack took a post and before the outbox marked
it, one of its earlier posts' answers lost on a dropped connection, or killed inside a hold
Slack asked for: the next run posts each alert once, in order, and keeps to the hold."""

from __future__ import annotations

import signal
from pathlib import Path

from storage.alerts import pending_alerts
from storage.articles import now_iso
from storage.db import open_db
from storage.outbox_waiting import why_waiting
from storage.slack_holds import kept_holds
from tests.fakes.slack_api import FakeSlack
from tests.hardening.outbox import build_outbox, check_each_alert_posted_once_in_order
from tests.hardening.test_crash_delivery import KillingSlack
from tests.sources.process import Running, slack_run

QUICK_TIMEOUT = "1"
"""The client's timeout (s): an answer never come is looked for after 3 s, its window 12 s."""
HOLD_S = 20
"""Longer than a restart takes on a loaded machine (about 10 s), so one that ignored it shows."""


def post_times(fake: FakeSlack, channel: str) -> list[float]:
    """When each post to ``channel`` Slack took reached it (monotonic seconds)."""
    return [call.at for call in fake.calls
            if call.method == "chat.postMessage" and call.params.get("channel") == channel
            and call.status in (200, -1)]


def run_to_empty(db_path: Path, fake: FakeSlack, processes: list) -> Running:
    """A run on ``db_path`` left going until its outbox is empty."""
    db = open_db(db_path, migrate=False)
    run = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT=QUICK_TIMEOUT)
    try:
        run.wait_until(lambda: not pending_alerts(db), what="the outbox emptied")
    finally:
        db.close()
    return run


def test_a_run_killed_after_slack_took_a_post_posts_each_alert_once(db_path, processes):
    """Two channels: the first post's connection drops after Slack took it (looked for only
    after the late wait, 3 s), the run is killed as Slack takes the second (its answer never
    came); the next run, started at once, finds both in Slack and posts the rest once each, in
    their threads. How long the restart took, from the killed post to its first, is printed (why the
    1 s per-channel pace is not kept: docs/RELIABILITY.md, delivery45)."""
    db = open_db(db_path)
    alerts = build_outbox(db, stories=2, updates=1, targets={"channel": ("C0DESK", "C0NEWS")})
    with KillingSlack() as fake:
        fake.drop_next(1, methods={"chat.postMessage"})
        first = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT=QUICK_TIMEOUT)
        fake.victim, fake.kill_at = first.proc.pid, 2
        assert first.exit_code() == -signal.SIGKILL, first.said()
        fake.victim = fake.kill_at = None
        waiting = why_waiting(db, now=now_iso()).pending
        assert waiting == alerts, "neither post recorded: the dropped one waits the late wait"
        killed_at = max(post_times(fake, "C0DESK") + post_times(fake, "C0NEWS"))
        second = run_to_empty(db_path, fake, processes)
        assert second.terminate() == 0
        assert check_each_alert_posted_once_in_order(db, fake) == alerts
        restarted = min(t for channel in ("C0DESK", "C0NEWS")
                        for t in post_times(fake, channel) if t > killed_at)
    print(f"\nfrom the killed post to the restart's first: {restarted - killed_at:.1f} s")
    assert "Traceback" not in "\n".join(second.errors)


def test_a_run_killed_inside_a_methods_hold_restarts_and_keeps_to_it(db_path, processes):
    """Slack answers the bot's opening of an editor's direct messages 429 (Retry-After 20 s);
    the run is killed as soon as the hold is kept, a story for another editor comes in, and
    the run is started again at once: it opens nobody's direct messages before the hold ends
    (the outbox alone holds back only the alert that met the 429), then posts each alert once."""
    db = open_db(db_path)
    alerts = build_outbox(db, stories=1, updates=0, targets={"user": ("U0ED",)})
    with FakeSlack() as fake:
        fake.fail_next(1, status=429, retry_after=HOLD_S, methods={"conversations.open"})
        first = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT=QUICK_TIMEOUT)
        first.wait_until(lambda: kept_holds(db), what="the hold kept")
        first.kill()
        alerts = build_outbox(db, stories=1, updates=0, name="Ferry",
                               targets={"user": ("U0FI",)})
        [held] = [call.at for call in fake.calls if call.status == 429]
        second = run_to_empty(db_path, fake, processes)
        assert second.terminate() == 0
        assert check_each_alert_posted_once_in_order(db, fake) == alerts
        opened = [call.at for call in fake.calls_to("conversations.open", ok_only=False)]
    assert min(at for at in opened if at > held) - held >= HOLD_S - 0.5
