"""A feed that fails after a long wait (a server that never answers, cut at the read timeout)
backs off from when its failure is known, and the log says the next try as a wait to come:
`wirewatch run` printed `timed out …; next try after 2026-12-05T19:37:54+00:00`, a time
already past when the line was printed, and tried the feed again at once; the wait it gave
up after is said in words (it was urllib3's `Read timed out. (read timeout=20.0)`). A real feed server
on 127.0.0.1 and real SQLite."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher, FetchLimits
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import LOOPBACK, Route, at


@pytest.fixture
def fetcher():
    limits = FetchLimits(connect_timeout=2, read_timeout=1.5, total_timeout=5, max_bytes=100_000)
    return Fetcher(limits=limits, policy=LOOPBACK)


def test_a_feed_timing_out_backs_off_from_its_failure_and_says_the_wait(server, fresh_db,
                                                                        fetcher, caplog):
    server.routes["/feed"] = Route(b"<rss/>", delay=4.0)
    with transaction(fresh_db):
        feed = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=20)
    caplog.set_level(logging.WARNING)
    result = poll_feed(fresh_db, source_row(fresh_db, feed), fetcher=fetcher, now=at(0))
    assert result.error and "timed out" in result.error
    after = datetime.fromisoformat(source_row(fresh_db, feed).next_attempt_at or "")
    assert after >= at(0) + timedelta(seconds=21), "20 s counted from the failure, 1.5 s in"
    [said] = [r.getMessage() for r in caplog.records if "failed (1 in a row)" in r.getMessage()]
    assert f"next try in 20 seconds (at {after:%H:%M:%S} UTC)" in said, said
    assert "timed out waiting for 127.0.0.1 (no answer within 1.5 s)" in said, said
    assert said.startswith(f"feed #{feed} "), "named by the number `sources remove` takes"


@pytest.mark.parametrize("asked, waited", [("3600", 3600), ("0", 20), ("soon", 20), ("\u00b2", 20),
                                           ("99999999", 6 * 3600)])
def test_a_feed_answering_429_is_not_asked_again_before_its_retry_after(server, fresh_db,
                                                                        fetcher, asked, waited):
    """Before: the next try came after the feed's own backoff (its interval, 20 s here) whatever
    the server asked, and each early try was one more 429 toward a ban. Now the later of the
    two, Retry-After bounded by the longest backoff (six hours); one not read is not used."""
    after = _next_try(server, fresh_db, fetcher, status=429, asked=asked)
    assert at(0) + timedelta(seconds=waited) <= after < at(0) + timedelta(seconds=waited + 5)


@pytest.mark.parametrize("ahead, waited", [(timedelta(seconds=3602), 3600),
                                           (timedelta(days=400), 6 * 3600),
                                           (timedelta(minutes=-10), 20), (None, 20)])
def test_a_retry_after_given_as_a_date_is_read_from_now(server, fresh_db, fetcher, ahead,
                                                        waited):
    """Before: the date form (RFC 9110's other one) was not read, and the feed was asked again
    after its own 20 s. Now the wait until that date, capped as the seconds are; a date past
    or not a date is not used. The date is the server's, so on the real clock."""
    asked = (format_datetime(datetime.now(UTC) + ahead, usegmt=True) if ahead else
             "Sun, 31 Nov 2026 25:61:00 GMT")
    after = _next_try(server, fresh_db, fetcher, status=503, asked=asked)
    assert at(0) + timedelta(seconds=waited) <= after < at(0) + timedelta(seconds=waited + 5)


def _next_try(server, db, fetcher, *, status: int, asked: str) -> datetime:
    """A feed polling every 20 s answered ``status`` with ``Retry-After: asked`` at ``at(0)``:
    when it is to be tried next."""
    server.routes["/feed"] = Route(b"", status=status, headers={"Retry-After": asked})
    with transaction(db):
        feed = add_source(db, kind="feed", location=server.url("/feed"), every=20)
    result = poll_feed(db, source_row(db, feed), fetcher=fetcher, now=at(0))
    assert result.error and str(status) in result.error, result
    return datetime.fromisoformat(source_row(db, feed).next_attempt_at or "")
