"""A channel whose Slack id changed (shared with another organisation): its rows move with it."""

from __future__ import annotations

from sqlite_utils import Database

KEYED_BY_CHANNEL = (
    ("subscriptions", "target_id"),
    ("quote_subscriptions", "target_id"),
    ("alerts", "channel"),
    ("alerts", "posted_channel"),
    ("mutes", "channel"),
    ("important_stories", "channel"),
)


def move_channel(db: Database, old: str, new: str) -> dict[str, int]:
    """Every row keyed to channel ``old`` now names ``new``: subscriptions (with their pauses,
    notify lists and digest times), quote subscriptions, alerts and the threads they started,
    mutes, important stories. Call inside a transaction. A row the new id already has (same
    topic, same story) is kept and the old duplicate dropped. Returns the rows moved, by table
    (alerts counted once, with the threads they started)."""
    moved: dict[str, int] = {}
    for table, column in KEYED_BY_CHANNEL:
        count = db.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                           [new, old]).rowcount
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [old])
        if column != "posted_channel":
            moved[table] = count
    return moved
