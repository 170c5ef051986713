"""SIGTERM to `wirewatch run` ends it within its stop's bound (WIREWATCH_STOP_SECONDS) whatever
the work under way waits on, and the next run posts each alert once: a post Slack never answers
is left to the next start (looked for, never posted twice); a job that touches the scheduler as
the stop waits for it no longer holds the stop for ever. A real process, the fake Slack over
HTTP holding the connection open, SQLite."""

from __future__ import annotations

import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.exit_bound import EXIT_MARGIN_S
from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts, pending_alerts
from storage.db import open_db, transaction
from storage.subscriptions import subscribe
from tests.cli.test_stop_mid_delivery import (
    CHANNELS,
    next_run_posts_each_once,
    queue,
    serving,
    tried,
)
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.world import add_article, add_story
from tests.sources.process import Running, slack_run

COMPOSE_GRACE_S = 45.0
"""docker/compose.yml's stop_grace_period: past it the container is killed."""
LAST_RESORT_LINE = "the stop is still not over"


def stopped_in(running: Running) -> tuple[int, float]:
    """SIGTERM, then the exit code and the seconds the stop took."""
    began = time.monotonic()
    running.proc.send_signal(signal.SIGTERM)
    code = running.exit_code()
    return code, time.monotonic() - began


@pytest.mark.parametrize("mode", ["hourly", "realtime"])
def test_a_post_slack_never_answers_holds_the_stop_no_longer_than_its_bound(
        db_path, processes, mode):
    """Slack takes the first post and never answers while the run lives (its client would wait
    ten minutes): the stop waits its 5 s bound, says what it left, exits 0; the next run finds
    that post and posts each channel's once. (5 s, not less: the stop's first steps, slow on
    a loaded machine, count within it, and past it the last resort has 5 s more.)"""
    queue(db_path, mode)
    with FakeSlack() as fake:
        fake.hang(methods={"chat.postMessage"})
        running = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT="600",
                            WIREWATCH_STOP_SECONDS="5")
        tried(fake)
        running.wait_for("wirewatch running")
        code, took = stopped_in(running)
        fake.unhang()
        log = "\n".join(running.errors)
        assert code == 0, running.said()
        assert took < COMPOSE_GRACE_S, f"{took:.0f} s"
        assert "stopped waiting after 5 s (WIREWATCH_STOP_SECONDS) for job" in log, log
        assert LAST_RESORT_LINE not in log, log
        assert fake.begun.count("chat.postMessage") == 1, "no post begun after the stop"
        next_run_posts_each_once(db_path, fake, processes, mode)


def queue_alert(db_path: Path) -> None:
    """One story alerting one channel as it happens."""
    db = open_db(db_path)
    now = datetime.now(UTC)
    with transaction(db):
        topic = add_topic(db, name="Quayside", query="quayside")
        subscribe(db, topic_id=topic, target_type="channel", target_id=CHANNELS[0],
                  mode="realtime", created_by="U0ADMIN",
                  at=(now - timedelta(hours=1)).isoformat())
    article = add_article(db, title="Quayside market reopens")
    story = add_story(db, article_id=article, title="Quayside market reopens",
                      topic_ids=(topic,), at=now.isoformat())
    with transaction(db):
        enqueue_alerts(db, Verdict(story, VerdictKind.NEW), article, [topic])


def test_a_post_answered_after_the_stop_began_ends_the_outage_and_the_stop(db_path, processes):
    """Slack goes down after the run started (its alert's post answered 503), then takes the
    post that asks whether it is back and answers only once the stop has begun: that answer
    ends the outage, which brings the digest pass forward, a call into the scheduler. The stop
    used to wait for the job holding the scheduler's locks, so the job waited for the stop:
    never exited. Now it exits well within its bound, the alert posted once."""
    with FakeSlack() as fake:
        running = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT="600",
                            WIREWATCH_STOP_SECONDS="120")
        running.wait_for("wirewatch running")
        fake.go_down()
        queue_alert(db_path)
        wait_for(lambda: fake.begun.count("chat.postMessage") == 1)
        fake.hang(methods={"chat.postMessage"})
        fake.come_up()
        wait_for(lambda: fake.begun.count("chat.postMessage") == 2)
        running.proc.send_signal(signal.SIGTERM)
        wait_for(lambda: not serving(running))
        fake.unhang(answer=True)
        code = running.exit_code()
        log = "\n".join(running.errors)
        assert code == 0, running.said()
        assert "stopped waiting" not in log and LAST_RESORT_LINE not in log, log
        assert Counter(m.channel for m in fake.posts()) == Counter([CHANNELS[0]])
        assert not pending_alerts(open_db(db_path))


@pytest.mark.parametrize("value", ["0", "-5", "3601", "soon"])
def test_a_stop_bound_that_would_never_wait_or_only_hide_a_hang_is_refused(value):
    with pytest.raises(ConfigError, match="WIREWATCH_STOP_SECONDS"):
        load_settings({"WIREWATCH_STOP_SECONDS": value})


def test_the_stop_bound_leaves_room_within_composes_grace():
    bound = load_settings({}).stop_seconds
    assert bound == 20 and bound + EXIT_MARGIN_S < COMPOSE_GRACE_S
