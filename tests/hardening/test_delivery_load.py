"""Delivery under load: Slack answers 429 to a quarter of calls and 500 to a few; nothing lost."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from storage.alerts import pending_alerts
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.hardening.conftest import scale
from tests.hardening.outbox import build_outbox, check_each_alert_posted_once_in_order


def deliver_everything(runtime: SlackRuntime, *, max_passes: int) -> int:
    """Deliver in virtual time (1.05 s a pass) until the outbox is empty; returns passes."""
    db = runtime.store.get()
    now = datetime.now(UTC)
    for passes in range(1, max_passes + 1):
        runtime.deliver_pending(now=now)
        now += timedelta(seconds=1.05)
        if not pending_alerts(db):
            return passes
    raise AssertionError(f"outbox not empty after {max_passes} passes")


def test_every_alert_arrives_in_order_while_slack_throttles_and_fails(settings: Settings):
    stories, updates = scale(25, 500), scale(3, 19)
    with FakeSlack() as fake:
        runtime = SlackRuntime(replace(settings, slack_bot_token=VALID_TOKEN,
                                       slack_signing_secret="s" * 32,
                                       slack_api_url=fake.base_url), verify_token=False)
        db = runtime.store.get()
        alerts = build_outbox(db, stories=stories, updates=updates)
        fake.fail_fraction(0.25, status=429, retry_after=1, seed=11)
        fake.fail_fraction(0.02, status=500, retry_after=1, seed=11)
        started = time.perf_counter()
        passes = deliver_everything(runtime, max_passes=alerts * 20)
        seconds = time.perf_counter() - started
        posted = check_each_alert_posted_once_in_order(db, fake)
        statuses = [c.status for c in fake.calls]
    assert posted == alerts == stories * (updates + 1) * 3
    rate_limited, failed = statuses.count(429), statuses.count(500)
    assert rate_limited > 0.15 * len(statuses) and failed > 0
    print(f"\n{stories * (updates + 1)} articles, {alerts} alerts posted once each in order; "
          f"{len(statuses)} Web API calls, {rate_limited} answered 429, {failed} answered 500; "
          f"{passes} sender passes, {seconds:.1f} s")
