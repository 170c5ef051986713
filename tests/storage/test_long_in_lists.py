"""Storage reads and writes over more ids than SQLite takes in one statement: the connection's
cap is set low (this build's is 250,000, older builds' 999), so each list spans several chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from bot.models import Article, ParsedArticle, StoryEntry, VerdictKind
from storage import stories as store
from storage.articles import insert_article
from storage.db import open_db, transaction

CAP = 16
"""Parameters one statement may hold in these tests."""
MANY = 3 * CAP + 5
SEEN = "2026-03-02T08:00:00+00:00"


@pytest.fixture
def db(db_path) -> Iterator[Database]:
    db = open_db(db_path)
    db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, CAP)
    yield db
    db.close()


def add_story(db: Database, number: int, *, keys: list[str]) -> int:
    """A story of one article, indexed under ``keys``, first seen ``number`` minutes past 08:00."""
    seen_at = f"2026-03-02T08:{number:02d}:00+00:00"
    body = f"Ferry number {number} left the quay at dawn."
    article = Article(title=f"Ferry {number}", body=body, origin=f"test-{number}",
                      content_hash=f"hash-{number}")
    article_id = insert_article(db, ParsedArticle(article, [], []))
    story_id = store.create_story(db, title=article.title, summary=[body], seen_at=seen_at,
                                  now=seen_at)
    store.add_to_story(db, StoryEntry(story_id, article_id, VerdictKind.NEW, (), {}, keys, [],
                                      [], seen_at), now=seen_at)
    return story_id


def many_stories(db: Database, *, keys: list[str]) -> list[int]:
    with transaction(db):
        return [add_story(db, number, keys=keys) for number in range(MANY)]


def test_candidates_of_an_article_that_arrived_late_read_every_story(db):
    ids = many_stories(db, keys=["quay"])
    found = store.candidate_stories(db, ["quay"], since="2026-03-03T00:00:00+00:00",
                                    per_key=MANY, arrived_since="2026-03-01T00:00:00+00:00")
    assert sorted(found) == ids


def test_when_many_stories_began_is_read_for_each(db):
    ids = many_stories(db, keys=["quay"])
    assert sorted(store.first_seen(db, ids)) == ids
    assert sorted(store.first_arrived(db, ids)) == ids
    assert store.first_seen(db, ids)[ids[-1]] == f"2026-03-02T08:{MANY - 1:02d}:00+00:00"
