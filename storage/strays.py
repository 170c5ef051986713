"""Alerts watched for a stray: the post of a try whose answer never came, which Slack may make
after the alert was posted again (kept in the alerts table, migrations ``delivery/m017``,
``m018``, ``m028``; a second watch at the top level, ``m029``). Each watch reads one
conversation a look."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import StrayWatch

_THREAD = ("stray_look_at", "stray_cursor", "stray_from")
"""The first watch's columns (next look, where a cut-short look stopped, oldest stamp read)."""
_TOP = ("stray_top_look_at", "stray_top_cursor", "stray_top_from")
"""The same of the second watch, at the top level (delivery/m029)."""


def watch_for_stray(db: Database, alert_id: int, *, stray_from: float, since: str,
                    look_at: str, thread_ts: str | None = None,
                    top_from: float | None = None) -> None:
    """Watch the alert, posted again at ``since``, for a stray of its earlier tries (stamped at
    ``stray_from`` or later, by Slack's clock), first looked for at ``look_at``, in the thread
    ``thread_ts`` those tries went to (None: where the alert was posted); ``top_from``: one of
    them went to the top level too, its post stamped then or later, watched there as well when
    the first watch reads a thread. Call inside the transaction that records the post."""
    db.execute("UPDATE alerts SET stray_from = ?, stray_since = ?, stray_look_at = ?, "
               "stray_cursor = NULL, stray_thread_ts = ? WHERE id = ?",
               [stray_from, since, look_at, thread_ts, alert_id])
    db.execute("UPDATE alerts SET stray_top_from = ?, stray_top_look_at = ?, "
               "stray_top_cursor = NULL WHERE id = ? AND coalesce(stray_thread_ts, thread_ts) "
               "IS NOT NULL", [top_from, look_at if top_from is not None else None, alert_id])


def strays_due(db: Database, *, now: str, limit: int) -> list[StrayWatch]:
    """The watches whose next look is due at ``now``, the longest due first, at most ``limit``
    looks (an alert watched in a thread and at the top level counts two): each with the
    conversation its stray can be in (the thread of its tries whose answers never came, else
    where it was posted; or the top level, for the second watch). Read through each watch's
    own index (``+status``: never the status index, which would scan every alert ever sent)."""
    return [_watch(*row) for row in db.execute(
        "SELECT id, posted_channel, ts, coalesce(stray_thread_ts, thread_ts), stray_from, "
        "stray_since, stray_cursor, 0, stray_look_at AS due FROM alerts "
        "WHERE stray_look_at IS NOT NULL AND stray_look_at <= ? AND +status = 'sent' "
        "UNION ALL SELECT id, posted_channel, ts, NULL, stray_top_from, stray_since, "
        "stray_top_cursor, 1, stray_top_look_at FROM alerts WHERE stray_top_look_at IS NOT NULL "
        "AND stray_top_look_at <= ? AND +status = 'sent' ORDER BY due LIMIT ?",
        [now, now, limit])]


def _watch(alert_id: int, channel: str, ts: str, thread_ts: str | None, stray_from: float,
           since: str, cursor: str | None, top_level: int, _due: str) -> StrayWatch:
    """A row of either watch, its sort key (the next look, which both halves of the union
    order by) dropped."""
    return StrayWatch(alert_id, channel, ts, thread_ts, stray_from, since, cursor,
                      top_level=bool(top_level))


def next_stray_look(db: Database, alert_id: int, look_at: str | None,
                    cursor: str | None = None, *, stray_from: float | None = None,
                    top_level: bool = False) -> None:
    """When the alert's watch (its ``top_level`` one, or the first) is next looked at (None
    ends it), and where that look reads on from (``cursor``: the page a look Slack cut short
    stopped at; None: the newest; ``stray_from``: the oldest stamp it reads, when it changes)."""
    look, kept, oldest = _TOP if top_level else _THREAD
    db.execute(f"UPDATE alerts SET {look} = ?, {kept} = ?, {oldest} = coalesce(?, {oldest}) "
               "WHERE id = ?", [look_at, cursor, stray_from, alert_id])
