"""Which entry links of a feed added with ``--allow-private`` share its trust: those on the
host the fetch of the feed reaches, however the link writes that host; never one the fetch
would take to another host, however much it looks like the feed's.

Real HTTP servers on 127.0.0.2 (the intranet relay) and 127.0.0.3 (another internal host);
nothing is monkeypatched.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ingest.addresses import AddressPolicy, same_host
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, page, rss
from tests.sources.stories import LIBRARY
from tests.sources.test_fetch_security import FAST

FEED = "https://bücher.example/feed"


@pytest.mark.parametrize("link", [
    "https://xn--bcher-kva.example/story",
    "https://XN--BCHER-KVA.EXAMPLE/story",
    "https://BÜCHER.example/story",
    "https://bücher.example./story",
    "https://Xn--Bcher-Kva.Example.:443/story",
    "http://bücher.example:80/story",
])
def test_the_feeds_host_written_another_way_is_the_same_host(link):
    assert same_host(link, FEED)
    assert same_host(FEED, link)


@pytest.mark.parametrize("link", [
    "https://bucher.example/story",
    "https://xn--bcher-kva.example.evil/story",
    "https://bücher.example.evil/story",
    "https://büсher.example/story",
    "https://xn--bcher-kva.exampIe/story",
    "https://bücher.example:8443/story",
    "https://elsewhere.example\\@bücher.example/story",
    "https://ｂücher.example/story",
    "https://xn--/story",
    "https://[bücher.example/story",
])
def test_a_look_alike_of_the_feeds_host_is_another_host(link):
    assert not same_host(link, FEED)


def test_a_host_is_read_as_the_fetch_reads_it():
    """Percent escapes and a backslash, as urllib3 reads them, not as ``urlsplit`` does."""
    assert same_host("http://intr%61net.example/story", "http://intranet.example/feed")
    assert same_host("https://bücher.example\\@elsewhere.example/story", FEED)
    assert not same_host("http://intranet%2eexample.evil/x", "http://intranet.example/feed")


def test_a_link_the_fetch_reads_as_another_host_gets_no_trust(fresh_db):
    """Python's ``urlsplit`` reads ``http://A\\@B/`` as host B and the fetch (urllib3) as host
    A: a relay's entry linking the other internal host that way, behind the relay's own name,
    had that host asked with any address allowed."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as elsewhere:
        elsewhere.routes["/secret"] = Route(page(LIBRARY[0], LIBRARY[1]),
                                            content_type="text/html")
        behind = f"http://127.0.0.3:{elsewhere.port}\\@127.0.0.2:{relay.port}/secret"
        relay.routes["/feed"] = Route(rss([Item("1", LIBRARY[0], LIBRARY[1][:300], link=behind,
                                                published=at(1), full=False)]))
        with transaction(fresh_db):
            source = source_row(fresh_db, add_source(fresh_db, kind="feed", allow_private=True,
                                                     location=relay.url("/feed")))
        fetcher = Fetcher(limits=FAST, proxies={}, policy=AddressPolicy())
        result = poll_feed(fresh_db, source, fetcher=fetcher, now=datetime.now(UTC))
        assert elsewhere.requests == []
    assert result.queued == 1
    texts = {row.article.title: row.article.text for row in pending(fresh_db, limit=5)}
    assert texts[LIBRARY[0]] == LIBRARY[1][:300].strip()
