"""Every reader of a stored ISO time reads a naive one as UTC, as storage writes them, whatever
the machine's time zone. Before, each called ``datetime.fromisoformat`` itself: an aware ``now``
less a naive time raised TypeError (the poll, the status line or the compaction failed), and a
feed entry's order key took a naive time as the machine's local time. Each case runs in a child
Python five hours east of UTC (a POSIX zone, no zone database needed), on a real SQLite file."""

from __future__ import annotations

import pytest

from tests.east_of_utc import east_of_utc

HEAD = """
import sys
from datetime import UTC, datetime, timedelta
from storage.db import open_db
from bot.models import RunRecord, Source
db = open_db(sys.argv[1])
now = datetime(2026, 12, 6, 4, 50, tzinfo=UTC)
def feed(**fields):
    return Source(id=1, kind="feed", location="https://example.org/feed", every=600,
                  added_at="2026-12-01T00:00:00+00:00", **fields)
"""


def test_a_backoff_stored_naive_ends_when_it_says_in_utc(tmp_path):
    script = """
from storage.sources import is_due
print(is_due(feed(failures=1, next_attempt_at="2026-12-06T05:00:00"), now))
print(is_due(feed(failures=1, next_attempt_at="2026-12-06T05:00:00"), now + timedelta(minutes=11)))
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["False", "True"]


def test_a_feeds_first_run_and_the_account_round_kept_naive_are_utc(tmp_path):
    script = """
from bot.scheduler import ACCOUNTS_DUE, accounts_first, first_run
from storage.db import transaction
from storage.state import set_state
print(first_run(feed(last_poll_at="2026-12-06T04:45:00"), now=now).isoformat())
print(first_run(feed(next_attempt_at="2026-12-06T05:20:00"), now=now).isoformat())
with transaction(db):
    set_state(db, ACCOUNTS_DUE, "2026-12-06T06:00:00")
print(accounts_first(db, now=now).isoformat())
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == [
        "2026-12-06T04:55:00+00:00", "2026-12-06T05:20:00+00:00", "2026-12-06T06:00:00+00:00"]


def test_how_long_ago_and_a_runs_state_read_a_naive_time_as_utc(tmp_path):
    script = """
from bot.desk_status import run_state
from bot.run_lines import ago
print(ago("2026-12-06T04:40:00", now))
run = RunRecord(run="r1", pid=1, host="h", mode="console", started_at="2026-12-06T04:00:00",
                heartbeat_at="2026-12-06T04:49:30", stopped_at=None, slack_answers=None,
                slack_since=None, slack_why=None)
print(run_state(run, now))
starting = RunRecord(run="r2", pid=1, host="h", mode="console", started_at=None,
                     heartbeat_at=None, stopped_at=None, slack_answers=1,
                     slack_since="2026-12-06T04:49:50", slack_why=None)
print(run_state(starting, now))
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["10 minutes ago", "running", "starting"]


def test_a_feeds_last_full_fetch_and_a_folders_last_scan_stored_naive_are_utc(tmp_path):
    script = """
from bot.ingest.folder import _stale
from bot.ingest.validators import validators_to_send
print(validators_to_send(feed(full_fetch_at="2026-12-06T04:30:00", etag='"v1"'), now))
print(validators_to_send(feed(full_fetch_at="2026-12-06T03:30:00", etag='"v1"'), now))
print(_stale("2026-12-06T04:49:30", now), _stale("2026-12-06T04:48:30", now))
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == [
        "('\"v1\"', None)", "(None, None)", "False True"]


def test_feed_entries_are_ordered_by_their_times_in_utc(tmp_path):
    """A naive time's key was the machine's local reading: five hours early here."""
    script = """
from bot.ingest.feed_models import FeedEntry
def entry(published):
    return FeedEntry(key="k", link=None, title=None, text="t", published=published, teaser=False)
print(entry("2026-12-06T04:00:00").stamp == entry("2026-12-06T04:00:00+00:00").stamp)
print(entry("2026-12-06T09:00:00+05:00").stamp == entry("2026-12-06T04:00:00Z").stamp)
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["True", "True"]


def test_a_channel_that_took_no_threads_is_remembered_from_a_naive_time(tmp_path):
    script = """
from storage.channel_memory import NO_THREADS_FOR, takes_no_threads
from storage.db import transaction
with transaction(db):
    db.execute("INSERT INTO channels_without_threads (channel, since) VALUES ('C1', ?)",
                ["2026-12-06T04:00:00"])
print(takes_no_threads(db, "C1", now), takes_no_threads(db, "C1", now + NO_THREADS_FOR))
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["True False"]


@pytest.mark.parametrize("latest", ["2026-12-06T04:00:00", "2026-12-06T09:00:00+05:00"])
def test_compaction_measures_from_the_newest_story_in_utc(tmp_path, latest):
    """Stored story times are compared as text, so the cutoff is written as they are: UTC."""
    script = f"""
from storage.retention import cutoff
from storage.stories import create_story
from storage.db import transaction
with transaction(db):
    create_story(db, title="t", summary=[], seen_at="{latest}", now="{latest}")
print(cutoff(db, days=1, quiet_hours=0, now=now).seen_before)
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["2026-12-05T04:00:00+00:00"]


def test_an_article_pages_first_failure_stored_naive_is_utc(tmp_path):
    """Its page failed 40 minutes ago (UTC), past the patience: the teaser is stored now."""
    script = """
from bot.ingest.feed_models import FeedEntry, PageFailed
from bot.ingest.page_waits import teaser_or_wait as _teaser_or_wait
from bot.models import RawArticle
from storage.db import transaction
from storage.sources import add_source, get_source
with transaction(db):
    source_id = add_source(db, kind="feed", location="https://example.org/feed")
    db.execute("INSERT INTO page_attempts (source_id, key, link, title, tries, first_failed_at, "
               "last_error, background) VALUES (?, 'k', NULL, NULL, 1, ?, 'timed out', 0)",
               [source_id, "2026-12-06T04:10:00"])
entry = FeedEntry(key="k", link=None, title=None, text="t", published=None, teaser=True)
teaser = RawArticle(text="A short teaser.", origin="feed")
failed = PageFailed(reason="timed out", may_pass=True, teaser=teaser)
print(_teaser_or_wait(db, get_source(db, source_id), entry, failed, background=False,
                      now=now) == teaser)
"""
    assert east_of_utc(HEAD + script, tmp_path / "w.db") == ["True"]
