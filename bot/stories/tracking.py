"""Adding a topic: check its query, store it, and tie it to the stories already running."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta

from sqlite_utils import Database

from bot.models import LatestArticle
from bot.models.times import utc_time
from bot.stories.query import Node, TopicQueryError, default_query, topic_query
from bot.stories.topics import (
    MatchText,
    TopicMatch,
    decode,
    match_story,
    sources_of,
    text_from_stored,
    with_sources,
)
from storage import stories as story_store
from storage.articles import now_iso
from storage.topics import TopicError, folded, insert_topic

RUNNING_LIMIT = 500
ARTICLES_PER_STORY = 4
"""A story matches when one of its newest articles does, as it would have had the topic been
there when the article came (its latest alone missed a story whose update does not repeat the
topic's words). Four, as the clustering compares a story's latest four: the matching holds the
write lock and the Add-a-topic form must answer within Slack's 3 seconds (about 0.5 ms CPU an
article: 500 stories of 4 about 1 s, of 10 about 2.5 s)."""

NAME_LIMIT = 100
"""Characters a topic's name may have: what the Add-a-topic form takes and every listing shows."""

__all__ = ["NAME_LIMIT", "RUNNING_LIMIT", "TopicError", "add_topic", "link_running", "link_stories",
           "matching_stories", "running_since", "story_match", "topic_name"]


def add_topic(
    db: Database, *, name: str, query: str | None, created_by: str | None = None,
    quiet_hours: float = 72.0,
) -> int:
    """Add a topic after checking its query, and tie it to the stories already running."""
    name, query = topic_name(name), (query or "").strip()
    try:
        query = query or default_query(name)
        node = topic_query(query)
    except TopicQueryError as exc:
        raise TopicError(f"bad query: {exc.describe()}") from exc
    topic_id = insert_topic(db, name=name, query=query, created_by=created_by)
    link_running(db, topic_id, node, quiet_hours=quiet_hours)
    return topic_id


def topic_name(name: str) -> str:
    """The name as a topic is stored under, or TopicError for one a topic cannot have."""
    name = folded(name)
    if not name:
        raise TopicError("a topic needs a name")
    if not any(char.isalnum() for char in name):
        raise TopicError(f"a topic's name needs a letter or a digit ('{name}' would head its "
                         "alerts and lists): name what it follows, as in \"Port strike\"")
    if len(name) > NAME_LIMIT:
        raise TopicError(f"a topic's name has at most {NAME_LIMIT} characters (this one has "
                         f"{len(name)}): give it a short name and the rest as its query")
    return name


def link_running(db: Database, topic_id: int, node: Node, *, quiet_hours: float) -> int:
    """Link the topic to recent stories one of whose newest articles matches it, with the
    same matcher a new article goes through."""
    since = running_since(db, quiet_hours=quiet_hours)
    if since is None:
        return 0
    return link_stories(db, topic_id, matching_stories(db, node, since=since,
                                                       limit=RUNNING_LIMIT))


def running_since(db: Database, *, quiet_hours: float) -> str | None:
    """Where the running stories begin: the quiet window back from the latest story seen;
    None before any story."""
    latest = story_store.latest_seen(db)
    if not latest:
        return None
    return (utc_time(latest) - timedelta(hours=quiet_hours)).isoformat(
        timespec="seconds")


def link_stories(db: Database, topic_id: int,
                 matched: Iterable[tuple[LatestArticle, TopicMatch]]) -> int:
    """Tie the topic to each matched story, with why it matched; how many."""
    linked = 0
    for row, result in matched:
        story_store.link_topic(db, story_id=row.story_id, topic_id=topic_id,
                               article_id=row.article_id,
                               reasons=result.reasons, now=now_iso())
        linked += 1
    return linked


def matching_stories(db: Database, node: Node, *, since: str,
                     limit: int) -> Iterator[tuple[LatestArticle, TopicMatch]]:
    """Stories seen since ``since`` one of whose newest articles the query matches (the
    newest such article), on the words and lemmas the story stage stored (words alone for
    articles stored before)."""
    matched: set[int] = set()
    for row in story_store.recent_story_articles(db, since=since, limit=limit,
                                                 per_story=ARTICLES_PER_STORY):
        if row.story_id in matched:
            continue
        result = match_story(node, _stored_text(db, row))
        if result.matched:
            matched.add(row.story_id)
            yield row, result


def story_match(db: Database, story_id: int,
                node: Node) -> tuple[LatestArticle, TopicMatch] | None:
    """The newest of the story's latest articles the query matches, and why (None: none)."""
    for row in story_store.story_latest_articles(db, story_id, limit=ARTICLES_PER_STORY):
        result = match_story(node, _stored_text(db, row))
        if result.matched:
            return row, result
    return None


def _stored_text(db: Database, row: LatestArticle) -> MatchText:
    words = story_store.article_words(db, row.article_id)
    if words:
        return with_sources(decode(words), row.source, row.url)
    return text_from_stored(title=row.title, body=row.body,
                            parts=story_store.article_parts(db, row.article_id),
                            sources=sources_of(row.source, row.url))
