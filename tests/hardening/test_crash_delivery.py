"""SIGKILL a process delivering alerts at random points, restart it: each alert posted once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.alerts import pending_alerts
from storage.db import open_db
from tests.fakes.slack_api import DROPPED, VALID_TOKEN, FakeSlack
from tests.hardening.conftest import REPO, cli_env, long_only
from tests.hardening.outbox import build_outbox, check_each_alert_posted_once_in_order
from tests.stopping import LAST_RESORT_S


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
    proc.wait(timeout=LAST_RESORT_S)
    fake.victim = fake.kill_at = None
    return proc.returncode == -signal.SIGKILL


@dataclass(frozen=True)
class Faults:
    """What the fake Slack does besides answering: shares of calls failed, dropped, limited."""

    errors: float = 0.05
    drops: float = 0.0
    rate_limits: float = 0.0
    unjoined: bool = False


def crash_deliveries(tmp_path: Path, *, stories: int, updates: int, kills: int, seed: int,
                     faults: Faults = Faults()) -> tuple[int, int, dict[str, int]]:
    """Alerts, kills that landed, and how many calls the fake failed in each way."""
    db_path = tmp_path / "w.db"
    db = open_db(db_path)
    alerts = build_outbox(db, stories=stories, updates=updates)
    rng = random.Random(seed)
    log = tmp_path / "driver.log"
    with KillingSlack() as fake:
        _set_faults(fake, faults, seed)
        env = cli_env(db_path, SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET="s" * 32,
                      WIREWATCH_SLACK_API_URL=fake.base_url)
        killed = sum(kill_once(fake, env, log, rng, in_flight=n % 2 == 0) for n in range(kills))
        final = start_driver(env, log)
        assert final.wait(timeout=3600) == 0, log.read_text()[-3000:]
        assert "Traceback" not in log.read_text()
        assert not pending_alerts(db)
        posted = check_each_alert_posted_once_in_order(db, fake)
        counts = {name: len([c for c in fake.calls if c.status == status])
                  for name, status in (("500", 500), ("429", 429), ("dropped", DROPPED))}
        lookups = [c for c in fake.calls
                   if c.method in ("conversations.history", "conversations.replies")]
    assert posted == alerts
    assert lookups, "a restart looked for posts made before the kill"
    return alerts, killed, counts


def _set_faults(fake: FakeSlack, faults: Faults, seed: int) -> None:
    if faults.rate_limits:
        fake.fail_fraction(faults.rate_limits, status=429, seed=seed)
    fake.fail_fraction(faults.errors, status=500, retry_after=1 if faults.rate_limits else 0,
                       seed=seed)
    if faults.drops:
        fake.drop_fraction(faults.drops)
    if faults.unjoined:
        fake.add_channel("C0NEWS", member=False)


def test_sigkill_during_delivery_posts_every_alert_exactly_once(tmp_path):
    alerts, killed, counts = crash_deliveries(tmp_path, stories=6, updates=2, kills=4, seed=3)
    print(f"\nbounded: {alerts} alerts, {killed} kills mid-delivery, {counts['500']} Slack "
          "500s; each alert posted exactly once")
    assert killed >= 3 and alerts == 6 * 3 * 3


@long_only
@pytest.mark.slow
def test_sigkill_during_delivery_long_form(tmp_path):
    alerts, killed, counts = crash_deliveries(tmp_path, stories=40, updates=3, kills=60, seed=4)
    print(f"\nlong form: {alerts} alerts, {killed} kills mid-delivery, {counts['500']} Slack "
          "500s; each alert posted exactly once")
    assert killed >= 50


MIXED = Faults(errors=0.02, drops=0.05, rate_limits=0.1, unjoined=True)


def test_drops_kills_and_429s_together_post_every_alert_once(tmp_path):
    """Connections dropped after Slack did the work, SIGKILLs, 429s and 500s, and one public
    channel the bot has not joined (its history needs a join before a lookup)."""
    started = time.monotonic()
    alerts, killed, counts = crash_deliveries(tmp_path, stories=6, updates=2, kills=4, seed=5,
                                              faults=MIXED)
    print(f"\nbounded mixed: {alerts} alerts, {killed} kills, {counts['dropped']} dropped, "
          f"{counts['429']} 429s, {counts['500']} 500s, {time.monotonic() - started:.1f} s; "
          "0 lost, 0 doubled")
    assert counts["dropped"] > 0 and killed >= 3


@long_only
@pytest.mark.slow
def test_drops_kills_and_429s_long_form(tmp_path):
    started = time.monotonic()
    alerts, killed, counts = crash_deliveries(tmp_path, stories=420, updates=3, kills=40,
                                              seed=6, faults=MIXED)
    print(f"\nlong mixed: {alerts} alerts, {killed} kills, {counts['dropped']} dropped, "
          f"{counts['429']} 429s, {counts['500']} 500s, {time.monotonic() - started:.0f} s; "
          "0 lost, 0 doubled")
    assert alerts >= 5000 and killed >= 30 and counts["dropped"] > 100
