"""Digests watched for a stray: the post of a try whose answer never came, which Slack may make
after the digest was posted again or found (the table ``digest_strays``, migration
``delivery/m019``)."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import DigestStrayWatch


def watch_digest(db: Database, *, subscription_id: int, payload: str, channel: str, ts: str,
                 stray_from: float, since: str, look_at: str) -> None:
    """Watch the digest ``payload``, posted (or found) as ``ts`` in ``channel`` at ``since``,
    for a stray of its tries whose answers never came (stamped at ``stray_from`` or later, by
    Slack's clock), first looked for at ``look_at``. Call inside the transaction that closes
    its period."""
    db.execute("INSERT INTO digest_strays (subscription_id, payload, channel, ts, stray_from, "
               "since, look_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [subscription_id, payload, channel, ts, stray_from, since, look_at])


def digest_strays_due(db: Database, *, now: str, limit: int) -> list[DigestStrayWatch]:
    """The watched digests whose next look is due at ``now``, the longest due first."""
    return [DigestStrayWatch(*row) for row in db.execute(
        "SELECT id, payload, channel, ts, stray_from, since, cursor FROM digest_strays "
        "WHERE look_at <= ? ORDER BY look_at LIMIT ?", [now, limit])]


def next_digest_look(db: Database, watch_id: int, look_at: str | None,
                     cursor: str | None = None, *, stray_from: float | None = None) -> None:
    """When the digest is next looked for a stray (None ends its watch), and where that look
    reads on from (``cursor``: the page a look Slack cut short stopped at; None: the newest;
    ``stray_from``: the oldest stamp it reads, when it changes)."""
    if look_at is None:
        db.execute("DELETE FROM digest_strays WHERE id = ?", [watch_id])
        return
    db.execute("UPDATE digest_strays SET look_at = ?, cursor = ?, "
               "stray_from = coalesce(?, stray_from) WHERE id = ?",
               [look_at, cursor, stray_from, watch_id])
