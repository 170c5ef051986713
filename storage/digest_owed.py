"""Story events a digest left out for an alert still to go to its reader, kept until that alert
is posted or fails for good (migration ``delivery/m027``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import TopicEvent
from storage.alerts import alerted_events, story_events


def owed_back(db: Database, subscription_id: int, target: str
              ) -> tuple[list[TopicEvent], tuple[int, ...]]:
    """The subscription's owed events whose alerts to ``target`` all failed for good (failed,
    or closed as muted or withdrawn): none will tell the reader, so the digest lists them; and
    every owed event now settled (those, and those an alert was posted for)."""
    owed = [row[0] for row in db.execute(
        "SELECT event_id FROM digest_owed WHERE subscription_id = ? ORDER BY event_id",
        [subscription_id])]
    if not owed:
        return [], ()
    waiting = alerted_events(db, target, owed, statuses=("pending", "sending"))
    posted = alerted_events(db, target, owed, statuses=("sent",))
    back = [e for e in owed if e not in waiting and e not in posted]
    return story_events(db, back), tuple(e for e in owed if e not in waiting)


def keep_owed(db: Database, subscription_id: int, *, owed: Sequence[int],
              settled: Sequence[int]) -> None:
    """Call in the transaction that closes the digest's period: ``owed``, the events it left
    out for an alert still to go; ``settled``, the owed events it gave back or saw posted."""
    db.conn.executemany("INSERT OR IGNORE INTO digest_owed (subscription_id, event_id) "
                        "VALUES (?, ?)", [(subscription_id, e) for e in owed])
    db.conn.executemany("DELETE FROM digest_owed WHERE subscription_id = ? AND event_id = ?",
                        [(subscription_id, e) for e in settled])
