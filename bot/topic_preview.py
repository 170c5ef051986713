"""Which recent stories a topic query would have matched, and why: tried before it is added,
with the same matcher and stored words as a topic added for real."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.stories.query import parse_query
from bot.stories.tracking import matching_stories
from storage.timeline import story_brief

PREVIEW_DAYS = 7
SCAN_LIMIT = 500


@dataclass(frozen=True)
class PreviewHit:
    """A story the query matches; ``reasons`` are (term, where, text) of what matched."""

    story_id: int
    title: str
    last_seen: str | None
    article_count: int
    reasons: tuple[tuple[str, str, str], ...]


def preview(db: Database, query: str, *, now: datetime | None = None,
            days: float = PREVIEW_DAYS) -> list[PreviewHit]:
    """Stories seen in the last ``days`` (the latest SCAN_LIMIT of them, as many as a topic
    added for real is tried on) one of whose newest articles matches; raises TopicQueryError."""
    node = parse_query(query)
    since = ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="seconds")
    hits = []
    for row, result in matching_stories(db, node, since=since, limit=SCAN_LIMIT):
        brief = story_brief(db, row.story_id)
        hits.append(PreviewHit(
            story_id=row.story_id, title=brief.title or row.title,
            last_seen=brief.last_seen, article_count=brief.article_count or 1,
            reasons=tuple((r.term, r.where, r.text) for r in result.reasons)))
    return hits


def why_text(hit: PreviewHit, *, limit: int = 3) -> str:
    return matched_terms(hit.reasons, limit=limit)


def matched_terms(reasons: Iterable[tuple[str, str, str]], *, limit: int) -> str:
    """``port in title; strike in sentence 2; source Reuters``: the first few (term, where,
    text), each term once, where it first matched; a ``source:`` term, the source it matched."""
    seen: dict[str, str] = {}
    for term, where, text in reasons:
        seen.setdefault(term, f"source {text}" if where == "source" else f"{term} in {where}")
    return "; ".join(list(seen.values())[:limit])
