"""Two wirewatch databases on one Slack app (a staging copy left on the production token, a
restored backup started beside the live one): each posts every alert, so the desk sees each
twice. Two real runtimes (two SQLite files, one token) against one fake Slack over HTTP: each
notices the other in what it reads of the channel, says so in the log once an hour, and shows
it to admins in `/wirewatch status` and App Home; one alone, restarted or not, never does."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.alerts.instances import Instances
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.state import install_id, set_state
from storage.subscriptions import subscribe
from tests.fakes.signing import REPORTER
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import app_home, run_command
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story

WARNS = "bot.alerts.instances"
_START: list[datetime] = []


@pytest.fixture(autouse=True)
def _an_hour_ahead():
    """Each test's clock an hour ahead of when it starts (after every enqueue), not of when
    the suite was collected: a suite that reaches it an hour later would see none due."""
    _START[:] = [datetime.now(UTC) + timedelta(hours=1)]


def at(seconds: float) -> datetime:
    return _START[0] + timedelta(seconds=seconds)


def desk(db, title: str) -> None:
    """A topic the desk's channel follows, and a new story on it waiting to be posted."""
    with transaction(db):
        topic = add_topic(db, name="Harbour", query="harbour")
    follow(db, topic, "C0DESK")
    new_story(db, topic, title=title)


def another_story(db, title: str) -> None:
    [topic] = [row[0] for row in db.execute("SELECT id FROM topics").fetchall()]
    new_story(db, topic, title=title)


def backed_up(db, path: Path) -> Path:
    """A copy of the database as a backup tool takes it, while the live one may run."""
    target = sqlite3.connect(path)
    db.conn.backup(target)
    target.close()
    return path


def backed_up_after_a_run(settings, started, db, tmp_path: Path) -> Path:
    """A run posts the desk's first alert ("Harbour wall repaired") and stops; then a backup
    is taken: the live database and the backup's path both hold that run."""
    earlier = started(settings)
    desk(db, "Harbour wall repaired")
    earlier.deliver_pending(now=at(0))
    earlier.stop()
    return backed_up(db, tmp_path / "backup.db")


def both_posted(runtime, staging, db, title: str):
    """Each database has the desk's topic and a story on it, and posts its alert: the
    doubling; gives the other's database."""
    other_db = open_db(staging.settings.db_path)
    desk(db, title)
    desk(other_db, title)
    assert runtime.deliver_pending(now=at(0)) == 1
    assert staging.deliver_pending(now=at(0)) == 1
    return other_db


def said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == WARNS and r.levelno == logging.ERROR]


@pytest.fixture
def started():
    """Runtimes started in a test, stopped after it."""
    made: list[SlackRuntime] = []

    def start(settings) -> SlackRuntime:
        runtime = SlackRuntime(settings)
        runtime.start()
        made.append(runtime)
        return runtime

    yield start
    for runtime in made:
        runtime.stop()


@pytest.fixture
def staging(slack_settings, started, tmp_path):
    """A second wirewatch, its own database, the production token."""
    return started(replace(slack_settings, db_path=tmp_path / "staging.db"))


def status(runtime, fake_slack, user: str = REPORTER) -> str:
    return run_command(runtime, fake_slack, "/wirewatch", "status", user=user)["text"]


def test_a_second_database_on_the_same_app_is_noticed_and_said(
        runtime, staging, fake_slack, fresh_db, caplog):
    caplog.set_level(logging.INFO)
    other_db = both_posted(runtime, staging, fresh_db, "Harbour cranes stop for inspection")
    assert len(fake_slack.posts("C0DESK")) == 2, "each database posts the alert: the doubling"
    live, other = install_id(fresh_db), install_id(other_db)
    assert live != other
    runtime.check_instances(now=at(1))
    [error] = said(caplog)
    assert other in error and live in error and "C0DESK" in error
    runtime.check_instances(now=at(2))
    assert len(said(caplog)) == 1, "once an hour, not at every look"
    staging.check_instances(now=at(2))
    assert live in said(caplog)[-1] and other in said(caplog)[-1], "the other one says it too"
    answer = status(runtime, fake_slack)
    assert f"instance `{other[:12]}`; this one is `{live[:12]}`" in answer
    assert "<#C0DESK>" in answer and "posted twice" in answer
    assert "another wirewatch" not in status(runtime, fake_slack, user="U0MEMBER"), \
        "admins are told (the remedy is theirs)"
    assert f"instance `{other[:12]}`" in app_home(runtime, fake_slack, REPORTER)
    assert "another wirewatch" not in app_home(runtime, fake_slack, "U0MEMBER")
    assert [m.metadata["event_payload"]["install"] for m in fake_slack.posts("C0DESK")] == \
        [live, other], "both posts still went: which one is the wrong one, only the desk knows"


