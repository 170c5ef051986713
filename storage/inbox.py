"""The inbox: articles every source has accepted, queued durably for the one ingest worker."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.models import RawArticle
from storage.db import insert_row
from storage.sources import iso, utcnow

FIELDS = ("origin", "title", "text", "url", "source", "published", "background")


def enqueue(db: Database, raw: RawArticle, *, source_id: int | None = None,
            now: datetime | None = None) -> int:
    """Queue one article; call inside the transaction that marks its input as seen."""
    row = {name: getattr(raw, name) for name in FIELDS}
    row["background"] = int(raw.background)
    return insert_row(db, "inbox", {**row, "source_id": source_id, "status": "pending",
                                    "created_at": iso(now or utcnow())})


def pending(db: Database, *, limit: int) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT inbox.*, coalesce(s.never_duplicate, 0) AS never_duplicate FROM inbox "
        "LEFT JOIN sources s ON s.id = inbox.source_id WHERE inbox.status = 'pending' "
        "ORDER BY inbox.id LIMIT ?", [limit])]


def as_raw(row: dict) -> RawArticle:
    fields = {name: row[name] for name in FIELDS}
    return RawArticle(**{**fields, "background": bool(fields["background"]),
                         "never_duplicate": bool(row.get("never_duplicate"))})


def finish(db: Database, inbox_id: int, *, status: str, article_id: int | None = None,
           story_id: int | None = None, verdict: str | None = None,
           reason: str | None = None) -> None:
    """Record what became of a queued article; its text is dropped (the article table keeps it)."""
    db.execute(
        "UPDATE inbox SET status = ?, article_id = ?, story_id = ?, verdict = ?, reason = ?, "
        "processed_at = ?, text = '' WHERE id = ?",
        [status, article_id, story_id, verdict, reason, iso(utcnow()), inbox_id],
    )


def retry_later(db: Database, inbox_id: int, *, reason: str, max_attempts: int) -> bool:
    """Count a failed attempt; True while the article stays queued for another try."""
    db.execute("UPDATE inbox SET attempts = attempts + 1, reason = ? WHERE id = ?",
               [reason, inbox_id])
    attempts = db.execute("SELECT attempts FROM inbox WHERE id = ?", [inbox_id]).fetchone()[0]
    return attempts < max_attempts


def results(db: Database, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: dict(r) for r in db.query(
        f"SELECT id, origin, title, status, article_id, story_id, verdict, reason FROM inbox "
        f"WHERE id IN ({marks})", ids)}



def held_by_source(db: Database) -> dict[int, dict[str, int]]:
    """Per source, how many stored articles alerted nobody, by why ("background", "too old…")."""
    held: dict[int, dict[str, int]] = {}
    for source_id, why, count in db.execute(
            "SELECT inbox.source_id, substr(h.reason, 1, instr(h.reason || ':', ':') - 1), "
            "count(*) FROM inbox JOIN alert_holds h ON h.article_id = inbox.article_id "
            "WHERE inbox.status = 'stored' AND inbox.source_id IS NOT NULL GROUP BY 1, 2"):
        held.setdefault(source_id, {})[why] = count
    return held
