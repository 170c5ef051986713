"""A feed added with ``--allow-private`` that a permanent redirect moved to another host before
sec54 kept its trust there: every poll fetched that host with any address allowed. Before its
next fetch such a feed is paused with why (kept with its history, never fetched), as a feed
stored at an address ``sources add`` would refuse now is (``stored_addresses``)."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.ingest.addresses import same_host
from bot.models import Source
from bot.redact import redact
from storage.db import transaction
from storage.sources import moved_from, pause_feed, source_row

log = logging.getLogger(__name__)


def trusted_where_added(db: Database, source: Source) -> Source:
    """``source``, paused when it is a relay's feed moved off the host it was added for."""
    if source.kind != "feed" or not source.allow_private or source.paused:
        return source
    moved = moved_from(db, source.id)
    if moved is None or same_host(source.location, moved[0]):
        return source
    why = (f"it moved for good from {redact(moved[0])} to another host, which the trust "
           "--allow-private gave the first host does not reach")
    with transaction(db):
        pause_feed(db, source.id, why)
        now = source_row(db, source.id)
    log.warning("feed #%d %s is paused, never fetched: %s; to fetch it: wirewatch sources "
                "remove %d, then add the address meant (without --allow-private if it is a "
                "public one)", source.id, redact(source.location), why, source.id)
    return now
