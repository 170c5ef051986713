"""Whether an article alerts none of its story's topics by its source alone, asked after it was
stored (the terminal's alert feed), as the story stage decided when it came."""

from __future__ import annotations

from sqlite_utils import Database

from bot.stories.topics import leaves_in
from storage import stories as story_store
from storage import topics as topic_store


def left_out_by_all(db: Database, story_id: int, article_id: int) -> bool:
    """The story is tied to topics, and each one's ``source:`` terms leave the article out."""
    queries = topic_store.story_queries(db, story_id)
    if not queries:
        return False
    source, url = story_store.article_source(db, article_id)
    return not any(leaves_in(query, source, url) for query in queries)
