"""A hostile feed server's failure text must not land whole in the database: a redirect to an
address of 50,000 characters that then fails was stored as the feed's last error in full, and
printed whole by `sources list`. Stored bounded, the advice after the address kept. A real
feed server on 127.0.0.1, real SQLite, the real CLI."""

from __future__ import annotations

import pytest

from bot.ingest.bounds import MOST_ORIGIN_SHOWN
from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Route, at, loopback_fetcher


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=1_000_000)


def test_a_failed_polls_stored_error_is_bounded(server, fresh_db, fetcher):
    """Before: the error of 50,000 characters was the row's ``last_error``, whole."""
    far = server.long_url("/moved/feed")
    server.routes["/feed"] = Route(b"", status=302, headers={"Location": far})
    server.routes[far.removeprefix(server.base)] = Route(b"x" * 1_200_000)
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60)
    result = poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(10))
    stored = source_row(fresh_db, source).last_error or ""
    assert "larger than the 1 MB limit" in stored
    assert stored.endswith("is this really a feed or article page?")
    assert server.url("/moved/feed") in stored
    assert len(stored) <= MOST_ORIGIN_SHOWN * 3
    assert result.error is not None and len(result.error) <= MOST_ORIGIN_SHOWN * 3


def test_a_web_page_at_a_long_address_naming_a_long_feed_is_stored_bounded(server, fresh_db,
                                                                             fetcher):
    """Before: both addresses, each of 50,000 characters, were the row's ``last_error``."""
    far, named = server.long_url("/moved/front"), server.long_url("/named/feed")
    server.routes["/feed"] = Route(b"", status=302, headers={"Location": far})
    server.routes[far.removeprefix(server.base)] = Route(
        b"<html><head><title>Front page</title><link rel='alternate' "
        b"type='application/rss+xml' href='" + named.encode() + b"'></head><body><p>Ferry "
        b"crews walk out over rosters.</p></body></html>", content_type="text/html")
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60)
    poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(10))
    stored = source_row(fresh_db, source).last_error or ""
    assert f"is a web page, not a feed; the page names its feed at an address of " \
        f"{len(named):,} characters, too long to show whole" in stored
    assert stored.endswith("and add that address instead")
    assert server.url("/moved/front") in stored and server.url("/named/feed") not in stored
    assert len(stored) <= MOST_ORIGIN_SHOWN * 3
