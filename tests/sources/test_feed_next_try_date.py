"""A feed failing with a wait of days (one polled every three days backs off from three days)
says its next try with the day it falls on: 'next try in 3 days (at 14:00:00 UTC)' named no
day. A real feed server on 127.0.0.1 and real SQLite."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Route, at, loopback_fetcher

THREE_DAYS = 3 * 86_400


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=100_000)


def _failed_line(server, db, fetcher, caplog, *, every: int) -> tuple[str, datetime]:
    server.routes["/feed"] = Route(b"down for works", status=500)
    with transaction(db):
        feed = add_source(db, kind="feed", location=server.url("/feed"), every=every)
    caplog.set_level(logging.WARNING)
    assert poll_feed(db, source_row(db, feed), fetcher=fetcher, now=at(0)).error
    after = datetime.fromisoformat(source_row(db, feed).next_attempt_at or "")
    [said] = [r.getMessage() for r in caplog.records if "failed (1 in a row)" in r.getMessage()]
    return said, after


def test_a_next_try_days_away_names_its_day(server, fresh_db, fetcher, caplog):
    said, after = _failed_line(server, fresh_db, fetcher, caplog, every=THREE_DAYS)
    assert f"next try in 3 days (at {after:%Y-%m-%d %H:%M:%S} UTC)" in said, said


def test_a_next_try_the_same_day_is_its_time_alone(server, fresh_db, fetcher, caplog):
    said, after = _failed_line(server, fresh_db, fetcher, caplog, every=60)
    assert f"next try in 60 seconds (at {after:%H:%M:%S} UTC)" in said, said
