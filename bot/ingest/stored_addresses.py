"""Feeds stored before their address was kept as a browser reads it (security48c) were fetched
as stored: ``http://A\\@B/feed`` asked A for ``/%5C@B/feed``, ``https://a\\feed`` failed every
poll. Before a feed's next fetch its address is read so: given that reading when a new feed
could be added at it, else the feed is paused with why (kept, never fetched at an address
``sources add`` would refuse now). A feed read so already is left as it is: this runs once."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.ingest.addresses import AddressPolicy, fetched_at
from bot.ingest.fetch import FetchError, check_address
from bot.models import Source
from bot.models.web_link import browser_slashes, web_link
from bot.redact import redact
from storage.db import transaction
from storage.sources import (
    SourceError,
    get_source,
    normalise_location,
    pause_feed,
    readdress_feed,
    source_row,
)

log = logging.getLogger(__name__)


def read_as_added(db: Database, source: Source, policy: AddressPolicy) -> Source:
    """``source`` as it is fetched from now on: at its browser reading, or paused (``paused``
    says why); a folder, a paused feed or one read so already as it is."""
    if source.kind != "feed" or source.paused or _read_so(source.location):
        return source
    with transaction(db):
        why = _refused(db, source, policy)
        if why:
            pause_feed(db, source.id, redact(why))
        else:
            readdress_feed(db, source.id, browser_slashes(source.location))
        now = source_row(db, source.id)
    if why:
        log.warning("feed #%d %s is paused, never fetched: %s; to fetch it: wirewatch sources "
                    "remove %d, then add the address meant", source.id, redact(source.location),
                    now.paused, source.id)
    else:
        log.info("feed #%d is fetched at %s from now on, its address as a browser reads it "
                 "(stored as %s)", source.id, redact(now.location), redact(source.location))
    return now


def _read_so(location: str) -> bool:
    return web_link(location) is not None and browser_slashes(location) == location


def _refused(db: Database, source: Source, policy: AddressPolicy) -> str | None:
    """Why a new feed could not be added at the stored address's browser reading (the checks
    `sources add` makes, without fetching it), or None."""
    try:
        reading = normalise_location(kind="feed", location=source.location)
    except SourceError:
        return (f"its stored address {source.location} is one a browser reads two ways or not "
                "at all, refused when a feed is added now")
    said = f"its stored address read as a browser reads it is {reading}"
    other = get_source(db, reading)
    if other is not None and other.id != source.id:
        return f"{said}, feed #{other.id}'s already"
    if source.allow_private:
        same = fetched_at(reading) == fetched_at(source.location)
        return None if same else (f"{said}, not on the host --allow-private was given for "
                                  "(it trusts that host alone)")
    try:
        check_address(reading, policy)
    except FetchError as exc:
        return f"{said}: {exc}"
    return None
