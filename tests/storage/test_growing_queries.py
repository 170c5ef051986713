"""Three reads perf55 found growing with the archive (``bench.query_plans``): each topic's last
news (App Home, every open), the latest failed alerts (`/wirewatch status`) and a fold's index
postings (the story stage's, when an article ties two stories) are read by an index in order
or by key, not by every row of their table; an older database gets the failed alerts' index
when opened. A real SQLite file."""

from __future__ import annotations

from sqlite_utils import Database

from bot.stories.tracking import add_topic
from storage import stories as store
from storage.alerts import failed_alerts
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import delivery
from storage.topics import topics_last_seen
from tests.slack.world import add_article, add_story
from tests.storage.test_latest_first import plans
from tests.storage.test_story_fold import at, two_stories


def _topics(db: Database, names: list[str]) -> list[int]:
    with transaction(db):
        return [add_topic(db, name=name, query=name.lower()) for name in names]


def test_each_topics_last_news_is_read_from_the_newest_stories(fresh_db):
    quiet, busy = _topics(fresh_db, ["Lighthouses", "Ferries"])
    times = {}
    for day, topic in enumerate([quiet, busy, busy, quiet, busy, busy], start=1):
        title = f"Story {day} of topic {topic}"
        when = f"2026-05-{day:02d}T10:00:00+00:00"
        add_story(fresh_db, article_id=add_article(fresh_db, title=title), title=title,
                  topic_ids=(topic,), at=when)
        times[topic] = when
    for walk in (1_000, 1):
        assert topics_last_seen(fresh_db, walk=walk) == times
    [plan] = [p for p in plans(fresh_db, lambda: topics_last_seen(fresh_db), "stories s")
              if "stories_latest" in p]
    assert "TEMP B-TREE" not in plan, plan


def test_the_latest_failed_alerts_are_read_in_order_by_their_own_index(fresh_db):
    with transaction(fresh_db):
        fresh_db.conn.executemany(
            "INSERT INTO alerts (story_id, article_id, channel, kind, status, created_at, "
            "last_error) VALUES (1, ?, ?, 'new', ?, '2026-05-01T10:00:00+00:00', ?)",
            [(n, f"C{n % 3}", "failed" if n % 4 == 0 else "sent",
              "channel_not_found" if n % 4 == 0 else None) for n in range(1, 41)])
    latest = failed_alerts(fresh_db, limit=5)
    assert [a.channel for a in latest] == ["C1", "C0", "C2", "C1", "C0"]
    assert [a.id for a in latest] == [40, 36, 32, 28, 24]
    [plan] = plans(fresh_db, lambda: failed_alerts(fresh_db, limit=5), "alerts")
    assert "alerts_failed" in plan and "TEMP B-TREE" not in plan, plan
    [targeted] = plans(fresh_db, lambda: failed_alerts(fresh_db, targets=["C1"]), "alerts")
    assert "channel" in targeted and "alerts_failed" not in targeted, targeted


def test_a_fold_moves_the_later_storys_postings_by_their_keys(fresh_db):
    earlier, later, _, _ = two_stories(fresh_db)

    def fold() -> None:
        with transaction(fresh_db):
            store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))

    read = plans(fresh_db, fold, "story_index")
    assert read and not any("SCAN story_index" in plan for plan in read), read
    postings = fresh_db.execute("SELECT key, story_id, last_seen FROM story_index "
                                "ORDER BY key").fetchall()
    assert postings == [("e:skerra", earlier, at(8)), ("l:ferry", earlier, at(6)),
                        ("l:lifeboat", earlier, at(9)), ("l:rescue", earlier, at(9))]


def test_an_older_database_gets_the_failed_alerts_index_when_opened(db_path):
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before={delivery.MIGRATIONS: "m031_failed_alerts_latest"}
                         .get(migrations))
    db.close()
    db = open_db(db_path)
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "alerts_failed" in indexes, indexes
