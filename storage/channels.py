"""A channel whose Slack id changed (shared with another organisation): its rows move with it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

KEYED_BY_CHANNEL = (
    ("subscriptions", "target_id"),
    ("quote_subscriptions", "target_id"),
    ("alerts", "channel"),
    ("alerts", "posted_channel"),
    ("mutes", "channel"),
    ("important_stories", "channel"),
    ("channels_without_threads", "channel"),
    ("digest_told", "target_id"),
)


def move_channel(db: Database, old: str, new: str) -> dict[str, int]:
    """Every row keyed to channel ``old`` now names ``new``: subscriptions (with their pauses,
    notify lists and digest times), quote subscriptions, alerts and the threads they started,
    mutes, important stories, and that the channel takes no thread replies. Call inside a
    transaction. A row the new id already has (same topic, same story) is kept and the old
    duplicate dropped, with what pointed at it: a dropped quote subscription's held and alerted
    quotes go to the one kept, a dropped alert's quotes go with it. Of an alert queued on both
    ids, the one further on its way (sent, then in flight, then waiting) is kept: it is the one
    Slack has, or is about to have. ``old`` is remembered (``moved_to``), so a row keyed to it
    later can follow. Returns the rows moved, by table (alerts counted once, with their
    threads). The stories its digests told it of (``digest_told``) go too."""
    _merge_quote_subscriptions(db, old, new)
    _drop_alerts_behind_their_twin(db, old, new)
    moved: dict[str, int] = {}
    for table, column in KEYED_BY_CHANNEL:
        count = db.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                           [new, old]).rowcount
        if table == "alerts" and column == "channel":
            db.execute("DELETE FROM quote_alert_items WHERE alert_id IN "
                       "(SELECT id FROM alerts WHERE channel = ?)", [old])
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [old])
        if column != "posted_channel":
            moved[table] = count
    _remember(db, old, new)
    return moved


def moved_to(db: Database, channel: str) -> str | None:
    """The id a channel has now, when ``channel`` is an id it had before; else None."""
    row = db.execute("SELECT new FROM moved_channels WHERE old = ?", [channel]).fetchone()
    return str(row[0]) if row else None


def _merge_quote_subscriptions(db: Database, old: str, new: str) -> None:
    """Each quote subscription of ``old`` that ``new`` has too hands its quotes to that one."""
    pairs = db.execute(
        "SELECT o.id, n.id FROM quote_subscriptions o JOIN quote_subscriptions n "
        "ON n.query = o.query AND n.target_type = o.target_type AND n.target_id = ? "
        "WHERE o.target_id = ?", [new, old]).fetchall()
    for dropped, kept in pairs:
        db.execute("UPDATE quote_alert_items SET subscription_id = ? WHERE subscription_id = ?",
                   [kept, dropped])
        db.execute("INSERT OR IGNORE INTO quote_digest_items (subscription_id, quote_id, "
                   "created_at) SELECT ?, quote_id, created_at FROM quote_digest_items "
                   "WHERE subscription_id = ?", [kept, dropped])
        db.execute("DELETE FROM quote_digest_items WHERE subscription_id = ?", [dropped])


def _drop_alerts_behind_their_twin(db: Database, old: str, new: str) -> None:
    """The new id's alerts whose twin on ``old`` is further on its way give way to it, so an
    alert in flight or already posted under the old id is not posted again under the new."""
    behind = [row[0] for row in db.execute(
        f"SELECT n.id FROM alerts n JOIN alerts o ON o.story_id = n.story_id "
        f"AND o.article_id = n.article_id AND o.channel = ? WHERE n.channel = ? "
        f"AND {_progress('o')} > {_progress('n')}", [old, new])]
    for alert_id in behind:
        db.execute("DELETE FROM quote_alert_items WHERE alert_id = ?", [alert_id])
        db.execute("DELETE FROM alerts WHERE id = ?", [alert_id])


def _progress(alias: str) -> str:
    """How far an alert is on its way, as SQL: sent, in flight, waiting, closed."""
    return (f"(CASE {alias}.status WHEN 'sent' THEN 3 WHEN 'sending' THEN 2 "
            f"WHEN 'pending' THEN 1 ELSE 0 END)")


def _remember(db: Database, old: str, new: str) -> None:
    """Map ``old`` (and any id that already led to it) to ``new``."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    db.execute("UPDATE moved_channels SET new = ? WHERE new = ?", [new, old])
    db.execute("DELETE FROM moved_channels WHERE old = ?", [new])
    db.execute("INSERT OR REPLACE INTO moved_channels (old, new, moved_at) VALUES (?, ?, ?)",
               [old, new, at])
