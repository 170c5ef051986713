"""Loose ends of a feed's notices (``bot.source_notices``): what is kept of a change once it
is told, a notice whose feed is removed before it is posted (a real SQLite file, the fake
Slack Web API over HTTP)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.source_notices import queue_notices
from storage.db import transaction
from storage.source_notices import REMOVED
from storage.sources import add_source, record_failure, record_success
from tests.fakes.signing import REPORTER
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import run_command, wait_for
from tests.slack.run_parts import run_parts

NOW = datetime.now(UTC)
ADMINS = "C0ADMIN"


@pytest.fixture
def notice_settings(slack_settings: Settings, fake_slack: FakeSlack) -> Settings:
    fake_slack.add_channel(ADMINS)
    return replace(slack_settings, admin_channel=ADMINS)


def _feed(db) -> int:
    with transaction(db):
        return add_source(db, kind="feed", location="https://wire.example/desk.xml",
                          added_by=REPORTER)


def _fails(db, source_id: int, at: datetime) -> None:
    """Three failed polls an hour apart, the last at ``at``: the feed is noted as failing."""
    for hours in (2, 1, 0):
        with transaction(db):
            record_failure(db, source_id, reason="HTTP 503", now=at - timedelta(hours=hours))


def _rows(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_change_told_long_ago_is_pruned_one_not_yet_told_is_kept(
        notice_settings, fake_slack, fresh_db, nlp):
    """Before: every change, and the link of each of its notices, was kept for good."""
    db = fresh_db
    source_id = _feed(db)
    _fails(db, source_id, NOW - timedelta(days=30))
    assert queue_notices(db, admin_channel=ADMINS, now=NOW - timedelta(days=30)) == 2
    with run_parts(notice_settings, nlp) as runner:
        assert runner.slack is not None
        assert runner.slack.deliver_pending() == 2  # told: kept 14 days, then dropped
        with transaction(db):
            record_success(db, source_id, now=NOW - timedelta(days=20))
        assert queue_notices(db, admin_channel=ADMINS, now=NOW - timedelta(days=20)) == 2
        _fails(db, source_id, NOW - timedelta(hours=1))  # noted, not yet queued
        runner.compact()
        assert _rows(db, "source_changes") == 2  # the one still waiting to be posted, the new
        assert _rows(db, "source_notices") == 2
        wait_for(lambda: runner.slack.deliver_pending() >= 0 and len(fake_slack.posts()) == 4)
    told, back = [m.text for m in fake_slack.posts(ADMINS)]
    assert told.startswith("⚠️ The feed #1 https://wire.example/desk.xml stopped"), told
    assert back.startswith("✅ The feed #1 https://wire.example/desk.xml works again"), back
    assert _rows(db, "source_changes") == 2
    assert queue_notices(db, admin_channel=ADMINS) == 2  # the new one, as before


def _status(db) -> list[tuple[str, str, str | None]]:
    return [tuple(row) for row in db.execute(
        "SELECT channel, status, last_error FROM alerts ORDER BY id").fetchall()]


def test_a_notice_whose_feed_was_removed_before_it_was_posted_is_settled_not_posted(
        notice_settings, fake_slack, fresh_db, nlp, caplog):
    """The feed fails, its notice is queued, and its next change noted; an admin removes the
    feed with `/wirewatch sources remove` and adds another, which takes its number, before
    either is posted. Before: both were posted, of a feed nobody follows any more, the second
    under the number of the new one."""
    db = fresh_db
    _fails(db, _feed(db), NOW - timedelta(minutes=50))
    assert queue_notices(db, admin_channel=ADMINS) == 2
    with transaction(db):
        record_success(db, 1, now=NOW - timedelta(minutes=20))
    with run_parts(notice_settings, nlp) as runner:
        assert runner.slack is not None
        runner.slack.start()
        with caplog.at_level("INFO", logger="bot.source_notices"):
            said = run_command(runner.slack, fake_slack, "/wirewatch", "sources remove 1")
        assert said["text"].startswith("Removed feed #1"), said
        with transaction(db):
            assert add_source(db, kind="feed", location="https://wire.example/city.xml") == 1
        runner.deliver()
    assert fake_slack.posts() == []
    assert _status(db) == [(REPORTER, "withdrawn", REMOVED), (ADMINS, "withdrawn", REMOVED)]
    assert queue_notices(db, admin_channel=ADMINS) == 0
    assert "feed #1 https://wire.example/desk.xml removed: 2 changes of its health not told " \
        "yet, now never told" in caplog.text, caplog.text



def test_a_feed_broken_while_no_slack_run_was_up_is_told_one_overtaken_since_is_not(
        notice_settings, fake_slack, fresh_db, nlp):
    """Two feeds broke three days ago while no run with Slack was up: one is still broken, the
    other came back two days ago. Before: every change over a day old was logged, not posted,
    so the desk never heard of the feed still broken. Now a change still so is told (its date
    token says when); one overtaken since is not (the second feed's coming back is told)."""
    db = fresh_db
    _fails(db, _feed(db), NOW - timedelta(days=3))
    with transaction(db):
        city = add_source(db, kind="feed", location="https://wire.example/city.xml")
    _fails(db, city, NOW - timedelta(days=3))
    with transaction(db):
        record_success(db, city, now=NOW - timedelta(days=2))
    assert queue_notices(db, admin_channel=ADMINS) == 3
    with run_parts(notice_settings, nlp) as runner:
        assert runner.slack is not None
        wait_for(lambda: runner.slack.deliver_pending() >= 0 and len(fake_slack.posts()) == 3)
    broken, back = [m.text for m in fake_slack.posts(ADMINS)]
    assert broken.startswith("⚠️ The feed #1 https://wire.example/desk.xml stopped"), broken
    assert back.startswith("✅ The feed #2 https://wire.example/city.xml works again"), back
    assert [m.text for m in fake_slack.posts(fake_slack._dm_channel(REPORTER))] == [broken]


def test_a_feed_failing_since_before_changes_were_noted_tells_no_works_again(
        notice_settings, fake_slack, fresh_db, nlp):
    """A feed already failing when a database got the table of changes (``sources/m012``: its
    failure noted nowhere, no one told) and one whose failure was told 30 days ago, that
    change since due for pruning; both poll well again. Before: both told "works again", the
    first of a failure no one heard of. Now only the second: its failing change is kept while
    the feed fails, whatever its age."""
    db = fresh_db
    old = _feed(db)
    _fails(db, old, NOW - timedelta(days=40))
    with transaction(db):
        db.execute("DELETE FROM source_changes")  # as a database from before m012 holds it
        city = add_source(db, kind="feed", location="https://wire.example/city.xml")
    _fails(db, city, NOW - timedelta(days=30))
    assert queue_notices(db, admin_channel=ADMINS, now=NOW - timedelta(days=30)) == 1
    with run_parts(notice_settings, nlp) as runner:
        assert runner.slack is not None
        assert runner.slack.deliver_pending() == 1
        runner.compact()
        with transaction(db):
            record_success(db, old, now=NOW)
            record_success(db, city, now=NOW)
        assert queue_notices(db, admin_channel=ADMINS) == 1
        wait_for(lambda: runner.slack.deliver_pending() >= 0 and len(fake_slack.posts()) == 2)
    told, back = [m.text for m in fake_slack.posts(ADMINS)]
    assert told.startswith("⚠️ The feed #2 https://wire.example/city.xml stopped"), told
    assert back.startswith("✅ The feed #2 https://wire.example/city.xml works again"), back
