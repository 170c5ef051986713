"""Digests held: a subscription's digest Slack keeps answering with an error wirewatch retries
for as long as it lasts (a code it does not know), since its first such answer; kept beside
its digest in flight (``state``) until its period is done."""

from __future__ import annotations

import json

from sqlite_utils import Database

from bot.models import HeldDigest
from storage.db import rows_in
from storage.state import get_state, set_state

PREFIX = "digest_held:"
HELD = ("SELECT s.id, t.name, s.target_id, st.value FROM state st JOIN subscriptions s "
        f"ON st.key = '{PREFIX}' || s.id JOIN topics t ON t.id = s.topic_id "
        "WHERE st.value != '' AND s.paused_at IS NULL ")


def mark_held(db: Database, subscription_id: int, *, error: str, at: str) -> None:
    """Slack answered the digest's try with ``error``; the first such answer's time is kept.
    Call in a transaction."""
    since = _read(get_state(db, _key(subscription_id))).get("since") or at
    set_state(db, _key(subscription_id), json.dumps({"since": since, "error": error}))


def clear_held(db: Database, subscription_id: int) -> None:
    """The digest's period is done (posted, found, skipped). Call in a transaction."""
    set_state(db, _key(subscription_id), "")


def held_digests(db: Database, *, targets: list[str] | None = None,
                 limit: int = 50) -> list[HeldDigest]:
    """The held digests of subscriptions not paused, longest held first (to ``targets``, when
    given)."""
    if targets is None:
        rows = db.execute(HELD + "ORDER BY s.id LIMIT ?", [limit]).fetchall()
    else:
        rows = list(rows_in(db, HELD + "AND s.target_id IN ({marks}) ORDER BY s.id LIMIT ?",
                            targets, limit))
    held = [HeldDigest(sub, topic, target, str(kept.get("since") or ""),
                       str(kept.get("error") or ""))
            for sub, topic, target, kept in ((r[0], r[1], r[2], _read(r[3])) for r in rows)]
    return sorted(held, key=lambda digest: (digest.since, digest.subscription_id))[:limit]


def _key(subscription_id: int) -> str:
    return f"{PREFIX}{subscription_id}"


def _read(value: str | None) -> dict:
    """What is kept of a held digest; nothing when unreadable (a hand edit: shown as not held)."""
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
