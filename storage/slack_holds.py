"""Holds Slack asked for (a 429's Retry-After), kept in the database so a restart (a deploy, a
crash) inside one does not post at once into Slack's window: one row per method, channel or
"all"; written by the run that met the 429, read by the next start."""

from __future__ import annotations

from sqlite_utils import Database


def keep_hold(db: Database, key: str, *, until: str, seconds: float, now: str) -> None:
    """Keep ``key``'s hold until ``until`` (ISO, UTC); holds over by ``now`` are dropped."""
    db.execute("INSERT INTO slack_holds (key, until, seconds) VALUES (?, ?, ?) "
               "ON CONFLICT (key) DO UPDATE SET until = excluded.until, "
               "seconds = excluded.seconds", [key, until, seconds])
    db.execute("DELETE FROM slack_holds WHERE until < ?", [now])


def kept_holds(db: Database) -> list[tuple[str, str, float]]:
    """Every hold kept: key, until (ISO, UTC), its length in seconds."""
    return [(row[0], row[1], float(row[2])) for row in
            db.execute("SELECT key, until, seconds FROM slack_holds ORDER BY key").fetchall()]
