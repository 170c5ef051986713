"""A feed that moved for good (301, 308) is polled at its new address, unless the server names
an address longer than any link wirewatch keeps (that is stored, listed and shown on every line
naming the feed, so a hostile server's 50,000 characters would be), or the feed holds a trust
the operator gave (``--allow-private``, ``--relays``, a name) and the address is on another host
(the trust is in the host it was given on: ``moved_trust``)."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from sqlite_utils import Database

from bot.ingest.addresses import same_host
from bot.ingest.bounds import MOST_LINK_CHARS, shown_origin
from bot.ingest.fetch import Response
from bot.ingest.moved_trust import held_trusts
from bot.models import Source
from bot.redact import redact
from storage.db import transaction
from storage.sources import move_source, refused_move_key
from storage.state import get_state, set_state

log = logging.getLogger("bot.ingest.feeds.moves")


def remember_move(db: Database, source: Source, response: Response, *,
                  now: datetime) -> str | None:
    """A feed that answered at the end of permanent redirects only is polled there from now
    on: the old address may lapse, or pass to someone else. Its new address (what the rest of
    the poll names it by), or None when it stays where it was."""
    new = response.moved_to
    if not new or new == source.location:
        return None
    if too_long_to_move_to(new):
        _refuse(db, source, new, f"to an address of {len(new):,} characters, {_shown(new)}: "
                f"not moved there, a link is at most {MOST_LINK_CHARS:,} characters")
        return None
    trusts = held_trusts(db, source)
    if trusts and not same_host(new, source.location):
        _refuse(db, source, new, f"to {_shown(new)}, another host than the one it was given "
                f"{', '.join(trusts)} for: not moved there, so that the trust given to that "
                "host goes nowhere else (the redirect is followed at each poll and checked as "
                "a public feed's); if the feed is meant to be there, add that address")
        return None
    with transaction(db):
        other = move_source(db, source, new, now=now)
    if other is not None:
        log.info("feed #%d %s moved for good to %s, which source #%d polls too; remove one of "
                 "them", source.id, _shown(source.location), _shown(new), other.id)
        return None
    log.warning("feed #%d %s moved for good to %s (permanent redirect); polled at its new "
                "address from now on", source.id, _shown(source.location), _shown(new))
    return new


def too_long_to_move_to(address: str) -> bool:
    """A new address no feed is moved to: longer than the longest link kept."""
    return len(address) > MOST_LINK_CHARS


def _refuse(db: Database, source: Source, new: str, why: str) -> None:
    """Said once for each such address, not at every poll: the server sends it every time."""
    key = refused_move_key(source.id)
    digest = hashlib.sha256(new.encode("utf-8", "surrogatepass")).hexdigest()
    if get_state(db, key) == digest:
        return
    with transaction(db):
        set_state(db, key, digest)
    log.warning("feed #%d %s moved for good (permanent redirect) %s; polled at %s as before "
                "(said once)", source.id, _shown(source.location), why, _shown(source.location))


def _shown(text: str) -> str:
    return shown_origin(redact(text))
