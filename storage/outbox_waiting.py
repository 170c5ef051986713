"""Why the outbox's waiting alerts wait, as a status says it: those due now (posted one a
second in each channel), and those to be tried again later (after an error Slack gave)."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

WAITING = "status IN ('pending', 'sending')"


class WhyWaiting(NamedTuple):
    """Due now, and in how many channels (or people); to be tried later, and the first such
    try (ISO 8601)."""

    due: int
    due_channels: int
    later: int
    next_try: str | None


def why_waiting(db: Database, *, now: str) -> WhyWaiting:
    """The waiting alerts split by when the sender may next try them, as of ``now`` (ISO)."""
    due, channels, later, next_try = db.execute(
        "SELECT count(*) FILTER (WHERE next_attempt_at <= :now), count(DISTINCT channel) "
        "FILTER (WHERE next_attempt_at <= :now), count(*) FILTER (WHERE next_attempt_at > :now), "
        f"min(next_attempt_at) FILTER (WHERE next_attempt_at > :now) FROM alerts WHERE {WAITING}",
        {"now": now}).fetchone()
    return WhyWaiting(due, channels, later, next_try)
