"""Alerts held: each channel's (or person's) next alert, still waiting after Slack answered its
tries with an error wirewatch retries for as long as it lasts, and how many wait behind it."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import HeldAlert
from storage.db import rows_in

WAITING = "status IN ('pending', 'sending')"
HELD = (f"SELECT a.id, a.channel, a.last_error, a.created_at, (SELECT count(*) FROM alerts b "
        f"WHERE b.channel = a.channel AND b.{WAITING} AND b.id > a.id), a.held_since "
        "FROM alerts a "
        f"WHERE a.{WAITING} AND instr(a.last_error, ?) > 0 ")
COUNT = (f"SELECT count(*), count(DISTINCT a.channel) FROM alerts a WHERE a.{WAITING} AND "
         f"EXISTS (SELECT 1 FROM alerts h WHERE h.channel = a.channel AND h.{WAITING} AND "
         "h.id <= a.id AND instr(h.last_error, ?) > 0) ")


def held_alerts(db: Database, *, said: str, targets: list[str] | None = None,
                limit: int = 50) -> list[HeldAlert]:
    """The waiting alerts whose latest answer from Slack says ``said``, oldest first (to
    ``targets``, when given)."""
    if targets is None:
        rows = db.execute(HELD + "ORDER BY a.id LIMIT ?", [said, limit]).fetchall()
    else:
        rows = sorted(rows_in(db, HELD + "AND a.channel IN ({marks}) ORDER BY a.id LIMIT ?",
                              targets, limit, before=[said]))[:limit]
    return [HeldAlert(*row) for row in rows]


def count_held(db: Database, *, said: str, targets: list[str] | None = None) -> tuple[int, int]:
    """How many alerts wait held (each conversation's from its first held one on) and in how
    many conversations, every one counted (``held_alerts`` lists the first only)."""
    if targets is None:
        alerts, conversations = db.execute(COUNT, [said]).fetchone()
        return int(alerts), int(conversations)
    counts = list(rows_in(db, COUNT + "AND a.channel IN ({marks})", targets, before=[said]))
    return sum(row[0] for row in counts), sum(row[1] for row in counts)
