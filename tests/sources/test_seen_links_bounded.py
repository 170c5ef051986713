"""A feed entry's seen record keeps its link bounded (a hostile feed's link of 200,000
characters was kept whole in a row, twice with its page), and the entry stays known by it: the
same entry under a new guid at that link is not stored again, another link is another entry.
A real feed server on 127.0.0.1, real SQLite, the real spaCy model. Invented copy."""

from __future__ import annotations

import pytest

from bot.ingest.bounds import MOST_LINK_CHARS
from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY, LIBRARY


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=900_000)


def _long_link(server, path: str) -> str:
    return server.url(path) + "?" + "&".join(f"ref{n}=tide" for n in range(20_000))


def test_a_feed_entrys_seen_record_keeps_its_link_bounded(server, fresh_db, fetcher, caplog):
    """Before: feed_entries.link and page held the whole link, 200,000 characters each, and
    the log's line saying the article's link was dropped held it too."""
    link = _long_link(server, "/news/1/pilots")
    text = f"{FERRY[1]}\n\n{LIBRARY[1]}"
    feed = server.url("/feed")
    server.routes["/feed"] = Route(rss([Item(guid="urn:p:1", title=FERRY[0], text=text,
                                             link=link, published=at(10))]))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=feed, every=60)
    assert poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher,
                     now=at(20)).queued == 1
    [(kept, page)] = list(fresh_db.execute("SELECT link, page FROM feed_entries"))
    assert len(kept) <= MOST_LINK_CHARS and len(page) <= MOST_LINK_CHARS
    assert kept != page, "the link and its page are told apart"
    assert caplog.records and max(len(r.getMessage()) for r in caplog.records) < 1_000

    server.routes["/feed"] = Route(rss([Item(guid="urn:p:2", title=FERRY[0], text=text,
                                             link=link, published=at(11))]))
    assert poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher,
                     now=at(30)).queued == 0, "the same entry under a new guid at its link"
    other = _long_link(server, "/news/2/library")
    server.routes["/feed"] = Route(rss([Item(guid="urn:p:3", title=LIBRARY[0],
                                             text=f"{LIBRARY[1]}\n\n{FERRY[1]}", link=other,
                                             published=at(12))]))
    assert poll_feed(fresh_db, source_row(fresh_db, source), fetcher=fetcher,
                     now=at(40)).queued == 1, "another long link is another entry"
