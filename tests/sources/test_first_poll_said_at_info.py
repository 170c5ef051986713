"""A feed's first poll storing what the feed already carries as background is what a first run
is meant to do: said at INFO, not as a WARNING that reads as something gone wrong, and still
shown by a run at its default level. A real feed server on 127.0.0.1, real SQLite, the real
`wirewatch` command. Invented copy."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY, LIBRARY


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=200_000)


@pytest.mark.parametrize("items, words", [
    ([Item("urn:q:2", *LIBRARY, published=at(2)), Item("urn:q:1", *FERRY, published=at(1))],
     "first poll, 2 existing entries stored as background (no alerts)"),
    ([], "first poll, the feed has no entries yet")])
def test_the_first_polls_line_is_info(server, fresh_db, fetcher, caplog, items, words):
    """Before: logged at WARNING."""
    server.routes["/feed"] = Route(rss(items))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60)
    caplog.set_level(logging.DEBUG)
    poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(10))
    [record] = [r for r in caplog.records if words in r.getMessage()]
    assert record.levelno == logging.INFO
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
