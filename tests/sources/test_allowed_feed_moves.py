"""A feed added with ``--allow-private`` that moves for good (301, 308) to another host does not
carry its trust there: the operator trusted the relay's host, not where it sends the feed.

Before: the move was stored with ``allow_private`` kept, so every later poll fetched the new
host with any address allowed; once its name resolved inside the network (its owner's DNS
changed, or rebinding), the internal host's feed was read as the relay's. Real HTTP servers
on 127.0.0.2 (the intranet relay) and 127.0.0.3 (the host it moved to: allowed as a public
address would be at the first poll, inside the network at the second); nothing is
monkeypatched."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.config import Settings
from bot.feed_check import check_feed
from bot.ingest.addresses import AddressPolicy
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.models import Source
from storage.db import transaction
from storage.sources import add_source, get_source, move_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, rss
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_fetch_security import FAST


def _relay_source(db, location: str):
    with transaction(db):
        return source_row(db, add_source(db, kind="feed", allow_private=True, location=location))


def _stored(db, source_id: int) -> Source:
    source = get_source(db, source_id)
    assert source is not None
    return source


def _fetcher(*allowed: str) -> Fetcher:
    return Fetcher(limits=FAST, proxies={}, policy=AddressPolicy.allowing(allowed))


def test_a_relay_feed_moved_to_another_host_keeps_no_trust_there(fresh_db, caplog):
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        relay.routes["/feed"] = Route(status=301, headers={"Location": other.url("/feed")})
        source = _relay_source(fresh_db, relay.url("/feed"))
        with caplog.at_level(logging.WARNING, logger="bot.ingest.feeds"):
            first = poll_feed(fresh_db, source, fetcher=_fetcher("127.0.0.3/32"),
                              now=datetime.now(UTC))
        assert first.error is None and first.queued == 1
        other.routes["/feed"] = Route(rss([Item("2", LIBRARY[0], LIBRARY[1], published=at(2))]))
        source = _stored(fresh_db, source.id)
        second = poll_feed(fresh_db, source, fetcher=_fetcher(), now=datetime.now(UTC))
        assert len(other.requests) == 1, "the moved-to host was fetched with the relay's trust"
    assert source.location == relay.url("/feed"), "the relay's feed stays where it was added"
    assert second.queued == 0 and "refusing to fetch from 127.0.0.3" in (second.error or "")
    assert "--allow-private" in caplog.text and other.url("/feed") in caplog.text


def test_a_relay_feed_moved_within_its_own_host_is_moved(fresh_db):
    with FeedServer(host="127.0.0.2") as relay:
        relay.routes["/rss"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        relay.routes["/feed"] = Route(status=308, headers={"Location": relay.url("/rss")})
        source = _relay_source(fresh_db, relay.url("/feed"))
        result = poll_feed(fresh_db, source, fetcher=_fetcher(), now=datetime.now(UTC))
    assert result.error is None and result.queued == 1
    moved = _stored(fresh_db, source.id)
    assert moved.location == relay.url("/rss") and moved.allow_private


def test_adding_a_relay_feed_that_moved_to_another_host_says_it_stays_where_added():
    """`sources add --allow-private` (and `/wirewatch sources add`) said "polls it there"."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        relay.routes["/feed"] = Route(status=301, headers={"Location": other.url("/feed")})
        checked = check_feed(Settings(allow_networks=("127.0.0.3/32",)), relay.url("/feed"),
                             allow_private=True)
    assert checked.problem is None and checked.moved_to is None
    assert "another host than the one --allow-private trusts" in (checked.move_refused() or "")


def test_a_relay_feed_moved_to_another_host_before_is_paused_not_fetched(fresh_db, caplog):
    """A database from before: the move was stored with the trust kept (``move_source``, as
    the poll stored it), and every poll fetched the other host with any address allowed."""
    with FeedServer(host="127.0.0.2") as relay, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        source = _relay_source(fresh_db, relay.url("/feed"))
        with transaction(fresh_db):
            move_source(fresh_db, source, other.url("/feed"), now=datetime.now(UTC))
        moved = _stored(fresh_db, source.id)
        with caplog.at_level(logging.WARNING, logger="bot.ingest"):
            result = poll_feed(fresh_db, moved, fetcher=_fetcher(), now=datetime.now(UTC))
        assert other.requests == [] and relay.requests == []
    assert result.queued == 0 and (result.error or "").startswith("paused:")
    paused = _stored(fresh_db, source.id).paused or ""
    assert "--allow-private" in paused and "127.0.0.2" in paused
    assert f"wirewatch sources remove {source.id}" in caplog.text


def test_a_relay_feed_moved_within_its_own_host_before_is_polled(fresh_db):
    with FeedServer(host="127.0.0.2") as relay:
        relay.routes["/rss"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        source = _relay_source(fresh_db, relay.url("/feed"))
        with transaction(fresh_db):
            move_source(fresh_db, source, relay.url("/rss"), now=datetime.now(UTC))
        result = poll_feed(fresh_db, _stored(fresh_db, source.id), fetcher=_fetcher(),
                           now=datetime.now(UTC))
    assert result.error is None and result.queued == 1