def test_it_is_said_again_an_hour_later_only_while_the_other_goes_on_posting(
        runtime, staging, fake_slack, fresh_db, caplog):
    caplog.set_level(logging.INFO)
    other_db = both_posted(runtime, staging, fresh_db, "Harbour dredging begins")
    runtime.check_instances(now=at(1))
    runtime.check_instances(now=at(3700))
    assert len(said(caplog)) == 1, "the other posted nothing since: it may have been stopped"
    another_story(other_db, "Harbour pilots strike")
    staging.deliver_pending(now=at(5))
    runtime.check_instances(now=at(3710))
    assert len(said(caplog)) == 2


def test_a_lookup_after_a_dropped_connection_notices_the_other_too(
        runtime, staging, fake_slack, fresh_db, caplog):
    """No periodic check: the history read to find an alert in flight is enough."""
    caplog.set_level(logging.INFO)
    other_db = open_db(staging.settings.db_path)
    assert runtime.deliver_pending(now=at(-5)) == 0, "the live one runs first, idle"
    desk(fresh_db, "Harbour toll rises")
    desk(other_db, "Harbour toll rises")
    staging.deliver_pending(now=at(0))
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(31)) == 1, "found posted by the lookup (late wait)"
    assert len(fake_slack.posts("C0DESK")) == 2
    [error] = said(caplog)
    assert install_id(other_db) in error


def test_one_instance_alone_never_warns_and_a_restart_keeps_its_id(
        slack_settings, started, fake_slack, fresh_db, caplog):
    caplog.set_level(logging.INFO)
    first = started(slack_settings)
    desk(fresh_db, "Harbour ferry timetable changes")
    assert first.deliver_pending(now=at(0)) == 1
    first.check_instances(now=at(1))
    first.stop()
    again = started(slack_settings)
    another_story(fresh_db, "Harbour ferry fares fall")
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert again.deliver_pending(now=at(2)) == 0
    assert again.deliver_pending(now=at(33)) == 1, "the lookup reads the first run's post"
    again.check_instances(now=at(34))
    again.check_instances(now=at(4000))
    assert said(caplog) == []
    assert "another wirewatch" not in status(again, fake_slack)
    stamps = [m.metadata["event_payload"] for m in fake_slack.posts("C0DESK")]
    assert {s["install"] for s in stamps} == {install_id(fresh_db)}, "the same instance id"
    assert len({s["boot"] for s in stamps}) == 2, "each run has its own boot id"


def test_a_restored_copy_of_the_database_is_told_apart(
        slack_settings, started, fake_slack, fresh_db, tmp_path, caplog):
    """The backup holds the live database's instance id: the runs tell them apart. The live
    one restarted after the backup was taken, so neither has the other's run."""
    caplog.set_level(logging.INFO)
    backup = backed_up_after_a_run(slack_settings, started, fresh_db, tmp_path)
    live = started(slack_settings)
    another_story(fresh_db, "Harbour wall inspected")
    assert live.deliver_pending(now=at(2)) == 1
    live.check_instances(now=at(3))
    assert said(caplog) == [], "the earlier run's post is this database's own"
    restored = started(replace(slack_settings, db_path=backup))
    copy_db = open_db(backup)
    assert install_id(copy_db) == install_id(fresh_db)
    another_story(copy_db, "Harbour lights replaced")
    assert restored.deliver_pending(now=at(4)) == 1
    live.check_instances(now=at(5))
    restored.check_instances(now=at(5))
    first, second = said(caplog)
    assert restored.instances.boot in first and live.instances.boot in first
    assert live.instances.boot in second and restored.instances.boot in second
    assert install_id(fresh_db) in first
    assert "another run of this database" in status(live, fake_slack)


def test_a_copys_post_of_the_same_alert_id_is_never_taken_for_this_ones(
        slack_settings, started, fake_slack, fresh_db, tmp_path):
    """After the backup each database numbers its next alert alike, for different stories: an
    alert in flight in one must not be recorded as posted when the other's is in the channel."""
    backup = backed_up_after_a_run(slack_settings, started, fresh_db, tmp_path)
    live = started(slack_settings)
    restored = started(replace(slack_settings, db_path=backup))
    copy_db = open_db(backup)
    another_story(fresh_db, "Harbour wall inspected")
    another_story(copy_db, "Harbour lights replaced")
    assert live.deliver_pending(now=at(2)) == 1
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    assert restored.deliver_pending(now=at(2)) == 0, "in flight: Slack may have it"
    assert restored.deliver_pending(now=at(20)) == 1
    posts = fake_slack.posts("C0DESK")
    assert [m.metadata["event_payload"]["alert_id"] for m in posts][1:] == [2, 2], \
        "each database's second alert"
    assert "wall inspected" in posts[1].text and "lights replaced" in posts[2].text, \
        "the copy's alert is posted, not taken for the live one's"


