"""A source's changes of health (working to failing, and back; a feed gone quiet, and
bringing entries again), kept in the transaction of the
poll that made them, and the outbox rows each is posted as: never lost, never queued twice."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import Source, SourceChange
from storage.db import change_in, transaction

NOTICE = "source"
"""The outbox kind of a source's notice (no story, no article)."""
REMOVED = "its source was removed before it was posted"


def note_change(db: Database, before: Source, *, change: str, failures: int, at: str,
                reason: str | None = None) -> None:
    """``before``: the source as it was before this poll (when it last worked, who added it)."""
    db.execute(
        "INSERT INTO source_changes (source_id, change, kind, location, failures, at, reason, "
        "last_success_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [before.id, change, before.kind, before.location, failures, at, reason,
         before.last_success_at, before.added_by])


def failing_noted(db: Database, source_id: int) -> bool:
    """Whether the source's latest change is its failing: one unhealthy since before changes
    were noted (``sources/m012``) has none, so its coming back answers nothing anyone heard."""
    row = db.execute("SELECT change FROM source_changes WHERE source_id = ? ORDER BY id DESC "
                     "LIMIT 1", [source_id]).fetchone()
    return row is not None and row[0] == "failing"


def changes_to_queue(db: Database, *, limit: int = 100) -> list[SourceChange]:
    return [SourceChange(**row) for row in db.query(
        "SELECT * FROM source_changes WHERE queued_at IS NULL ORDER BY id LIMIT ?", [limit])]


def queue_change(db: Database, change_id: int, targets: Sequence[str], *, at: str) -> int:
    """One outbox row per target, and the change marked queued, in the caller's transaction:
    a change already queued (another pass got there first) queues nothing."""
    marked = db.execute("UPDATE source_changes SET queued_at = ? WHERE id = ? AND queued_at IS "
                        "NULL", [at, change_id]).rowcount
    if not marked:
        return 0
    for target in dict.fromkeys(targets):
        cursor = db.execute(
            "INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "next_attempt_at, created_at) VALUES (NULL, NULL, ?, ?, 'pending', 0, ?, ?)",
            [target, NOTICE, at, at])
        db.execute("INSERT INTO source_notices (alert_id, change_id) VALUES (?, ?)",
                   [cursor.lastrowid, change_id])
    return len(dict.fromkeys(targets))


def change_of_notice(db: Database, alert_id: int) -> SourceChange | None:
    rows = list(db.query("SELECT c.* FROM source_notices n JOIN source_changes c ON c.id = "
                         "n.change_id WHERE n.alert_id = ?", [alert_id]))
    return SourceChange(**rows[0]) if rows else None


def settle_untold(db: Database, source_id: int, *, at: str) -> int:
    """The changes of a source being removed that are not told yet settled, untold, in the
    caller's transaction: those not queued marked queued with no notice, the notices not
    posted yet withdrawn (a try in flight is not tried again: posted or not, it stays so). A
    source added later under the same number (SQLite gives a removed last row's number again)
    is never taken for this one. How many changes."""
    changes = [row[0] for row in db.execute(
        "SELECT id FROM source_changes c WHERE source_id = ? AND (queued_at IS NULL OR EXISTS "
        "(SELECT 1 FROM source_notices n JOIN alerts a ON a.id = n.alert_id "
        "WHERE n.change_id = c.id AND a.status IN ('pending', 'sending')))", [source_id])]
    change_in(db, "UPDATE source_changes SET queued_at = ? WHERE queued_at IS NULL AND id IN "
              "({marks})", changes, before=[at])
    change_in(db, "UPDATE alerts SET status = 'withdrawn', last_error = ?, look_cursor = NULL "
              "WHERE status IN ('pending', 'sending') AND id IN (SELECT alert_id FROM "
              "source_notices WHERE change_id IN ({marks}))", changes,
              before=[REMOVED])
    return len(changes)


STANDS = {"failing": "s.unhealthy = 1", "back": "s.unhealthy = 0",
          "quiet": "s.quiet_at IS NOT NULL", "resumed": "s.quiet_at IS NULL"}
"""How a source stands while each change is so."""


def still_so(db: Database, change: SourceChange) -> bool:
    """Whether ``change`` is how its source stands now: the source's latest change, the source
    still there and still failing (for a change back, working; quiet, still quiet)."""
    return db.execute(
        f"SELECT 1 FROM sources s WHERE s.id = ? AND {STANDS[change.change]} AND NOT EXISTS "
        "(SELECT 1 FROM source_changes c WHERE c.source_id = s.id AND c.id > ?)",
        [change.source_id, change.id]).fetchone() is not None


def prune_told(db: Database, *, queued_before: str) -> int:
    """Drop the changes queued before ``queued_before`` whose notices are all settled (posted,
    failed, withdrawn), with their notices' links, in one transaction. A change not yet
    queued, or one with a notice still to post, stays; so does the failing of a source still
    failing (``failing_noted`` reads it when the source comes back)."""
    with transaction(db):
        told = [row[0] for row in db.execute(
            "SELECT id FROM source_changes c WHERE queued_at IS NOT NULL AND queued_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM source_notices n JOIN alerts a ON a.id = n.alert_id "
            "WHERE n.change_id = c.id AND a.status IN ('pending', 'sending')) AND NOT EXISTS "
            "(SELECT 1 FROM sources s WHERE s.id = c.source_id AND s.unhealthy = 1 AND "
            "c.change = 'failing' AND c.id = (SELECT max(id) FROM source_changes l "
            "WHERE l.source_id = c.source_id))",
            [queued_before])]
        change_in(db, "DELETE FROM source_notices WHERE change_id IN ({marks})", told)
        change_in(db, "DELETE FROM source_changes WHERE id IN ({marks})", told)
    return len(told)
