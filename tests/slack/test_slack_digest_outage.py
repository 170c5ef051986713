"""A digest due while Slack's Web API is down mid-run (connections refused) waits with the run's
outage: the first digest call that finds Slack down says so once, as an alert's does (a
WARNING, `GET /health` 503), the run asks Slack again with backoff though no alert is queued,
and the digest is posted once when Slack answers (the real `wirewatch run` in a process, the
fake Slack Web API, a real SQLite file; its digest pass every second, not every minute)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import ConfigError, load_settings
from bot.runner import Runner
from bot.scheduler import add_service_jobs
from bot.slack.identity import Identity
from bot.slack.runtime import SlackRuntime
from storage.db import open_db, transaction
from storage.subscriptions import subscribe, subscriptions_of
from storage.topics import insert_topic
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import health_of, wait_for
from tests.slack.run_parts import run_parts
from tests.slack.test_slack_first_run import live_run, slack_env, wirewatch
from tests.slack.test_slack_outage_mid_run import said_once_calmly
from tests.slack.world import add_article, add_story

DIGESTS = "C0HOURLY"
TITLE = "Ferry crews at Lowmarsh vote to strike over night rotas"


def a_digest_comes_due(db_path) -> None:
    """An hourly digest subscription two hours old, and a story on its topic an hour and a half
    ago: its last hour is due at the run's next digest pass."""
    now = datetime.now(UTC)
    with closing(open_db(db_path)) as db:
        with transaction(db):
            subscribe(db, topic_id=1, target_type="channel", target_id=DIGESTS, mode="hourly",
                      created_by=None, at=(now - timedelta(hours=2)).isoformat())
        add_story(db, article_id=add_article(db, title=TITLE), title=TITLE, topic_ids=(1,),
                  at=(now - timedelta(minutes=90)).isoformat(timespec="seconds"))


def digest_settled(db_path, fake_slack: FakeSlack) -> None:
    """Wait until the digest's hour is closed (its subscription's last digest moved on: the
    next is an hour away, so nothing more is posted), or a second digest came."""
    def closed() -> bool:
        with closing(open_db(db_path, migrate=False)) as db:
            [sub] = subscriptions_of(db, [DIGESTS])
            return sub.last_digest_at != sub.created_at
    wait_for(lambda: len(fake_slack.posts(DIGESTS)) > 1 or closed())


def test_a_digest_due_while_slack_is_down_waits_and_is_posted_once_when_it_answers(
        db_path, fake_slack: FakeSlack):
    """Before: the digest's refused post was the digest's alone (`/health` 200 all along, no
    outage said, the SDK's ERROR and a WARNING at each digest pass)."""
    env = {**slack_env(db_path, fake_slack.base_url), "WIREWATCH_DIGEST_PASS_SECONDS": "1"}
    assert wirewatch("topics", "add", "Strikes", "strike*", env=env).returncode == 0
    with live_run(env) as run:
        fake_slack.refuse_connections()
        a_digest_comes_due(db_path)
        wait_for(lambda: health_of(run.port)[0] == 503)
        assert "no longer reachable" in health_of(run.port)[1]["reason"]
        fake_slack.accept_connections()
        wait_for(lambda: fake_slack.posts(DIGESTS))
        assert health_of(run.port)[0] == 200
        digest_settled(db_path, fake_slack)
        [digest] = fake_slack.posts(DIGESTS)
        assert TITLE in digest.text
    said_once_calmly(run)


def answers_after_a_pass(runner: Runner, identity: Identity) -> bool:
    """One pass of the run's sender (an outage's probe when due); whether Slack answers now."""
    runner.deliver()
    return not identity.down()


def test_the_digest_pass_comes_at_once_when_slack_answers_again(
        slack_settings, db_path, fresh_db, fake_slack: FakeSlack, nlp):
    """The run's parts in this process (its scheduler paused, so its next digest pass can be
    read): a digest pass finds Slack down, the sender's next pass after Slack listens again
    asks it (the probe) and the digest pass is due then, not a pass interval after the last.
    Before: it stayed a pass interval away (a minute of a desk waiting for its digest). Then
    that pass posts the digest: the refused try sent nothing, so it is not waited for as one
    that may be under way (before delivery47b: three client timeouts)."""
    runtime = SlackRuntime(slack_settings)
    runner = Runner(slack_settings, nlp=nlp, slack_factory=lambda routes: runtime)
    identity = runtime.identity
    assert identity is not None
    try:
        runtime.start()
        runner.scheduler.start(paused=True)
        with transaction(fresh_db):
            insert_topic(fresh_db, name="Strikes", query="strike*")
        fake_slack.refuse_connections()
        a_digest_comes_due(db_path)
        passed = datetime.now(UTC)
        every = slack_settings.digest_pass_seconds
        add_service_jobs(runner.scheduler, runner, slack=True,
                         now=passed + timedelta(seconds=every), digest_every=every)
        assert runtime.send_due_digests(now=passed) == 0
        assert identity.down()
        fake_slack.accept_connections()
        wait_for(lambda: answers_after_a_pass(runner, identity))
        due = runner.scheduler.get_job("digests").next_run_time
        assert due <= datetime.now(UTC), due
        runner.send_digests()
        [digest] = fake_slack.posts(DIGESTS)
        assert TITLE in digest.text
    finally:
        runner.stop()


def test_a_started_run_passes_its_digest_pass_interval_to_its_digest_job(slack_settings, nlp):
    """The setting reaches the run's scheduler (read from the started Runner's job): were it
    dropped on the way, the outage test above would only wait the default minute, not fail."""
    with run_parts(replace(slack_settings, digest_pass_seconds=7), nlp) as runner:
        runner.start()
        assert runner.scheduler.get_job("digests").trigger.interval == timedelta(seconds=7)


@pytest.mark.parametrize("value", ["0", "3601", "a minute"])
def test_the_digest_pass_interval_is_read_and_refused_out_of_range(value):
    """``WIREWATCH_DIGEST_PASS_SECONDS``: how late a digest may go (default a minute), whole
    seconds from 1 to an hour (one pass an hour or rarer would let hourly digests lag)."""
    assert load_settings({}).digest_pass_seconds == 60
    assert load_settings({"WIREWATCH_DIGEST_PASS_SECONDS": "15"}).digest_pass_seconds == 15
    with pytest.raises(ConfigError, match="WIREWATCH_DIGEST_PASS_SECONDS must be"):
        load_settings({"WIREWATCH_DIGEST_PASS_SECONDS": value})
