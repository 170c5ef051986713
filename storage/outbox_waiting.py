"""Why the outbox's waiting alerts wait, as a status says it: those due now (posted one a
second in each channel), those to be tried again later (after an error Slack gave), and apart
from them those of a story muted where they go, which their turn closes without a post."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from storage.threads import LONGEST_CHAIN

WAITING = "status IN ('pending', 'sending')"
MUTED = (
    "WITH RECURSIVE chain(alert, channel, story, depth) AS ("
    f"SELECT id, channel, story_id, 0 FROM alerts WHERE {WAITING} AND story_id IS NOT NULL "
    "UNION SELECT c.alert, c.channel, s.continues, c.depth + 1 FROM chain c JOIN stories s "
    f"ON s.id = c.story WHERE s.continues IS NOT NULL AND c.depth < {LONGEST_CHAIN}), "
    "muted(id) AS (SELECT c.alert FROM chain c JOIN mutes m ON m.story_id = c.story AND "
    "(m.channel = c.channel OR EXISTS (SELECT 1 FROM alerts p WHERE p.posted_channel = "
    "m.channel AND p.channel = c.channel))) ")
"""The waiting alerts the sender closes as muted (``sender._post``): their story, or a running
story it continues, is muted in their channel, or in the direct messages a person's earlier
alerts went to (``storage.threads.muted_with_running``)."""


class WhyWaiting(NamedTuple):
    """Due now, and in how many channels (or people); to be tried later, and the first such
    try (ISO 8601); ``muted``: alerts of muted stories, counted in none of the others."""

    due: int
    due_channels: int
    later: int
    next_try: str | None
    muted: int = 0
    pending: int = 0
    oldest: str | None = None
    """All the alerts waiting to be posted (not the muted), and when the oldest was queued."""


def why_waiting(db: Database, *, now: str) -> WhyWaiting:
    """The waiting alerts split by when the sender may next try them, as of ``now`` (ISO)."""
    due, channels, later, next_try, muted, pending, oldest = db.execute(
        MUTED + "SELECT count(*) FILTER (WHERE next_attempt_at <= :now AND NOT quiet), "
        "count(DISTINCT channel) FILTER (WHERE next_attempt_at <= :now AND NOT quiet), "
        "count(*) FILTER (WHERE next_attempt_at > :now AND NOT quiet), "
        "min(next_attempt_at) FILTER (WHERE next_attempt_at > :now AND NOT quiet), "
        "count(*) FILTER (WHERE quiet), count(*) FILTER (WHERE NOT quiet), "
        "min(created_at) FILTER (WHERE NOT quiet) FROM (SELECT a.*, a.id IN muted AS quiet "
        f"FROM alerts a WHERE {WAITING})", {"now": now}).fetchone()
    return WhyWaiting(due, channels, later, next_try, muted, pending, oldest)
