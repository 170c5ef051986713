"""Small named values that must survive a restart, such as how far the console has printed."""

from __future__ import annotations

from sqlite_utils import Database


def get_state(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO state (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def install_id(db: Database) -> str:
    """This database's own id (made by its migrations), stamped on what it posts to Slack."""
    return get_state(db, "install_id") or ""
