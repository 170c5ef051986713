"""A permanent redirect to an address longer than any link wirewatch keeps is no move: a
hostile server could make the source's stored and shown address 50,000 characters. The feed is
still polled at its own address, and why is said once. A real feed server on 127.0.0.1, real
SQLite. Invented copy."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.bounds import MOST_LINK_CHARS
from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, moved_from, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY


@pytest.fixture
def fetcher():
    return loopback_fetcher()


def _far(server) -> str:
    """An address of some 10,000 characters, over the longest link kept."""
    far = server.url("/moved/feed") + "?" + "&".join(f"ref{n}=quay" for n in range(1_000))
    assert len(far) > MOST_LINK_CHARS
    return far


def test_a_move_to_an_address_too_long_to_keep_is_refused_and_said_once(server, fresh_db,
                                                                         fetcher, caplog):
    """Before: the source's address became the 10,000 characters, shown by every listing."""
    far = _far(server)
    server.routes["/feed"] = Route(b"", status=301, headers={"Location": far})
    server.routes[far.removeprefix(server.base)] = Route(
        rss([Item("urn:q:1", *FERRY, published=at(1))]))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60)
    with caplog.at_level(logging.INFO, logger="bot.ingest"):
        first = poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(10))
        poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(20))
    assert first.error is None and first.queued == 1
    row = source_row(fresh_db, source)
    assert row.location == server.url("/feed")
    assert moved_from(fresh_db, source) is None
    refused = [r.getMessage() for r in caplog.records if "not moved there" in r.getMessage()]
    assert len(refused) == 1, refused
    assert f"an address of {len(far):,} characters" in refused[0]
    assert f"polled at {server.url('/feed')}" in refused[0]
    assert all(len(r.getMessage()) < 1_000 for r in caplog.records)
