"""A working feed gone quiet far longer than its usual gap: when its new entries arrived (what
the gap is learned from), and its going quiet and bringing entries again, each noted as a change
of its health (``storage.source_notices``) in the poll's own transaction, so a restart neither
loses the notice nor notes it twice."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from bot.models import Source
from storage.source_notices import note_change


def arrivals(db: Database, source_id: int, *, since: str, limit: int = 5000) -> list[str]:
    """When the feed's new entries were first seen since ``since``, each poll once, oldest
    first (the latest ``limit`` polls; on the ``(source_id, seen_at)`` index)."""
    rows = db.execute("SELECT DISTINCT seen_at FROM feed_entries WHERE source_id = ? AND "
                      "seen_at >= ? ORDER BY seen_at DESC LIMIT ?",
                      [source_id, since, limit]).fetchall()
    return [row[0] for row in reversed(rows)]


def note_quiet(db: Database, before: Source, *, at: str, usual: str) -> None:
    """``before``: the feed as it was before this poll; ``usual``: its usual gap, in words."""
    db.execute("UPDATE sources SET quiet_at = ? WHERE id = ?", [at, before.id])
    note_change(db, replace(before, last_success_at=before.last_item_at), change="quiet",
                failures=0, at=at, reason=usual)


def note_resumed(db: Database, before: Source, *, at: str, told: bool = True) -> None:
    """``told``: False for a feed whose failing since was told: its working again says it."""
    db.execute("UPDATE sources SET quiet_at = NULL WHERE id = ?", [before.id])
    if told:
        note_change(db, replace(before, last_success_at=before.last_item_at),
                    change="resumed", failures=0, at=at, reason=None)
