"""A hostile feed's link of a megabyte must not be a log line of a megabyte: the lines saying an
entry was posted again at another link, or that its article page failed, show a bounded part
of it, as the line saying a link was dropped does. A real feed server on 127.0.0.1, real
SQLite. Invented copy."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.bounds import MOST_ORIGIN_SHOWN
from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY, LIBRARY

LONGEST_LINE = 3 * MOST_ORIGIN_SHOWN + 400
"""A line naming a feed, an entry and two links, each shown bounded, and its words."""


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=900_000)


def _feed(db, server, items: list[Item]) -> int:
    server.routes["/feed"] = Route(rss(items))
    with transaction(db):
        return add_source(db, kind="feed", location=server.url("/feed"), every=60)


def _lines(caplog, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


@pytest.mark.parametrize("status, words", [(404, "stored from the feed's teaser"),
                                           (503, "the entry waits for the next poll")])
def test_an_article_page_line_shows_a_bounded_link(server, fresh_db, fetcher, caplog, status,
                                                   words):
    """Before: 'article page …' printed the whole link, 50,000 characters."""
    link = server.long_url("/news/7/quay")
    server.routes[link.removeprefix(server.base)] = Route(b"gone", status=status)
    source = _feed(fresh_db, server, [Item("urn:q:1", FERRY[0], FERRY[1][:140], link=link,
                                           published=at(5), full=False)])
    caplog.set_level(logging.INFO)
    poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher, now=at(10))
    [line] = _lines(caplog, words)
    assert line.startswith("article page " + server.url("/news/7/quay"))
    assert len(line) < LONGEST_LINE


def test_a_reposted_entrys_line_shows_bounded_links(server, fresh_db, fetcher, caplog):
    """Before: 'posted again at … (it was at …)' printed both links whole, and its guid."""
    first, again = server.long_url("/news/1/quay"), server.long_url("/news/2/quay")
    text = f"{FERRY[1]}\n\n{LIBRARY[1]}"
    source = _feed(fresh_db, server, [Item("urn:q:1", FERRY[0], text, link=first,
                                           published=at(5))])
    assert poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher,
                     now=at(10)).queued == 1
    server.routes["/feed"] = Route(rss([Item("urn:q:" + "9" * 300_000, FERRY[0], text,
                                             link=again, published=at(5))]))
    caplog.set_level(logging.INFO)
    assert poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher,
                     now=at(20)).queued == 0
    [line] = _lines(caplog, "posted again at")
    assert server.url("/news/2/quay") in line and server.url("/news/1/quay") in line
    assert len(line) < LONGEST_LINE
