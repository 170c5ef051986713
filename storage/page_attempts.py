"""Feed entries waiting for their article page: a page that failed in a way that may pass (a
timeout, a 503) is asked for again at the next polls, a few times, before the teaser is used.
The tries live here, so a restart between polls does not start the count again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlite_utils import Database

from bot.models import PageAttempts
from storage.sources import iso

_ENTRY = "source_id = ? AND key = ?"


def page_attempts(db: Database, source_id: int, *, key: str) -> PageAttempts | None:
    """The entry's failed tries so far, known by the key they were first counted under."""
    row = db.execute(
        f"SELECT tries, first_failed_at, background FROM page_attempts WHERE {_ENTRY}",
        [source_id, key]).fetchone()
    if row is None:
        return None
    return PageAttempts(tries=row[0], first_failed_at=row[1], background=bool(row[2]))


def waiting_at_link(db: Database, source_id: int, link: str) -> list[tuple[str, str | None]]:
    """The keys and titles of the entries waiting for this link's page (an entry whose guid
    changed on an edit is among them, under its first guid)."""
    return [(key, title) for key, title in db.execute(
        "SELECT key, title FROM page_attempts WHERE source_id = ? AND link = ?",
        [source_id, link])]


def waiting_links(db: Database, source_id: int) -> set[str]:
    """The links of the feed's entries waiting for their page (one read, not one an entry)."""
    return {link for (link,) in db.execute(
        "SELECT link FROM page_attempts WHERE source_id = ? AND link IS NOT NULL", [source_id])}


def note_page_failure(db: Database, source_id: int, *, key: str, link: str | None,
                      title: str | None, reason: str, background: bool,
                      now: datetime) -> PageAttempts:
    """One more failed try; the first failure's time and background flag are kept."""
    before = page_attempts(db, source_id, key=key)
    if before is None:
        db.execute(
            "INSERT INTO page_attempts (source_id, key, link, title, tries, first_failed_at, "
            "last_error, background) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
            [source_id, key, link, title, iso(now), reason, int(background)])
        return PageAttempts(tries=1, first_failed_at=iso(now), background=background)
    db.execute(f"UPDATE page_attempts SET tries = tries + 1, last_error = ? WHERE {_ENTRY}",
               [reason, source_id, key])
    return replace(before, tries=before.tries + 1)


def forget_page_attempts(db: Database, source_id: int, *, key: str) -> None:
    """The entry is stored (its page or its teaser): nothing waits any more."""
    db.execute(f"DELETE FROM page_attempts WHERE {_ENTRY}", [source_id, key])


def forget_gone_entries(db: Database, source_id: int, *, keys: Iterable[str]) -> int:
    """Drop the tries of entries no longer in the feed (nothing else would clear them), so the
    table never holds more rows than the feeds carry. Returns how many were dropped."""
    present = set(keys)
    rows = db.execute("SELECT key FROM page_attempts WHERE source_id = ?",
                      [source_id]).fetchall()
    gone = [key for (key,) in rows if key not in present]
    for key in gone:
        db.execute("DELETE FROM page_attempts WHERE source_id = ? AND key = ?", [source_id, key])
    return len(gone)


def waiting_for_pages(db: Database) -> dict[int, int]:
    """How many entries wait for their article page, per source id."""
    rows = db.execute("SELECT source_id, count(*) FROM page_attempts GROUP BY source_id")
    return {source_id: count for source_id, count in rows.fetchall()}
