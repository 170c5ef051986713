"""A working feed gone quiet far longer than its usual gap: when its new entries arrived (what
the gap is learned from), and its going quiet and bringing entries again, each noted as a change
of its health (``storage.source_notices``) in the poll's own transaction, so a restart neither
loses the notice nor notes it twice."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from bot.models import Source
from storage.source_notices import note_change
from storage.state import get_state, set_state

GAPS = "quiet_gaps:"
"""The state row holding a feed's gaps, learned once for its latest new entry."""


def gaps_key(source_id: int) -> str:
    """The feed's gaps row; it goes with the feed (``storage.sources.remove_source``)."""
    return f"{GAPS}{source_id}"


def kept_gaps(db: Database, source_id: int, *,
              latest: str) -> tuple[int, float, float, float] | None:
    """The feed's gap count and, in seconds, its longest gap, their span and the longest gap
    between its entries' dates, as learned when ``latest`` was its latest new entry; None when
    not learned since (a new entry came)."""
    parts = (get_state(db, gaps_key(source_id)) or "").split(" ")
    if len(parts) != 5 or parts[0] != latest:
        return None
    return int(parts[1]), float(parts[2]), float(parts[3]), float(parts[4])


def keep_gaps(db: Database, source_id: int, *, latest: str, count: int,
              seconds: tuple[float, float, float]) -> None:
    """Keep what ``kept_gaps`` answers until the feed's next new entry."""
    set_state(db, gaps_key(source_id), " ".join([latest, str(count), *map(str, seconds)]))


def entry_dates(db: Database, source_id: int, *, since: str, limit: int = 5000) -> list[str]:
    """The dates the feed's entries queued since ``since`` give themselves, as written."""
    rows = db.execute("SELECT published FROM inbox WHERE source_id = ? AND created_at >= ? AND "
                      "published IS NOT NULL ORDER BY id DESC LIMIT ?",
                      [source_id, since, limit]).fetchall()
    return [row[0] for row in rows]


def arrivals(db: Database, source_id: int, *, since: str, limit: int = 5000) -> list[str]:
    """When the feed's new entries were first seen since ``since``, each poll once, oldest
    first (the latest ``limit`` polls; on the ``(source_id, seen_at)`` index)."""
    rows = db.execute("SELECT DISTINCT seen_at FROM feed_entries WHERE source_id = ? AND "
                      "seen_at >= ? ORDER BY seen_at DESC LIMIT ?",
                      [source_id, since, limit]).fetchall()
    return [row[0] for row in reversed(rows)]


def note_quiet(db: Database, before: Source, *, at: str, usual: str,
               short: bool = False) -> None:
    """``before``: the feed as it was before this poll; ``usual``: its usual gap, in words,
    kept on the feed too when ``short`` (judged by the plainer rule of a short history)."""
    db.execute("UPDATE sources SET quiet_at = ?, quiet_short = ? WHERE id = ?",
               [at, usual if short else None, before.id])
    note_change(db, replace(before, last_success_at=before.last_item_at), change="quiet",
                failures=0, at=at, reason=usual)


def note_resumed(db: Database, before: Source, *, at: str, told: bool = True) -> None:
    """``told``: False for a feed whose failing since was told: its working again says it."""
    db.execute("UPDATE sources SET quiet_at = NULL, quiet_short = NULL WHERE id = ?",
               [before.id])
    if told:
        note_change(db, replace(before, last_success_at=before.last_item_at),
                    change="resumed", failures=0, at=at, reason=None)
