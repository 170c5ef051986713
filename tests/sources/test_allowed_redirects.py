"""A feed added with ``--allow-private`` trusts its own host, hop by hop: a redirect from that
host (of the feed or of an entry's page) to another internal host is checked as a public
feed's address would be, so the relay's open redirect leads nowhere inside the network.

Real HTTP servers on 127.0.0.2 (the intranet relay) and 127.0.0.3 (another internal host, as
the cloud metadata service would be); nothing is monkeypatched.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ingest.addresses import AddressPolicy
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, page, rss
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_fetch_security import FAST


def _relay_source(db, location: str):
    with transaction(db):
        return source_row(db, add_source(db, kind="feed", allow_private=True, location=location))


def _fetcher() -> Fetcher:
    return Fetcher(limits=FAST, proxies={}, policy=AddressPolicy())


def test_an_entry_page_redirected_off_the_relay_is_refused_and_its_teaser_kept(fresh_db):
    """The entry links the relay's own host, which answers 302 to the other internal host:
    every hop was fetched with any address allowed, the other host's page stored."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as elsewhere:
        elsewhere.routes["/secret"] = Route(page(LIBRARY[0], LIBRARY[1]),
                                            content_type="text/html")
        relay.routes["/go"] = Route(status=302,
                                    headers={"Location": elsewhere.url("/secret")})
        relay.routes["/moved"] = Route(status=301, headers={"Location": relay.url("/story")})
        relay.routes["/story"] = Route(page(*FERRY), content_type="text/html")
        relay.routes["/feed"] = Route(rss([
            Item("1", LIBRARY[0], LIBRARY[1][:300], link=relay.url("/go"), published=at(1),
                 full=False),
            Item("2", FERRY[0], FERRY[1][:300], link=relay.url("/moved"), published=at(2),
                 full=False)]))
        source = _relay_source(fresh_db, relay.url("/feed"))
        result = poll_feed(fresh_db, source, fetcher=_fetcher(), now=datetime.now(UTC))
        assert elsewhere.requests == []
    assert result.queued == 2
    texts = {row.article.title: row.article.text for row in pending(fresh_db, limit=5)}
    assert texts[LIBRARY[0]] == LIBRARY[1][:300].strip()
    assert texts[FERRY[0]].startswith(FERRY[1][:100]) and len(texts[FERRY[0]]) > 300


def test_a_redirect_to_another_port_of_the_relay_is_refused(fresh_db):
    """Another port of the relay's own host is another service (an admin console, a cache):
    a link there is not trusted, and neither is a redirect there."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.2") as console:
        console.routes["/secret"] = Route(page(LIBRARY[0], LIBRARY[1]),
                                          content_type="text/html")
        relay.routes["/go"] = Route(status=307, headers={"Location": console.url("/secret")})
        relay.routes["/feed"] = Route(rss([Item("1", LIBRARY[0], LIBRARY[1][:300],
                                                link=relay.url("/go"), published=at(1),
                                                full=False)]))
        source = _relay_source(fresh_db, relay.url("/feed"))
        result = poll_feed(fresh_db, source, fetcher=_fetcher(), now=datetime.now(UTC))
        assert console.requests == []
    assert result.queued == 1
    assert [row.article.text for row in pending(fresh_db, limit=5)] == [LIBRARY[1][:300].strip()]


def test_a_relay_feed_redirected_to_another_internal_host_fails_saying_why(fresh_db):
    """The feed's own address answers 302 to another internal host: it was read from there."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as elsewhere:
        elsewhere.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        relay.routes["/feed"] = Route(status=302, headers={"Location": elsewhere.url("/feed")})
        source = _relay_source(fresh_db, relay.url("/feed"))
        result = poll_feed(fresh_db, source, fetcher=_fetcher(), now=datetime.now(UTC))
        assert elsewhere.requests == []
    assert result.queued == 0
    assert "refusing to fetch from 127.0.0.3" in (result.error or "")
    assert "redirect" in (result.error or "")
