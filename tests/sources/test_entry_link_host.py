"""Which entry links of a feed added with ``--allow-private`` share its trust: those on the
host the fetch of the feed reaches, however the link writes that host; never one the fetch
would take to another host, however much it looks like the feed's.

Real HTTP servers on 127.0.0.2 (the intranet relay) and 127.0.0.3 (another internal host);
nothing is monkeypatched.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest

from bot.ingest.addresses import AddressPolicy, same_host
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.models.web_link import numeric_host
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


@pytest.mark.parametrize("link", ["http://127.2:8080/x", "http://0x7f.0.0.2:8080/x",
                                  "http://2130706434:8080/x", "http://017700000002:8080/x",
                                  "http://0177.0.0.02:8080/x", "http://127.0.2:8080/x"])
def test_the_feeds_numeric_host_written_another_way_is_the_same_host(link):
    """The resolver reads each of these as 127.0.0.2, and so must ``same_host``."""
    assert same_host(link, "http://127.0.0.2:8080/feed")
    assert same_host("http://127.0.0.2:8080/feed", link)


@pytest.mark.parametrize("link", ["http://127.3:8080/x", "http://0x7f.0.0.3:8080/x",
                                  "http://2130706435:8080/x", "http://127.0.0.2.5:8080/x",
                                  "http://08.0.0.2:8080/x", "http://127.0.0.0x2z:8080/x"])
def test_another_number_is_another_host(link):
    assert not same_host(link, "http://127.0.0.2:8080/feed")


@pytest.mark.parametrize("host", ["127.1", "0x7f.1", "2130706433", "017700000001", "0xA9FEA9FE",
                                  "10.0x10203", "0300.0250.1.012", "1.16777215", "00", "[0::1]",
                                  "1.16777216", "4294967296", "256.1", "08.1", "0x", "1..2",
                                  "1.2.3.4.5", "1.2.3.0400", "+1", "1.", "news.example"])
def test_a_number_is_read_as_the_system_resolver_reads_it(host):
    """The resolver's own reading of a number (no lookup: ``AI_NUMERICHOST``), or none."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), 80, type=socket.SOCK_STREAM,
                                   flags=socket.AI_NUMERICHOST)
        resolved: str | None = str(infos[0][4][0])
    except (socket.gaierror, UnicodeError):
        resolved = None
    assert numeric_host(host) == resolved


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
