"""The escape hatch for an over-merge: an article moved into a story of its own."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import NotFound, Span, StoredArticle, StoryMove
from bot.nlp.summary import ExtractiveSummariser
from storage import stories as store
from storage.articles import get_article, now_iso


def split_article(db: Database, article_id: int) -> StoryMove:
    """Move the article to a new story that later rewrites of it can join."""
    article = get_article(db, article_id)
    if article is None:
        raise NotFound(f"no article {article_id}; an article's number is on its line of "
                       "`wirewatch stories timeline STORY` (`/story` in Slack)")
    current = store.story_of(db, article_id)
    if current is None:
        raise NotFound(f"article {article_id} is in no story")
    if store.story_size(db, current.story_id) == 1:
        raise NotFound(f"article {article_id} is already alone in story "
                       f"#{current.story_id}")
    summary = own_summary(article, store.article_parts(db, article_id).sentences)
    return store.move_article(db, article_id=article_id, title=article.title,
                              summary=summary, now=now_iso())


def own_summary(article: StoredArticle, spans: list[Span]) -> list[str]:
    """The summary the article's story of its own starts with (extractive: no network)."""
    sentences = [article.body[s.start:s.end] for s in spans]
    return ExtractiveSummariser().summarise(title=article.title, sentences=sentences)
