"""Who follows whose words: quote subscriptions, and the quote alerts queued in the outbox."""

from __future__ import annotations

from sqlite_utils import Database

MODES = ("realtime",)


def subscribe_quotes(db: Database, *, query: str, target_type: str, target_id: str,
                     created_by: str | None, at: str) -> bool:
    """Follow the quotes a query selects; False when this target already follows it."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO quote_subscriptions (query, target_type, target_id, mode, "
        "created_by, created_at) VALUES (?, ?, ?, 'realtime', ?, ?)",
        [query, target_type, target_id, created_by, at])
    return cursor.rowcount > 0


def unsubscribe_quotes(db: Database, *, query: str, target_type: str, target_id: str) -> bool:
    cursor = db.execute("DELETE FROM quote_subscriptions WHERE query = ? COLLATE NOCASE "
                        "AND target_type = ? AND target_id = ?", [query, target_type, target_id])
    return cursor.rowcount > 0


def quote_subscriptions_of(db: Database, target_ids: list[str]) -> list[dict]:
    if not target_ids:
        return []
    marks = ",".join("?" * len(target_ids))
    return [dict(r) for r in db.query(
        f"SELECT * FROM quote_subscriptions WHERE target_id IN ({marks}) ORDER BY query, id",
        target_ids)]


def realtime_quote_subscriptions(db: Database) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE mode = 'realtime' ORDER BY id")]


def direct_quotes(db: Database, article_id: int) -> list[dict]:
    """The article's direct quotes with a named speaker, in reading order."""
    return [dict(r) for r in db.query(
        "SELECT id, text, speaker, speaker_role FROM quotes WHERE article_id = ? "
        "AND kind = 'direct' AND speaker IS NOT NULL ORDER BY start, id", [article_id])]


def earlier_quotes(db: Database, story_id: int, article_id: int, speakers: list[str], *,
                   per_speaker: int = 200) -> list[str]:
    """Texts of the quotes the story's other articles carry, and the latest earlier quotes of
    these speakers anywhere (a rewrite filed as a story of its own repeats them too)."""
    texts = [r[0] for r in db.execute(
        "SELECT q.text FROM quotes q JOIN story_articles sa ON sa.article_id = q.article_id "
        "WHERE sa.story_id = ? AND q.article_id != ?", [story_id, article_id])]
    for speaker in speakers:
        texts += [r[0] for r in db.execute(
            "SELECT text FROM quotes WHERE speaker = ? AND article_id < ? "
            "ORDER BY id DESC LIMIT ?", [speaker, article_id, per_speaker])]
    return texts


def queue_quote_alert(db: Database, *, story_id: int, article_id: int, target: str,
                      items: list[tuple[int, int]], at: str) -> int | None:
    """One outbox row for the new quotes (quote id, subscription id) an article brings a target.

    Returns the alert id, or None when this article's quote alert was already queued there."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, status, attempts, "
        "next_attempt_at, created_at) VALUES (?, ?, ?, 'quote', 'pending', 0, ?, ?)",
        [story_id, article_id, target, at, at])
    if cursor.rowcount == 0:
        return None
    alert_id = cursor.lastrowid
    db.conn.executemany(
        "INSERT OR IGNORE INTO quote_alert_items (alert_id, quote_id, subscription_id) "
        "VALUES (?, ?, ?)", [(alert_id, quote_id, sub_id) for quote_id, sub_id in items])
    return alert_id


def quote_alert_rows(db: Database, alert_id: int) -> list[dict]:
    """The quotes of one quote alert, with their article and the query that selected them."""
    return [dict(r) for r in db.query(
        "SELECT q.text, q.speaker, q.speaker_role, a.title, a.source, a.url, a.published, "
        "s.query FROM quote_alert_items i JOIN quotes q ON q.id = i.quote_id "
        "JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN quote_subscriptions s ON s.id = i.subscription_id "
        "WHERE i.alert_id = ? ORDER BY q.start, q.id", [alert_id])]
