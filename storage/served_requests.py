"""Slack requests already served, remembered for as long as a copy of them could pass, and the
events being acted on (claimed), so Slack's resend of one never acted on is acted on."""

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


def claim(db: Database, key: str, until: int, *, owner: str, now: int, live: int) -> bool:
    """Claim ``key`` for ``owner`` to act on; False while it is done (acted on) or ``owner``'s
    own claim of it is under ``live`` seconds old (the first delivery is being acted on). A
    claim by another owner is taken over: only one run serves a database (its run lock), so
    that owner's process is gone. Call inside a transaction, after ``remember_served``."""
    row = db.execute("SELECT owner, claimed_at FROM served_requests WHERE key = ?",
                     [key]).fetchone()
    if row is None:
        db.execute("INSERT INTO served_requests (key, until, owner, claimed_at) "
                   "VALUES (?, ?, ?, ?)", [key, until, owner, now])
        return True
    held_by, claimed_at = row
    if held_by is None or (held_by == owner and now - (claimed_at or 0) < live):
        return False
    db.execute("UPDATE served_requests SET until = ?, owner = ?, claimed_at = ? WHERE key = ?",
               [until, owner, now, key])
    return True


def settle(db: Database, key: str, *, owner: str, acted: bool) -> None:
    """``owner``'s claim of ``key`` is done (``acted``: never acted on again) or given up (so
    Slack's resend is acted on)."""
    if acted:
        db.execute("UPDATE served_requests SET owner = NULL WHERE key = ? AND owner = ?",
                   [key, owner])
    else:
        db.execute("DELETE FROM served_requests WHERE key = ? AND owner = ?", [key, owner])


def served_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM served_requests").fetchone()[0])
