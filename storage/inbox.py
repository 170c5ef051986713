"""The inbox: articles every source has accepted, queued durably for the one ingest worker."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlite_utils import Database

from bot.models import FailedArticle, FailedTally, HeldTally, InboxResult, QueuedArticle, RawArticle
from storage.backoff import Backoff
from storage.db import change_in, dicts_in, insert_row
from storage.sources import iso, utcnow

FIELDS = ("origin", "title", "text", "url", "source", "published", "background")
RETRY = Backoff(first=5, cap=3600)
MAX_ATTEMPTS = 20
"""5 s doubling to an hour: 20 tries span about twelve hours before an article fails for good."""
DUE = ("(inbox.next_attempt_at IS NULL OR inbox.next_attempt_at <= :now "
       "OR strftime('%s', inbox.next_attempt_at) - strftime('%s', :now) > "
       f"{RETRY.delay_sql('inbox.attempts')})")
"""Due at its retry time, or at once when that is further off than its backoff could have set:
the wall clock stepped back since (an hour back must not be an hour more of waiting)."""


Lane = tuple[int | None, str | None]
"""Whose turn a queued row is taken in: (source id, None), or (None, the HTTP caller)."""


def enqueue(db: Database, raw: RawArticle, *, source_id: int | None = None,
            caller: str | None = None, now: datetime | None = None) -> int:
    """Queue one article; call inside the transaction that marks its input as seen.
    ``caller``: the address of the POST /ingest client (its own turns)."""
    row = {name: getattr(raw, name) for name in FIELDS}
    row["background"] = int(raw.background)
    row["link_unvouched"] = None if raw.link_vouched else 1
    row["vouched_source"] = raw.vouched_source
    return insert_row(db, "inbox", {**row, "source_id": source_id, "caller": caller,
                                    "status": "pending", "created_at": iso(now or utcnow())})


def pending(db: Database, *, limit: int, now: datetime | None = None,
            after: Mapping[Lane, int] | None = None) -> list[QueuedArticle]:
    """Queued articles due now, the sources taking turns: each source's first in the order
    they came, then each one's second, and so on, so a drop of thousands from one source
    (a folder's export, a run of /ingest batches) never holds up another's next article; a
    source's own stay in order. Each caller of POST /ingest (by its address) is a source of
    its own. One waiting out a backoff is not due yet, unless the clock stepped back since
    its wait was set. ``after``: per lane, only those queued after that inbox row."""
    stamp, cursors = iso(now or utcnow()), after or {}
    turns = sorted((turn, row_id) for lane in _queuing(db) for turn, row_id in enumerate(
        _due(db, lane, after=cursors.get(lane, 0), now=stamp, limit=limit)))
    ids = [row_id for _, row_id in turns[:limit]]
    rows = {r["id"]: r for r in dicts_in(
        db, "SELECT inbox.*, coalesce(s.never_duplicate, 0) AS never_duplicate FROM inbox "
        "LEFT JOIN sources s ON s.id = inbox.source_id WHERE inbox.id IN ({marks})", ids)}
    return [QueuedArticle(id=r["id"], source_id=r["source_id"], caller=r["caller"],
                          article=RawArticle(
        origin=r["origin"], text=r["text"], title=r["title"], url=r["url"], source=r["source"],
        published=r["published"], background=bool(r["background"]),
        never_duplicate=bool(r["never_duplicate"]), link_vouched=not r["link_unvouched"],
        vouched_source=r["vouched_source"]))
        for r in (rows[i] for i in ids)]


def _queuing(db: Database) -> list[Lane]:
    """The lanes with articles queued: each source, each POST /ingest caller (and rows
    queued before callers were kept), one index look each."""
    lanes: list[Lane] = [(source, None) for (source,) in db.execute(
        "WITH RECURSIVE next(source) AS (SELECT min(source_id) FROM inbox WHERE "
        "status = 'pending' UNION ALL SELECT (SELECT min(source_id) FROM inbox WHERE "
        "status = 'pending' AND source_id > next.source) FROM next WHERE next.source IS NOT "
        "NULL) SELECT source FROM next WHERE source IS NOT NULL")]
    lanes += [(None, caller) for (caller,) in db.execute(
        "WITH RECURSIVE next(caller) AS (SELECT min(caller) FROM inbox WHERE status = "
        "'pending' AND source_id IS NULL UNION ALL SELECT (SELECT min(caller) FROM inbox WHERE "
        "status = 'pending' AND source_id IS NULL AND caller > next.caller) FROM next WHERE "
        "next.caller IS NOT NULL) SELECT caller FROM next WHERE caller IS NOT NULL")]
    if db.execute("SELECT 1 FROM inbox WHERE status = 'pending' AND source_id IS NULL "
                  "AND caller IS NULL LIMIT 1").fetchone():
        lanes.append((None, None))
    return lanes


def _due(db: Database, lane: Lane, *, after: int, now: str, limit: int) -> list[int]:
    """The first ``limit`` due rows of one lane after the row ``after``, in order."""
    source, caller = lane
    return [row_id for (row_id,) in db.execute(
        f"SELECT id FROM inbox WHERE status = 'pending' AND source_id IS :source AND "
        f"caller IS :caller AND id > :after AND {DUE} ORDER BY id LIMIT :limit",
        {"source": source, "caller": caller, "after": after, "now": now, "limit": limit})]


def waiting_from(db: Database, source_id: int) -> int:
    """How many of a source's articles are queued for their first try (not those waiting out
    a failure's backoff, which may last hours)."""
    return int(db.execute("SELECT count(*) FROM inbox WHERE status = 'pending' AND attempts = 0 "
                          "AND source_id = ?", [source_id]).fetchone()[0])


def finish(db: Database, inbox_id: int, *, status: str, article_id: int | None = None,
           story_id: int | None = None, verdict: str | None = None,
           reason: str | None = None) -> None:
    """Record what became of a queued article. A stored one's text is dropped (the article
    table keeps it); a failed one keeps it, so `wirewatch inbox retry` can try it again."""
    db.execute(
        "UPDATE inbox SET status = ?, article_id = ?, story_id = ?, verdict = ?, reason = ?, "
        "processed_at = ?, next_attempt_at = NULL, "
        "text = CASE WHEN ? = 'failed' THEN text ELSE '' END WHERE id = ?",
        [status, article_id, story_id, verdict, reason, iso(utcnow()), status, inbox_id],
    )


def retry_later(db: Database, inbox_id: int, *, reason: str, now: datetime,
                max_attempts: int = MAX_ATTEMPTS) -> datetime | None:
    """Count a failed attempt; while tries are left, the time of the next one (else None)."""
    attempts = db.execute("SELECT attempts FROM inbox WHERE id = ?", [inbox_id]).fetchone()[0] + 1
    when = RETRY.next_attempt(attempts, now=now) if attempts < max_attempts else None
    db.execute("UPDATE inbox SET attempts = ?, reason = ?, next_attempt_at = ? WHERE id = ?",
               [attempts, reason, iso(when) if when else None, inbox_id])
    return when


def failed(db: Database, *, limit: int = 1000) -> list[FailedArticle]:
    """Articles that failed for good, newest first, with why (their text is kept)."""
    return [FailedArticle(**r) for r in db.query(
        "SELECT id, source_id, origin, title, reason, attempts, created_at, processed_at "
        "FROM inbox WHERE status = 'failed' ORDER BY id DESC LIMIT ?", [limit])]


def failed_by_source(db: Database) -> dict[int | None, FailedTally]:
    """Per source (None: POST /ingest), how many articles failed for good and the latest why."""
    return {source: FailedTally(count, reason) for source, count, reason in db.execute(
        "SELECT source_id, count(*), (SELECT reason FROM inbox i2 WHERE i2.status = 'failed' "
        "AND i2.source_id IS inbox.source_id ORDER BY i2.id DESC LIMIT 1) "
        "FROM inbox WHERE status = 'failed' GROUP BY source_id")}


def requeue(db: Database, ids: list[int] | None = None) -> int:
    """Queue failed articles again (all of them, or ``ids``), with a fresh count of tries."""
    sql = ("UPDATE inbox SET status = 'pending', attempts = 0, next_attempt_at = NULL, "
           "reason = NULL, processed_at = NULL WHERE status = 'failed' AND text != ''")
    if ids is None:
        return db.execute(sql).rowcount
    return change_in(db, sql + " AND id IN ({marks})", ids)


def results(db: Database, ids: list[int]) -> dict[int, InboxResult]:
    return {r["id"]: InboxResult(**r) for r in dicts_in(
        db, "SELECT id, origin, title, status, article_id, story_id, verdict, reason FROM inbox "
        "WHERE id IN ({marks})", ids)}


def waiting_to_retry(db: Database) -> int:
    """How many queued articles wait out a backoff after a failed try."""
    return db.execute("SELECT count(*) FROM inbox WHERE status = 'pending' AND "
                      "next_attempt_at IS NOT NULL").fetchone()[0]


def held_by_source(db: Database) -> dict[int, list[HeldTally]]:
    """Per source, how many stored articles alerted nobody, by why, in the order of the whys
    ("background", "too old to alert")."""
    held: dict[int, list[HeldTally]] = {}
    for source_id, why, count in db.execute(
            "SELECT inbox.source_id, substr(h.reason, 1, instr(h.reason || ':', ':') - 1), "
            "count(*) FROM inbox JOIN alert_holds h ON h.article_id = inbox.article_id "
            "WHERE inbox.status = 'stored' AND inbox.source_id IS NOT NULL GROUP BY 1, 2 "
            "ORDER BY 1, 2"):
        held.setdefault(source_id, []).append(HeldTally(reason=why, count=count))
    return held


def unvouched_by_source(db: Database) -> dict[int, int]:
    """Per feed, how many of the entries it queued link another host than the feed's, their
    page not had from there (``RawArticle.link_vouched``): ``source:`` reads them by the feed's
    name."""
    return {source_id: count for source_id, count in db.execute(
        "SELECT source_id, count(*) FROM inbox WHERE link_unvouched = 1 AND source_id IS NOT "
        "NULL GROUP BY 1")}


CopyCursor = tuple[str, int]
"""Where a reader of exact copies is: the ``processed_at`` and id of the last one it read."""


def copies_after(db: Database, after: CopyCursor, *,
                 limit: int = 100) -> list[tuple[CopyCursor, InboxResult, str | None]]:
    """Inputs found to be exact copies of a stored article (``article_id``), finished after
    ``after``, in that order, each with the title of the article it copies."""
    rows = db.execute(
        "SELECT i.processed_at, i.id, i.origin, i.title, i.status, i.article_id, i.story_id, "
        "i.verdict, i.reason, a.title FROM inbox i LEFT JOIN articles a ON a.id = i.article_id "
        "WHERE i.status = 'duplicate' AND (i.processed_at, i.id) > (?, ?) "
        "ORDER BY i.processed_at, i.id LIMIT ?", [*after, limit]).fetchall()
    return [((at, row[0]), InboxResult(*row[:-1]), row[-1]) for at, *row in rows]


def last_copy(db: Database) -> CopyCursor:
    """The latest exact copy so far: a run tells only of those after it starts."""
    row = db.execute("SELECT processed_at, id FROM inbox WHERE status = 'duplicate' "
                     "ORDER BY processed_at DESC, id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else ("", 0)
