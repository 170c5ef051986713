"""Whether and why a stored article alerts none of its story's topics, asked after it was
stored (the terminal's alert feed, `topics show`), as the story stage decided when it came: the
same matcher, on the words and source stored with the article."""

from __future__ import annotations

from sqlite_utils import Database

from bot.stories.query import Node
from bot.stories.stored_queries import Skipped, excluded, stored_query
from bot.stories.topics import Matcher, MatchText, decode, with_sources
from storage import stories as story_store
from storage import topics as topic_store

STORY_ARTICLES = 30
"""How many of a story's latest articles `topics show` checks."""


def why_left_out(db: Database, story_id: int, article_id: int) -> str | None:
    """How the exclusions (NOT, ``source:``) of every topic the story is tied to leave the
    article out; None when one leaves it in, or the story is tied to none."""
    whys = [why for _, why in each_topic(db, story_id, article_id)]
    if not whys or None in whys:
        return None
    return "; ".join(dict.fromkeys(why for why in whys if why))


def each_topic(db: Database, story_id: int, article_id: int) -> list[tuple[str, str | None]]:
    """Each topic the story is tied to, by name, with how its exclusions leave the article out
    (None: it leaves it in)."""
    matcher = Matcher(stored_text(db, article_id))
    return [(name, excluded(matcher, stored_query(query)))
            for name, query in topic_store.story_topics(db, story_id)]


def leaves_in(db: Database, query: Node | Skipped, article_id: int) -> bool:
    """Whether the query's exclusions leave the stored article in (a digest lists it)."""
    return excluded(Matcher(stored_text(db, article_id)), query) is None


def left_out_of_story(db: Database, query: str, story_id: int) -> list[tuple[int, str]]:
    """The story's latest articles the query's exclusions leave out, and why, oldest first."""
    ids = story_store.latest_articles(db, [story_id], per_story=STORY_ARTICLES)[story_id]
    node = stored_query(query)
    found = [(a, excluded(Matcher(stored_text(db, a)), node)) for a in ids]
    return [(a, why) for a, why in found if why is not None]


def stored_text(db: Database, article_id: int) -> MatchText:
    """The article's stored words (none when they were not kept) with its source."""
    words = story_store.article_words(db, article_id)
    source, url = story_store.article_source(db, article_id)
    return with_sources(decode(words) if words else MatchText((), (), ()), source, url)
