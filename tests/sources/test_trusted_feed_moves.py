"""A feed added with ``--relays`` or under the operator's name keeps neither when it moves for
good (301, 308) to another host: the operator trusted what the first host's entries say, not
where that host sends the feed. And the host a trust was given on is kept, not only the latest
move: a feed an older version moved off that host, then within the new one, is still seen.

Before: only ``--allow-private`` was held to its host, and only against the latest move. Real
HTTP servers on 127.0.0.2 (the host trusted) and 127.0.0.3 (the host the feed moved to);
nothing is monkeypatched."""

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
from storage.sources import add_source, get_source, move_source, rename_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, rss
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_fetch_security import FAST

RELAYED = {"relays": True}
NAMED = {"name": "Kestrel Bay Courier"}


def _added(db, location: str, **trust) -> Source:
    with transaction(db):
        return source_row(db, add_source(db, kind="feed", location=location, **trust))


def _stored(db, source_id: int) -> Source:
    source = get_source(db, source_id)
    assert source is not None
    return source


def _fetcher() -> Fetcher:
    return Fetcher(limits=FAST, proxies={}, policy=AddressPolicy.allowing(("127.0.0.0/8",)))


def _poll(db, source: Source):
    return poll_feed(db, source, fetcher=_fetcher(), now=datetime.now(UTC))


def _moved_off(db, caplog, trust: dict) -> tuple[Source, Source, int, str]:
    with FeedServer(host="127.0.0.2") as first, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        first.routes["/feed"] = Route(status=301, headers={"Location": other.url("/feed")})
        source = _added(db, first.url("/feed"), **trust)
        with caplog.at_level(logging.WARNING, logger="bot.ingest.feeds"):
            result = _poll(db, source)
        assert result.error is None and result.queued == 1
        return source, _stored(db, source.id), len(first.requests), other.url("/feed")


def test_a_relaying_feed_moved_to_another_host_is_not_moved(fresh_db, caplog):
    added, now, asked_first, elsewhere = _moved_off(fresh_db, caplog, RELAYED)
    assert now.location == added.location, "--relays followed the feed to another host"
    assert now.relays and asked_first == 1
    assert "--relays" in caplog.text and elsewhere in caplog.text


def test_a_feed_named_by_the_operator_moved_to_another_host_is_not_moved(fresh_db, caplog):
    added, now, _, elsewhere = _moved_off(fresh_db, caplog, NAMED)
    assert now.location == added.location, "the operator's name followed the feed elsewhere"
    assert now.name == NAMED["name"]
    assert "--name" in caplog.text and elsewhere in caplog.text


def test_a_feed_named_by_its_title_moves_to_another_host_as_before(fresh_db, caplog):
    added, now, _, elsewhere = _moved_off(fresh_db, caplog, {})
    assert now.location == elsewhere and now.location != added.location


def test_a_feed_renamed_where_it_moved_is_polled_there_and_held_to_that_host(fresh_db):
    """The name is given on the host the feed is on when renamed: not the one it came from."""
    with FeedServer(host="127.0.0.2") as first, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        source = _added(fresh_db, first.url("/feed"))
        with transaction(fresh_db):
            move_source(fresh_db, source, other.url("/feed"), now=datetime.now(UTC))
            rename_source(fresh_db, source.id, "Kestrel Bay Courier")
        assert _poll(fresh_db, _stored(fresh_db, source.id)).queued == 1
        other.routes["/feed"] = Route(status=308, headers={"Location": first.url("/feed")})
        first.routes["/feed"] = Route(rss([Item("2", LIBRARY[0], LIBRARY[1], published=at(2))]))
        _poll(fresh_db, _stored(fresh_db, source.id))
    assert _stored(fresh_db, source.id).location == other.url("/feed")


def test_a_trusted_feed_moved_off_its_host_then_within_the_new_one_is_paused(fresh_db):
    """An older version's moves, the second within the new host: the latest alone hides the
    first, which took the trust elsewhere."""
    for trust in ({"allow_private": True}, RELAYED, NAMED):
        with FeedServer(host="127.0.0.2") as first, FeedServer(host="127.0.0.3") as other:
            other.routes["/rss"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
            source = _added(fresh_db, first.url("/feed"), **trust)
            with transaction(fresh_db):
                move_source(fresh_db, source, other.url("/feed"), now=datetime.now(UTC))
                move_source(fresh_db, _stored(fresh_db, source.id), other.url("/rss"),
                            now=datetime.now(UTC))
            result = _poll(fresh_db, _stored(fresh_db, source.id))
            assert other.requests == [], f"{trust}: fetched on the host it moved to"
        assert (result.error or "").startswith("paused:"), trust
        paused = _stored(fresh_db, source.id).paused or ""
        assert "127.0.0.2" in paused and next(iter(trust)).replace("_", "-") in paused


def test_adding_a_relaying_feed_that_moved_to_another_host_says_it_stays_where_added():
    with FeedServer(host="127.0.0.2") as first, FeedServer(host="127.0.0.3") as other:
        other.routes["/feed"] = Route(rss([Item("1", FERRY[0], FERRY[1], published=at(1))]))
        first.routes["/feed"] = Route(status=301, headers={"Location": other.url("/feed")})
        checked = check_feed(Settings(allow_networks=("127.0.0.0/8",)), first.url("/feed"),
                             trusts=("--relays", "--name"))
    assert checked.problem is None and checked.moved_to is None
    assert "another host than the one --relays and --name trusts" in (checked.move_refused()
                                                                          or "")
