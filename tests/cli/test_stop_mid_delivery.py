"""SIGTERM to `wirewatch run` while Slack hangs in the middle of a digest (or an alert) pass:
the stop waits for the one post under way, not for every channel's, and the next run settles
that post (found, never posted again). A real process, the fake Slack over HTTP, SQLite."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.models import RawArticle, Verdict, VerdictKind
from bot.stories.tracking import add_topic
from bot.worker import IngestWorker
from storage.alerts import enqueue_alerts
from storage.db import ThreadLocalDb, open_db, transaction
from storage.inbox import enqueue, pending
from storage.subscriptions import subscribe
from tests.fakes.signing import SECRET
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.world import add_article, add_story
from tests.sources.process import Running, clean_env

CHANNELS = ("C0DESK", "C0NEWS", "C0NIGHT")
CLIENT_TIMEOUT = 10.0  # the delivery client's: each hung post waits this long


def queue(db_path: Path, mode: str) -> None:
    """One story, to each channel: hourly digests of the last hour (its period is over), or
    alerts as it happens."""
    db = open_db(db_path)
    now = datetime.now(UTC)
    with transaction(db):
        topic = add_topic(db, name="Harbour", query="harbour")
        for channel in CHANNELS:
            subscribe(db, topic_id=topic, target_type="channel", target_id=channel, mode=mode,
                      created_by="U0ADMIN", at=(now - timedelta(hours=3)).isoformat())
    article = add_article(db, title="Harbour crane deal signed")
    story = add_story(db, article_id=article, title="Harbour crane deal signed",
                      topic_ids=(topic,), at=(now - timedelta(hours=2)).isoformat())
    with transaction(db):
        enqueue_alerts(db, Verdict(story, VerdictKind.NEW), article, [topic])


def start(db_path: Path, fake: FakeSlack, processes: list) -> Running:
    env = clean_env(SLACK_BOT_TOKEN=VALID_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                    WIREWATCH_SLACK_API_URL=fake.base_url, PORT="0", WIREWATCH_HOST="127.0.0.1",
                    PYTHONUNBUFFERED="1")
    running = Running(db_path, mode=(), env=env)
    processes.append(running)
    return running


@pytest.mark.parametrize("mode", ["hourly", "realtime"])
def test_a_stop_mid_pass_waits_for_one_post_and_the_next_run_posts_none_twice(
        db_path, processes, mode):
    queue(db_path, mode)
    with FakeSlack() as fake:
        fake.slow_down(60.0, methods={"chat.postMessage"})  # posted at once, answered never
        running = start(db_path, fake, processes)
        wait_for(lambda: fake.calls_to("chat.postMessage"), timeout=120)
        started = time.monotonic()
        assert running.terminate() == 0
        took = time.monotonic() - started
        assert took < CLIENT_TIMEOUT * 1.5, f"stopped {took:.1f} s after SIGTERM"
        assert len(fake.calls_to("chat.postMessage")) == 1, "no post begun after the stop"
        fake.slow_down(0.0)
        again = start(db_path, fake, processes)
        wait_for(lambda: len(fake.posts()) >= len(CHANNELS), timeout=150)
        time.sleep(2.0)  # a post twice would come now
        assert Counter(m.channel for m in fake.posts()) == Counter(CHANNELS), \
            "each channel's post once: the one under way at the stop was found, not repeated"
        assert again.terminate() == 0


def test_a_stop_while_the_analysis_processes_start_does_not_wait_for_them(settings):
    """The stop's other wait: `wirewatch run` is stopped soon after it starts (a deploy, a
    post under way), while its analysis worker process still loads spaCy (seconds; 9 more
    than the post's 5 s client timeout under a load of 10). No article is in hand then, so
    the stop returns at once, and the article queued stays queued for the next start."""
    dbs = ThreadLocalDb(settings.db_path)
    with transaction(dbs.get()):
        enqueue(dbs.get(), RawArticle(text="Harbour cranes arrive.", title="Cranes", origin="a"))
    worker = IngestWorker(dbs, settings.with_overrides(nlp_processes=1))
    worker.start()
    assert worker.starting
    worker.stop()
    assert worker.alive, "the stop waited for the analysis processes to start"
    wait_for(lambda: not worker.alive, timeout=120)
    assert [row.article.origin for row in pending(dbs.get(), limit=5)] == ["a"]
