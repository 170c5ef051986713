"""Slack requests already served, remembered for as long as a copy of them could pass."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database


def remember_served(db: Database, keys: Mapping[str, int], *, now: int) -> set[str]:
    """Remember each key until its time; returns those remembered already (a replay's).

    Keys whose time is past are dropped first, so the table holds only what could come again.
    Call inside a transaction."""
    db.execute("DELETE FROM served_requests WHERE until < ?", [now])
    return {key for key, until in keys.items()
            if db.execute("INSERT OR IGNORE INTO served_requests (key, until) VALUES (?, ?)",
                          [key, until]).rowcount == 0}


def served_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM served_requests").fetchone()[0])
