"""Who gets which topic: a channel or a person, in realtime, hourly or daily mode."""

from __future__ import annotations

from sqlite_utils import Database

MODES = ("realtime", "hourly", "daily")


def subscribe(db: Database, *, topic_id: int, target_type: str, target_id: str, mode: str,
              created_by: str | None, at: str) -> str:
    """Add or change a subscription; returns added, changed or unchanged."""
    row = db.execute("SELECT id, mode FROM subscriptions WHERE topic_id = ? AND target_type = ? "
                     "AND target_id = ?", [topic_id, target_type, target_id]).fetchone()
    if row and row[1] == mode:
        return "unchanged"
    if row:
        db.execute("UPDATE subscriptions SET mode = ?, last_digest_at = ? WHERE id = ?",
                   [mode, at, row[0]])
        return "changed"
    db.table("subscriptions").insert({"topic_id": topic_id, "target_type": target_type,
                                "target_id": target_id, "mode": mode, "created_by": created_by,
                                "created_at": at, "last_digest_at": at})
    return "added"


def unsubscribe(db: Database, *, topic_id: int, target_type: str, target_id: str) -> bool:
    cursor = db.execute("DELETE FROM subscriptions WHERE topic_id = ? AND target_type = ? "
                        "AND target_id = ?", [topic_id, target_type, target_id])
    return cursor.rowcount > 0


def subscriptions_of(db: Database, target_ids: list[str]) -> list[dict]:
    """Subscriptions of these channels or people, with topic names, by topic."""
    if not target_ids:
        return []
    marks = ",".join("?" * len(target_ids))
    return [dict(r) for r in db.query(
        f"SELECT s.*, t.name AS topic FROM subscriptions s JOIN topics t ON t.id = s.topic_id "
        f"WHERE s.target_id IN ({marks}) ORDER BY t.name COLLATE NOCASE, s.target_id",
        target_ids)]


def subscriptions_by(db: Database, user: str) -> list[dict]:
    """A person's own DM subscriptions and the channel subscriptions they set up."""
    return [dict(r) for r in db.query(
        "SELECT s.*, t.name AS topic FROM subscriptions s JOIN topics t ON t.id = s.topic_id "
        "WHERE s.target_id = :user OR (s.target_type = 'channel' AND s.created_by = :user) "
        "ORDER BY t.name COLLATE NOCASE, s.target_id", {"user": user})]


def digest_subscriptions(db: Database) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT s.*, t.name AS topic FROM subscriptions s JOIN topics t ON t.id = s.topic_id "
        "WHERE s.mode IN ('hourly', 'daily') ORDER BY s.id")]


def set_last_digest(db: Database, subscription_id: int, at: str) -> None:
    db.execute("UPDATE subscriptions SET last_digest_at = ? WHERE id = ?", [at, subscription_id])
