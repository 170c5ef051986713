"""Building stored articles, stories and quotes directly, for tests that need no spaCy."""

from __future__ import annotations

import json
from itertools import count

from bot.models import Article, ParsedArticle, Quote, Speaker
from storage.articles import insert_article, now_iso
from storage.db import transaction
from storage.quotes import insert_quotes
from storage.subscriptions import subscribe

_seq = count(1)


def add_article(db, *, title: str, body: str = "", url: str | None = None,
                source: str | None = "Test Wire", quotes: tuple[tuple[str, str], ...] = ()) -> int:
    """An article with optional (quote, speaker) pairs, stored as the pipeline stores them."""
    n = next(_seq)
    body = body or f"{title}. Body of test article {n}."
    article = Article(title=title, body=body, origin=f"test-{n}", content_hash=f"hash-{n}-{title}",
                      url=url, source=source, published="2026-11-24T06:00:00+00:00")
    found = [Quote(text=text, start=0, end=len(text), kind="direct",
                   speaker=Speaker(name=who, kind="person"), confidence=0.9)
             for text, who in quotes]
    with transaction(db):
        article_id = insert_article(db, ParsedArticle(article, [], []))
        insert_quotes(db, article_id, found)
    return article_id


def add_story(db, *, article_id: int, title: str, topic_ids: tuple[int, ...] = (),
              summary: tuple[str, ...] = ("First line of the summary.",),
              at: str | None = None, continues: int | None = None) -> int:
    """``continues``: the earlier story it takes up again (``stories.continues``)."""
    now = at or now_iso()
    with transaction(db):
        stories = db["stories"]
        stories.insert({"title": title, "summary": json.dumps(list(summary)),
                        "created_at": now, "updated_at": now, "article_count": 1,
                        "continues": continues})
        story_id = stories.last_pk
        db["story_articles"].insert({"story_id": story_id, "article_id": article_id,
                                     "verdict": "new", "whats_new": "[]", "created_at": now})
        for topic_id in topic_ids:
            db["story_topics"].insert({"story_id": story_id, "topic_id": topic_id,
                                       "article_id": article_id, "reasons": "[]",
                                       "matched_at": now})
    return story_id


def add_update(db, *, story_id: int, article_id: int, whats_new: tuple[str, ...],
               at: str | None = None) -> None:
    with transaction(db):
        db["story_articles"].insert({"story_id": story_id, "article_id": article_id,
                                     "verdict": "update", "whats_new": json.dumps(whats_new),
                                     "created_at": at or now_iso()})


def follow(db, topic_id: int, target: str, mode: str = "realtime") -> None:
    """``target`` (a channel) subscribed to the topic by U1."""
    with transaction(db):
        subscribe(db, topic_id=topic_id, target_type="channel", target_id=target, mode=mode,
                  created_by="U1", at="2026-11-24T05:10:00+00:00")
