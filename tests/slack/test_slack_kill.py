"""SIGKILL the delivering process at random moments, restart it: every alert posted exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts, pending_alerts
from storage.db import transaction
from tests.slack.test_slack_sender import follow
from tests.slack.world import add_article, add_story
from tests.stopping import wait_for

LONG = os.environ.get("WIREWATCH_LONG_TESTS") == "1"
KILLS, STORIES, CHANNELS = (40, 60, 5) if LONG else (4, 12, 3)
ROOT = Path(__file__).resolve().parents[2]


TIMEOUT = 1
"""Seconds the delivering process's client waits for an answer (the runtime's 10): a try whose
answer never came is looked for 3 s after it, not 30 (slack_clock.late_waits)."""


def start(db_path: Path, api_url: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "tests.slack.deliver_loop", str(db_path),
                             api_url, str(TIMEOUT)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout and proc.stderr
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def kill_then_finish(db_path: Path, db, fake_slack, *, kills: int, rng: random.Random,
                     uptime: tuple[float, float]) -> int:
    """Start the delivering process and SIGKILL it after ``uptime`` seconds (at random, within),
    ``kills`` times while Slack takes 0.2 s to answer each post, then let one finish the outbox;
    returns how many alerts the kills caught in flight."""
    fake_slack.slow_down(0.2, methods={"chat.postMessage"})
    caught_in_flight = 0
    for _ in range(kills):
        proc = start(db_path, fake_slack.base_url)
        time.sleep(rng.uniform(*uptime))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        caught_in_flight += db.execute(
            "SELECT count(*) FROM alerts WHERE status = 'sending'").fetchone()[0]
    fake_slack.slow_down(0.0)
    proc = start(db_path, fake_slack.base_url)
    try:
        wait_for(lambda: not pending_alerts(db))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    return caught_in_flight


def test_sigkill_during_delivery_loses_nothing_and_posts_nothing_twice(
        db_path, fresh_db, fake_slack):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
    for c in range(CHANNELS):
        follow(fresh_db, topic, f"C{c}")
    for s in range(STORIES):
        article = add_article(fresh_db, title=f"Story {s}")
        story = add_story(fresh_db, article_id=article, title=f"Story {s}", topic_ids=(topic,))
        with transaction(fresh_db):
            enqueue_alerts(fresh_db, Verdict(story, VerdictKind.NEW), article, [topic])
    total = STORIES * CHANNELS
    caught_in_flight = kill_then_finish(db_path, fresh_db, fake_slack, kills=KILLS,
                                        rng=random.Random(2026), uptime=(0.1, 0.6))
    posted = Counter(m.metadata["event_payload"]["alert_id"] for m in fake_slack.posts())
    assert caught_in_flight >= 1, "some kill landed between posting and recording"
    assert sorted(posted) == list(range(1, total + 1)), "no alert lost"
    assert max(posted.values()) == 1, "no alert posted twice"
    assert {r[0] for r in fresh_db.execute("SELECT DISTINCT status FROM alerts")} == {"sent"}
