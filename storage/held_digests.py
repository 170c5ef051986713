"""Digests held: a subscription's digest Slack keeps refusing to take for a while (a code
wirewatch does not know, or direct messages it will not open), since its first such answer,
with the tries so far and when the next is due; kept beside its digest in flight (``state``)
until its period is done."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from bot.models import HeldDigest
from storage.db import rows_in
from storage.state import get_state, set_state

PREFIX = "digest_held:"
HELD = ("SELECT s.id, t.name, s.target_id, st.value FROM state st JOIN subscriptions s "
        f"ON st.key = '{PREFIX}' || s.id JOIN topics t ON t.id = s.topic_id "
        "WHERE instr(st.value, ?) > 0 AND s.paused_at IS NULL ")


def mark_held(db: Database, subscription_id: int, *, error: str, at: str,
              next_try: str) -> int:
    """Slack answered the digest's try with ``error``: one try more, the next no sooner than
    ``next_try`` (ISO); the first such answer's time is kept. Returns the tries so far. Call
    in a transaction."""
    kept = _read(get_state(db, _key(subscription_id)))
    tries = _count(kept.get("tries")) + 1
    set_state(db, _key(subscription_id), json.dumps({
        "since": kept.get("since") or at, "error": error, "tries": tries, "next": next_try}))
    return tries


def held_tries(db: Database, subscription_id: int) -> tuple[int, str]:
    """The digest's refused tries so far and when the next is due (ISO; empty: at once)."""
    kept = _read(get_state(db, _key(subscription_id)))
    return _count(kept.get("tries")), str(kept.get("next") or "")


def clear_held(db: Database, subscription_id: int) -> None:
    """The digest's period is done (posted, found, skipped), or the subscription paused or
    removed. Call in a transaction."""
    set_state(db, _key(subscription_id), "")


def held_digests(db: Database, *, said: str, targets: list[str] | None = None,
                 limit: int | None = None) -> list[HeldDigest]:
    """The held digests of subscriptions not paused whose latest answer says ``said``,
    longest held first (to ``targets``, when given); the first ``limit`` of them."""
    if targets is None:
        rows = db.execute(HELD, [said]).fetchall()
    else:
        rows = list(rows_in(db, HELD + "AND s.target_id IN ({marks})", targets, before=[said]))
    held = [HeldDigest(sub, topic, target, str(kept.get("since") or ""),
                       str(kept.get("error") or ""), str(kept.get("next") or ""))
            for sub, topic, target, kept in ((r[0], r[1], r[2], _read(r[3])) for r in rows)]
    return sorted(held, key=lambda digest: (digest.since, digest.subscription_id))[:limit]


def forget_held(db: Database, subscription_ids: Iterable[int]) -> None:
    """These subscriptions are removed or paused: a held digest of theirs is no more (a
    subscription made later may get a removed one's id; one resumed starts afresh). Call in
    a transaction."""
    db.conn.executemany("DELETE FROM state WHERE key = ?",
                        [(_key(subscription_id),) for subscription_id in subscription_ids])


def _key(subscription_id: int) -> str:
    return f"{PREFIX}{subscription_id}"


def _count(value: object) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _read(value: str | None) -> dict:
    """What is kept of a held digest; nothing when unreadable (a hand edit: shown as not held)."""
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
