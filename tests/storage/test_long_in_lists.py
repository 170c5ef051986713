"""Storage reads and writes over more ids than SQLite takes in one statement: the connection's
cap is set low (this build's is 250,000, older builds' 999), so each list spans several chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from bot.models import (
    Article,
    ParsedArticle,
    Quote,
    RawArticle,
    Speaker,
    StoryEntry,
    Verdict,
    VerdictKind,
)
from storage import stories as store
from storage.alerts import enqueue_alerts, failed_alerts, mark_done
from storage.alerts import requeue as requeue_alerts
from storage.articles import insert_article
from storage.db import open_db, transaction
from storage.inbox import enqueue, finish, results
from storage.inbox import requeue as requeue_inbox
from storage.quotes import insert_quotes, latest_by_speaker, quote_texts, quotes_by_ids, term_counts
from storage.retention import drop_matching_data
from storage.subscriptions import subscribe
from storage.topics import insert_topic

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


def test_compacting_many_stories_in_one_transaction_drops_all_their_matching_data(db):
    ids = many_stories(db, keys=["quay", "dawn"])
    done = drop_matching_data(db, ids, now="2026-04-01T00:00:00+00:00")
    assert (done.stories, done.articles, done.postings) == (MANY, MANY, 2 * MANY)
    assert db.execute("SELECT count(*) FROM story_features").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM stories WHERE compacted_at IS NULL").fetchone()[0] == 0


def quoted_articles(db: Database) -> list[int]:
    """One article per speaker, each with a direct and a reported quote of its own words."""
    with transaction(db):
        for number in range(MANY):
            article = Article(title=f"Pier {number}", body="…", origin=f"pier-{number}",
                              content_hash=f"pier-{number}")
            speaker = Speaker(f"Warden{number} Holm", "person")
            insert_quotes(db, insert_article(db, ParsedArticle(article, [], [])), [
                Quote(f"word{number} tide rising", 0, 10, "direct", speaker),
                Quote(f"word{number} pier shut", 0, 10, "indirect", speaker)])
    return [row[0] for row in db.execute("SELECT id FROM quotes ORDER BY id")]


def test_quote_lookups_over_many_quotes_terms_and_speakers_read_every_one(db):
    ids = quoted_articles(db)
    assert sorted(q.id for q in quote_texts(db, ids)) == ids
    assert sorted(q.id for q in quotes_by_ids(db, ids)) == ids
    assert term_counts(db, [f"word{n}" for n in range(MANY)]) == {
        f"word{n}": 2 for n in range(MANY)}
    names = [f"warden{n} holm" for n in range(MANY)]
    latest = latest_by_speaker(db, names, limit=MANY)
    assert [q.kind for q in latest] == ["direct"] * MANY
    assert [q.id for q in latest] == sorted(ids[::2], reverse=True)


def alerts_on_many_topics(db: Database) -> int:
    """A new story on MANY topics, each followed by a channel of its own and by CALL."""
    with transaction(db):
        story_id = many_stories(db, keys=["quay"])[0]
        topic_ids = [insert_topic(db, name=f"Ferries {n}", query="ferry") for n in range(MANY)]
        for number, topic_id in enumerate(topic_ids):
            for channel in (f"C{number:03d}", "CALL"):
                subscribe(db, topic_id=topic_id, target_type="channel", target_id=channel,
                          mode="realtime", created_by=None, at=SEEN)
        return enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), story_id, topic_ids)


def test_a_story_on_many_topics_queues_one_alert_per_channel(db):
    queued = alerts_on_many_topics(db)
    channels = [row[0] for row in db.execute("SELECT channel FROM alerts ORDER BY channel")]
    assert queued == MANY + 1
    assert channels == sorted([f"C{n:03d}" for n in range(MANY)] + ["CALL"])


def test_many_failed_alerts_are_listed_newest_first_and_queued_again(db):
    alerts_on_many_topics(db)
    ids = [row[0] for row in db.execute("SELECT id FROM alerts ORDER BY id")]
    with transaction(db):
        for alert_id in ids:
            mark_done(db, alert_id, status="failed", error="channel_not_found")
    targets = [row[0] for row in db.execute("SELECT channel FROM alerts")]
    assert [a.id for a in failed_alerts(db, targets=targets, limit=5)] == ids[::-1][:5]
    with transaction(db):
        assert requeue_alerts(db, ids, at=SEEN) == MANY + 1
    assert failed_alerts(db, targets=targets) == []


def test_the_outcomes_of_a_large_ingest_request_and_its_retry_cover_every_article(db):
    with transaction(db):
        ids = [enqueue(db, RawArticle(f"Ferry {n} left at dawn.", f"post-{n}")) for n in range(MANY)]
    assert sorted(results(db, ids)) == ids
    with transaction(db):
        for inbox_id in ids:
            finish(db, inbox_id, status="failed", reason="refused")
        assert requeue_inbox(db, ids) == MANY
    assert {r.status for r in results(db, ids).values()} == {"pending"}
