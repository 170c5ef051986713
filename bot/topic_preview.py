"""Which recent stories a topic query would have matched, and why: tried before it is added,
with the same matcher and stored words as a topic added for real."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.models import LatestArticle
from bot.stories.left_out import stored_text
from bot.stories.query import And, Node, Not, Or, Term, parse_query, topic_query
from bot.stories.stored_queries import excluded
from bot.stories.topics import Matcher, TopicMatch
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
    return [_hit(db, row, result) for row, result in
            matching_stories(db, topic_query(query), since=_since(now, days), limit=SCAN_LIMIT)]


def left_out(db: Database, query: str, *, matched: Collection[int], now: datetime | None = None,
             days: float = PREVIEW_DAYS) -> list[tuple[PreviewHit, str]]:
    """The stories of the same days but those ``matched`` (the preview's) the query would match
    but for its exclusions (NOT, ``source:``), each with how they leave it out: a desk trying
    an exclusion sees what it takes away, not only "0 stories"; none for a query with none."""
    node = parse_query(query)
    kept = included(node)
    if kept is None or kept == node:
        return []
    found = []
    for row, result in matching_stories(db, kept, since=_since(now, days), limit=SCAN_LIMIT):
        why = None if row.story_id in matched else excluded(
            Matcher(stored_text(db, row.article_id)), node)
        if why:
            found.append((_hit(db, row, result), why))
    return found


def included(node: Node) -> Node | None:
    """The query without its exclusions: what an article must hold (``ferry AND NOT cruise``:
    ferry); None when nothing is left, or a NOT is one way of an OR (it matches too much)."""
    if isinstance(node, Term):
        return node
    if isinstance(node, Not):
        return None
    kept = [included(child) for child in node.children]
    if isinstance(node, Or):
        return None if None in kept else Or(tuple(k for k in kept if k is not None))
    left = tuple(k for k in kept if k is not None)
    return None if not left else left[0] if len(left) == 1 else And(left)


def _since(now: datetime | None, days: float) -> str:
    return ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="seconds")


def _hit(db: Database, row: LatestArticle, result: TopicMatch) -> PreviewHit:
    brief = story_brief(db, row.story_id)
    return PreviewHit(story_id=row.story_id, title=brief.title or row.title,
                      last_seen=brief.last_seen, article_count=brief.article_count or 1,
                      reasons=tuple((r.term, r.where, r.text) for r in result.reasons))


def why_text(hit: PreviewHit, *, limit: int = 3) -> str:
    return matched_terms(hit.reasons, limit=limit)


def matched_terms(reasons: Iterable[tuple[str, str, str]], *, limit: int) -> str:
    """``port in title; strike in sentence 2; source Reuters``: the first few (term, where,
    text), each term once, where it first matched; a ``source:`` term, the source it matched."""
    seen: dict[str, str] = {}
    for term, where, text in reasons:
        seen.setdefault(term, f"source {text}" if where == "source" else f"{term} in {where}")
    return "; ".join(list(seen.values())[:limit])
