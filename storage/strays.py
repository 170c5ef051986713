"""Alerts watched for a stray: the post of a try whose answer never came, which Slack may make
after the alert was posted again (kept in the alerts table, migrations ``delivery/m017``,
``m018``)."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import StrayWatch


def watch_for_stray(db: Database, alert_id: int, *, stray_from: float, since: str,
                    look_at: str, thread_ts: str | None = None) -> None:
    """Watch the alert, posted again at ``since``, for a stray of its earlier tries (stamped at
    ``stray_from`` or later, by Slack's clock), first looked for at ``look_at``, in the thread
    ``thread_ts`` those tries went to (None: where the alert was posted). Call inside the
    transaction that records the post."""
    db.execute("UPDATE alerts SET stray_from = ?, stray_since = ?, stray_look_at = ?, "
               "stray_cursor = NULL, stray_thread_ts = ? WHERE id = ?",
               [stray_from, since, look_at, thread_ts, alert_id])


def strays_due(db: Database, *, now: str, limit: int) -> list[StrayWatch]:
    """The watched alerts whose next look is due at ``now``, the longest due first, each with
    the thread its stray can be in (that of its tries whose answers never came)."""
    return [StrayWatch(*row) for row in db.execute(
        "SELECT id, posted_channel, ts, coalesce(stray_thread_ts, thread_ts), stray_from, "
        "stray_since, stray_cursor "
        "FROM alerts WHERE stray_look_at IS NOT NULL AND stray_look_at <= ? AND status = 'sent' "
        "ORDER BY stray_look_at LIMIT ?", [now, limit])]


def next_stray_look(db: Database, alert_id: int, look_at: str | None,
                    cursor: str | None = None, *, stray_from: float | None = None) -> None:
    """When the alert is next looked for a stray (None ends its watch), and where that look
    reads on from (``cursor``: the page a look Slack cut short stopped at; None: the newest;
    ``stray_from``: the oldest stamp it reads, when it changes)."""
    db.execute("UPDATE alerts SET stray_look_at = ?, stray_cursor = ?, "
               "stray_from = coalesce(?, stray_from) WHERE id = ?",
               [look_at, cursor, stray_from, alert_id])
