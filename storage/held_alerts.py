"""Alerts held: each channel's (or person's) next alert, still waiting after Slack answered its
tries with an error wirewatch retries for as long as it lasts, and how many wait behind it."""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlite_utils import Database

from bot.models import HeldAlert

WAITING = "status IN ('pending', 'sending')"
HELD = f"{WAITING} AND instr(last_error, :said) > 0{{within}}"
"""An alert waiting whose latest answer from Slack says ``:said`` (one of ``:targets``')."""
COUNTS = (f"WITH h AS (SELECT channel, min(id) AS first FROM alerts WHERE {HELD} "
          "GROUP BY channel), "
          "t AS (SELECT count(*) AS alerts, count(DISTINCT a.channel) AS conversations "
          f"FROM h JOIN alerts a ON a.channel = h.channel AND a.id >= h.first AND a.{WAITING}) ")
"""Each conversation's first held alert, and the alerts waiting from it on: a join, not a
query an alert."""
LISTED = (COUNTS + "SELECT a.id, a.channel, a.last_error, a.created_at, (SELECT count(*) "
          f"FROM alerts b WHERE b.channel = a.channel AND b.{WAITING} AND b.id > a.id), "
          "a.held_since, t.alerts, t.conversations FROM t LEFT JOIN (SELECT * FROM alerts "
          f"WHERE {HELD} ORDER BY id LIMIT :limit) a ORDER BY a.id")
WITHIN = " AND channel IN (SELECT value FROM json_each(:targets))"


class Held(NamedTuple):
    """The first held alerts, oldest first; how many alerts wait held (each conversation's
    from its first held one on), and in how many conversations, every one counted."""

    alerts: list[HeldAlert]
    waiting: int
    conversations: int


def held_alerts(db: Database, *, said: str, targets: list[str] | None = None,
                limit: int = 50) -> Held:
    """The waiting alerts whose latest answer from Slack says ``said`` (to ``targets``, when
    given), the first ``limit`` listed and all counted, in one query."""
    rows = db.execute(_within(LISTED, targets),
                      _params(said, targets) | {"limit": limit}).fetchall()
    listed = [HeldAlert(*row[:6]) for row in rows if row[0] is not None]
    return Held(listed, int(rows[0][6]), int(rows[0][7]))


def count_held(db: Database, *, said: str, targets: list[str] | None = None) -> tuple[int, int]:
    """How many alerts wait held (each conversation's from its first held one on) and in how
    many conversations, in one query (``held_alerts`` lists them too)."""
    alerts, conversations = db.execute(_within(COUNTS + "SELECT alerts, conversations FROM t",
                                               targets), _params(said, targets)).fetchone()
    return int(alerts), int(conversations)


def _within(sql: str, targets: list[str] | None) -> str:
    return sql.format(within="" if targets is None else WITHIN)


def _params(said: str, targets: list[str] | None) -> dict[str, object]:
    params: dict[str, object] = {"said": said}
    if targets is not None:
        params["targets"] = json.dumps(targets)
    return params
