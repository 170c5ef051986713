"""The escape hatch for an over-merge: an article moved into a story of its own."""

from __future__ import annotations

import json

from sqlite_utils import Database

from bot.models import NotFound
from bot.nlp.summary import ExtractiveSummariser
from storage import stories as store
from storage.articles import get_article, now_iso


def split_article(db: Database, article_id: int) -> tuple[int, int]:
    """Move the article to a new story that later rewrites of it can join: (old, new) ids."""
    article = get_article(db, article_id)
    if article is None:
        raise NotFound(f"no article {article_id}")
    current = store.story_of(db, article_id)
    if current is None:
        raise NotFound(f"article {article_id} is in no story")
    count = db.execute("SELECT count(*) FROM story_articles WHERE story_id = ?",
                       [current.story_id]).fetchone()[0]
    if count == 1:
        raise NotFound(f"article {article_id} is already alone in story "
                          f"#{current.story_id}")
    spans = store.article_parts(db, article_id).sentences
    sentences = [article.body[s.start:s.end] for s in spans]
    summary = ExtractiveSummariser().summarise(title=article.title, sentences=sentences)
    old, new = store.move_article(db, article_id=article_id, title=article.title,
                                  summary=summary, now=now_iso())
    row = db.execute("SELECT data, seen_at FROM story_features WHERE article_id = ?",
                     [article_id]).fetchone()
    if row:
        store.reindex(db, story_id=new, keys=json.loads(row[0]).get("x", []), seen_at=row[1])
    return old, new