def test_the_posts_of_the_database_this_one_replaced_are_not_another_running(
        runtime, fake_slack, fresh_db, caplog):
    """A lost volume, a fresh deploy: the channel still holds the earlier database's alerts,
    stamped with its instance id, all posted before this database's first run."""
    caplog.set_level(logging.INFO)
    earlier = {"event_type": "wirewatch_alert",
               "event_payload": {"alert_id": 1, "story_id": 1, "install": "e" * 32,
                                 "boot": "e" * 12}}
    fake_slack.add_message("C0DESK", metadata=earlier, text="Harbour gates close")
    desk(fresh_db, "Harbour gates reopen")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(10)) == 1, "the lookup reads the earlier post"
    runtime.check_instances(now=at(11))
    assert said(caplog) == []
    fake_slack.add_message("C0DESK", metadata=earlier, text="Harbour gates close again")
    runtime.check_instances(now=at(12))
    assert "e" * 32 in said(caplog)[0], "one posting since this database began is running"


def test_a_copys_digest_of_the_same_period_is_never_taken_for_this_ones(
        fresh_db, fake_slack, caplog):
    """Both databases hold the same subscription (id 1): the copy's digest of the hour, stamped
    with this database's id by a run it never had, is not this one's, in flight."""
    caplog.set_level(logging.INFO)
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    instances = Instances()
    instances.register(fresh_db)
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Harbour", query="harbour")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at="2026-11-24T05:10:00+00:00")
    article = add_article(fresh_db, title="Harbour crane collapses")
    add_story(fresh_db, article_id=article, title="Harbour crane collapses", topic_ids=(topic,),
              at="2026-11-24T05:20:00+00:00")
    payload = "1@2026-11-24T06:00:00+00:00"
    with transaction(fresh_db):
        set_state(fresh_db, "digest_in_flight:1", payload)
    fake_slack.add_message("C0DIG", metadata={"event_type": "wirewatch_digest", "event_payload": {
        "digest": payload, "install": install_id(fresh_db), "boot": "c" * 12}})
    now = datetime.fromisoformat("2026-11-24T06:00:30+00:00")
    assert send_due_digests(fresh_db, client, now=now, instances=instances) == 1
    mine = fake_slack.posts("C0DIG")[-1]
    assert len(fake_slack.posts("C0DIG")) == 2 and mine.metadata["event_payload"] == {
        "digest": payload, "install": install_id(fresh_db), "boot": instances.boot}
    [error] = said(caplog)
    assert "c" * 12 in error and instances.boot in error


def kept(db) -> list[tuple[str, str]]:
    return db.execute("SELECT install, seen_at FROM other_posters").fetchall()


def test_the_other_is_still_shown_after_a_restart_and_dropped_a_day_after_its_last_post(
        runtime, staging, fake_slack, fresh_db, started, caplog):
    """The warning is kept in the database (table ``other_posters``) with when it was seen:
    restarted, the live one shows it in status and App Home before any look, logs it once as
    seen before, and does not say the same old post again; a day after the other's latest
    post, with nothing newer seen, it is dropped there and from what admins see."""
    caplog.set_level(logging.INFO)
    other_db = both_posted(runtime, staging, fresh_db, "Harbour lights fail")
    runtime.check_instances(now=at(1))
    live, other = install_id(fresh_db), install_id(other_db)
    assert [row[0] for row in kept(fresh_db)] == [other], kept(fresh_db)
    assert kept(fresh_db)[0][1] == at(1).isoformat(), "when a look here saw it"
    runtime.stop()
    again = started(runtime.settings)
    answer = status(again, fake_slack)
    assert f"instance `{other[:12]}`; this one is `{live[:12]}`" in answer, answer
    assert f"instance `{other[:12]}`" in app_home(again, fake_slack, REPORTER)
    errors = len(said(caplog))
    assert again.deliver_pending(now=at(60)) == 0
    [before] = [r.getMessage() for r in caplog.records if "seen before this run" in
                r.getMessage()]
    assert other in before, before
    again.instances.posted("C0DESK", at(61))
    again.check_instances(now=at(61))
    assert len(said(caplog)) == errors, "the same old post is not said again"
    posted = float(fake_slack.posts("C0DESK")[-1].ts)
    a_day_on = datetime.fromtimestamp(posted, UTC) + timedelta(days=1, minutes=1)
    again.check_instances(now=a_day_on)
    assert kept(fresh_db) == [], "dropped a day after its latest post"
    assert "another wirewatch" not in status(again, fake_slack)


def test_who_the_bot_is_is_asked_once_a_run_and_shared(slack_settings, started, fake_slack,
                                                        fresh_db):
    """auth.test is asked once at start-up; the look for another wirewatch takes its answer.
    Before: the look asked again on its own, from whichever thread first read a stamped post
    (two threads at once asked twice)."""
    runtime = started(slack_settings)
    desk(fresh_db, "Harbour cranes stop for inspection")
    assert runtime.deliver_pending(now=at(0)) == 1
    runtime.check_instances(now=at(1))
    assert fake_slack.calls_to("conversations.history"), "the look read the channel"
    assert len(fake_slack.calls_to("auth.test", ok_only=False)) == 1
