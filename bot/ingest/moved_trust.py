"""A trust the operator gives a feed (``--allow-private``, ``--relays``, a name) is given to the
host it is on, and goes nowhere else: a permanent redirect to another host is not followed for
good (``feed_moves``), and a feed an older version moved off that host with its trusts is paused
before its next fetch with why (kept with its history, never fetched), as a feed stored at an
address ``sources add`` would refuse now is (``stored_addresses``)."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.ingest.addresses import same_host
from bot.models import Source
from bot.redact import redact
from storage.db import transaction
from storage.sources import moved_from, pause_feed, source_row, trusted_at

log = logging.getLogger(__name__)


def held_trusts(db: Database, source: Source) -> list[str]:
    """The trusts the operator gave the feed, as the flags that give them; [] for none (a name
    kept from its title at the first poll is the feed's own, no trust)."""
    held = ["--allow-private"] if source.allow_private else []
    held += ["--relays"] if source.relays else []
    if source.name is not None and trusted_at(db, source.id) is not None:
        held.append("--name")
    return held


def trusted_where_added(db: Database, source: Source) -> Source:
    """``source``, paused when it holds a trust and is off the host it was given on: where the
    trust was given (kept since sec54b, whatever the moves since), else, for a feed stored
    before, the address of its latest move."""
    if source.kind != "feed" or source.paused:
        return source
    held = held_trusts(db, source)
    anchor = _given_at(db, source) if held else None
    if anchor is None or same_host(source.location, anchor):
        return source
    why = (f"it moved for good from {redact(anchor)} to another host, which the trust "
           f"{', '.join(held)} gave the first host does not reach")
    with transaction(db):
        pause_feed(db, source.id, why)
        now = source_row(db, source.id)
    log.warning("feed #%d %s is paused, never fetched: %s; to fetch it: wirewatch sources "
                "remove %d, then add the address meant (without those flags if they are not "
                "meant for its host)", source.id, redact(source.location), why, source.id)
    return now


def _given_at(db: Database, source: Source) -> str | None:
    """The address whose host the feed's trusts reach; None when not known (never moved)."""
    if given := trusted_at(db, source.id):
        return given
    moved = moved_from(db, source.id)
    return moved[0] if moved else None
