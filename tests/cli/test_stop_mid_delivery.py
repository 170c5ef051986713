"""SIGTERM to `wirewatch run` while Slack hangs in the middle of a digest (or an alert) pass:
the stop waits for the one post under way, not for every channel's, and the next run settles
that post (found, never posted again). A real process, the fake Slack over HTTP, SQLite."""

from __future__ import annotations

import signal
import socket
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.models import RawArticle, Verdict, VerdictKind
from bot.stories.tracking import add_topic
from bot.worker import IngestWorker
from storage.alerts import enqueue_alerts, pending_alerts
from storage.db import ThreadLocalDb, open_db, transaction
from storage.inbox import enqueue, pending
from storage.subscriptions import digest_subscriptions, subscribe
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.world import add_article, add_story
from tests.sources.process import Running, slack_run
from tests.stopping import LAST_RESORT_S

CHANNELS = ("C0DESK", "C0NEWS", "C0NIGHT")
LOOKS_AT_ONCE = 2
"""The next run's client timeout: it looks for the post under way at the stop three timeouts
after its try (6 s), not the 30 s of a 10 s client. The same look before any post, only
sooner."""
NEXT_PASS = "1"
"""The next run's digest pass interval (WIREWATCH_DIGEST_PASS_SECONDS): it starts at once, as
a supervisor restarts it, and a pass that comes before the post under way can be looked for
leaves it for the next pass, a second on, not a minute."""


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


def serving(running: Running) -> bool:
    """Whether the run's HTTP server still takes connections (it closes once the run is
    stopping: SlackRuntime.stop sets ``stopping`` first; a listener closing as it is reached
    resets the connection)."""
    try:
        socket.create_connection(("127.0.0.1", running.slack_port), timeout=LAST_RESORT_S).close()
    except (ConnectionRefusedError, ConnectionResetError):
        return False
    return True


def settled(db: Database, mode: str) -> bool:
    """Every channel's alert or digest done: nothing left that a run would post."""
    if mode == "realtime":
        return not pending_alerts(db)
    return all(sub.last_digest_at and sub.last_digest_at > sub.created_at
               for sub in digest_subscriptions(db))


def tried(fake: FakeSlack) -> None:
    """Wait until the run's first post has reached Slack."""
    wait_for(lambda: fake.calls_to("chat.postMessage"), timeout=LAST_RESORT_S)


def next_run_posts_each_once(db_path: Path, fake: FakeSlack, processes: list,
                             mode: str) -> None:
    """The next run, started at once, settles the post under way when the last one ended:
    each channel's once."""
    again = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT=str(LOOKS_AT_ONCE),
                      WIREWATCH_DIGEST_PASS_SECONDS=NEXT_PASS)
    db = open_db(db_path)
    wait_for(lambda: settled(db, mode), timeout=LAST_RESORT_S)
    assert again.terminate() == 0
    assert Counter(m.channel for m in fake.posts()) == Counter(CHANNELS), \
        "each channel's post once: the one under way was found, not repeated"


@pytest.mark.parametrize("mode", ["hourly", "realtime"])
def test_a_stop_mid_pass_waits_for_one_post_and_the_next_run_posts_none_twice(
        db_path, processes, mode):
    """Slack takes the first post and holds its answer until the run is stopping (the client
    waits longer than the test may take), then the connection drops: the pass begins no other
    post, however slow the machine, and the next run finds that one."""
    queue(db_path, mode)
    with FakeSlack() as fake:
        fake.hang(methods={"chat.postMessage"})  # posted at once, answered when the test says
        running = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT="600")
        tried(fake)
        running.wait_for("wirewatch running", timeout=LAST_RESORT_S)
        running.proc.send_signal(signal.SIGTERM)
        wait_for(lambda: not serving(running), timeout=LAST_RESORT_S)
        fake.unhang()
        assert running.exit_code() == 0
        assert fake.begun.count("chat.postMessage") == 1, "no post begun after the stop"
        next_run_posts_each_once(db_path, fake, processes, mode)


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
    wait_for(lambda: not worker.alive, timeout=LAST_RESORT_S)
    assert [row.article.origin for row in pending(dbs.get(), limit=5)] == ["a"]


def test_a_kill_mid_digest_pass_then_a_restart_posts_each_once(db_path, processes):
    """SIGKILL of `wirewatch run` as its first post of the hour's digests is at Slack, which
    makes it and never answers; the next run, started at once by a supervisor, finds that one
    (its run lock freed by the kill) and posts each channel's once."""
    mode = "hourly"
    queue(db_path, mode)
    with FakeSlack() as fake:
        fake.hang(methods={"chat.postMessage"})
        running = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT="600")
        tried(fake)
        running.kill()
        fake.unhang()
        assert fake.begun.count("chat.postMessage") == 1
        next_run_posts_each_once(db_path, fake, processes, mode)
