"""The people who follow topics or quotes by direct message, for a look at their accounts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from storage.db import marks


def people_following(db: Database, *, after: str, limit: int,
                     paused_for: Sequence[str]) -> list[str]:
    """The next ``limit`` people (by id, after ``after``) with a direct-message subscription,
    topic or quote, running or paused for one of ``paused_for``."""
    where = (f"target_type = 'user' AND target_id > ? AND (paused_at IS NULL OR "
             f"paused_reason IN ({marks(paused_for)}))")
    return [row[0] for row in db.execute(
        f"SELECT target_id FROM subscriptions WHERE {where} UNION "
        f"SELECT target_id FROM quote_subscriptions WHERE {where} ORDER BY 1 LIMIT ?",
        [after, *paused_for, after, *paused_for, limit])]
