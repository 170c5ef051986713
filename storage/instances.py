"""The runs this database has had: a post stamped with its id by a run it never had is a
copy's (a restored backup, a copied volume)."""

from __future__ import annotations

from sqlite_utils import Database


def record_boot(db: Database, boot: str, *, at: str) -> None:
    db.execute("INSERT OR IGNORE INTO boots (boot, started_at) VALUES (?, ?)", [boot, at])


def boots_started(db: Database) -> dict[str, str]:
    """Each run's boot id and when it began (ISO 8601, UTC)."""
    return dict(db.execute("SELECT boot, started_at FROM boots").fetchall())
