"""SIGKILL a process delivering alerts at random points, restart it: each alert posted once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.alerts import count_pending
from storage.db import open_db
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.hardening.conftest import REPO, cli_env, long_only
from tests.hardening.outbox import build_outbox, check_each_alert_posted_once_in_order


class KillingSlack(FakeSlack):
    """A fake Slack that can SIGKILL the sender after recording a post, before answering it."""

    victim: int | None = None
    kill_at: int | None = None

    def _api_chat_postMessage(self, params: dict) -> dict:
        answer = super()._api_chat_postMessage(params)
        if self.victim and self.kill_at is not None and len(self.messages) >= self.kill_at:
            os.kill(self.victim, signal.SIGKILL)
            self.kill_at = None
        return answer


def start_driver(env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "a") as out:
        return subprocess.Popen([sys.executable, "-m", "tests.hardening.delivery_driver"],
                                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for_posts(fake: FakeSlack, proc: subprocess.Popen, count: int) -> None:
    while len(fake.posts()) < count and proc.poll() is None:
        time.sleep(0.005)


def kill_once(fake: KillingSlack, env: dict, log: Path, rng: random.Random, *,
              in_flight: bool) -> bool:
    """One delivery process killed either mid-request or at a random moment between posts."""
    target = len(fake.posts()) + rng.randint(1, 8)
    proc = start_driver(env, log)
    if in_flight:
        fake.victim, fake.kill_at = proc.pid, target
    else:
        wait_for_posts(fake, proc, target)
        time.sleep(rng.uniform(0, 0.03))
        proc.kill()
    proc.wait(timeout=300)
    fake.victim = fake.kill_at = None
    return proc.returncode == -signal.SIGKILL


def crash_deliveries(tmp_path: Path, *, stories: int, updates: int, kills: int,
                     seed: int) -> tuple[int, int, int]:
    db_path = tmp_path / "w.db"
    db = open_db(db_path)
    alerts = build_outbox(db, stories=stories, updates=updates)
    rng = random.Random(seed)
    log = tmp_path / "driver.log"
    with KillingSlack() as fake:
        fake.fail_fraction(0.05, status=500, seed=seed)
        env = cli_env(db_path, SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET="s" * 32,
                      WIREWATCH_SLACK_API_URL=fake.base_url)
        killed = sum(kill_once(fake, env, log, rng, in_flight=n % 2 == 0) for n in range(kills))
        final = start_driver(env, log)
        assert final.wait(timeout=600) == 0, log.read_text()[-3000:]
        assert "Traceback" not in log.read_text()
        assert count_pending(db) == 0
        posted = check_each_alert_posted_once_in_order(db, fake)
        failed_calls = len([c for c in fake.calls if c.status == 500])
        lookups = [c for c in fake.calls
                   if c.method in ("conversations.history", "conversations.replies")]
    assert posted == alerts
    assert lookups, "a restart looked for posts made before the kill"
    return alerts, killed, failed_calls


def test_sigkill_during_delivery_posts_every_alert_exactly_once(tmp_path):
    alerts, killed, failed = crash_deliveries(tmp_path, stories=6, updates=2, kills=4, seed=3)
    print(f"\nbounded: {alerts} alerts, {killed} kills mid-delivery, {failed} Slack 500s; "
          "each alert posted exactly once")
    assert killed >= 3 and alerts == 6 * 3 * 3


@long_only
@pytest.mark.slow
def test_sigkill_during_delivery_long_form(tmp_path):
    alerts, killed, failed = crash_deliveries(tmp_path, stories=40, updates=3, kills=60, seed=4)
    print(f"\nlong form: {alerts} alerts, {killed} kills mid-delivery, {failed} Slack 500s; "
          "each alert posted exactly once")
    assert killed >= 50
