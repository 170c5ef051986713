"""`/wirewatch status` and `stories list` read the latest article and stories by index, not by
sorting every article or story ever stored (30 and 27 ms at a busy year's size before
stories/m017); an older database gets the indexes when it is opened; a topic's latest stories
(App Home) are picked before their shown times are looked up. A real SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import stories as story_schema
from storage.stories import list_stories
from storage.topics import recent_stories
from storage.totals import last_article, totals
from tests.plans import plans
from tests.slack.world import add_article, add_story

BEFORE = {story_schema.MIGRATIONS: "m017_latest_first"}


def test_the_last_article_is_read_by_its_key(fresh_db):
    add_article(fresh_db, title="Dock cranes idle")
    second = add_article(fresh_db, title="Dock cranes move again")
    stored_last = last_article(fresh_db)
    assert stored_last is not None and stored_last[:2] == (second, "Dock cranes move again")
    [latest] = plans(fresh_db, lambda: last_article(fresh_db), "FROM articles")
    [newest, _count] = plans(fresh_db, lambda: totals(fresh_db), "FROM articles")
    assert totals(fresh_db).last_ingest == stored_last[2]
    for plan in (latest, newest):
        assert plan.startswith("SEARCH articles USING INTEGER PRIMARY KEY"), plan
        assert "SCAN" not in plan and "TEMP B-TREE" not in plan, plan


def test_the_latest_stories_are_listed_by_their_index(fresh_db):
    for number in range(3):
        article = add_article(fresh_db, title=f"Harbour fair day {number}")
        add_story(fresh_db, article_id=article, title=f"Harbour fair day {number}",
                  at=f"2026-05-0{number + 1}T10:00:00+00:00")
    listed = list_stories(fresh_db)
    assert [row.title for row in listed] == [f"Harbour fair day {n}" for n in (2, 1, 0)]
    [plan] = plans(fresh_db, lambda: list_stories(fresh_db), "FROM stories s")
    assert "stories_latest" in plan and "TEMP B-TREE" not in plan, plan


def test_a_topics_latest_stories_are_picked_before_their_shown_times_are_looked_up(fresh_db):
    """App Home lists each topic's latest stories: the shown time (a look-up of the story's
    newest report) was worked out for every story of the topic before the sort kept ten."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Harbour", query="harbour")
    for number in range(4):
        article = add_article(fresh_db, title=f"Harbour pilots day {number}")
        add_story(fresh_db, article_id=article, title=f"Harbour pilots day {number}",
                  topic_ids=(topic,), at=f"2026-05-0{number + 1}T10:00:00+00:00")
    latest = recent_stories(fresh_db, topic, limit=2)
    assert [story.title for story in latest] == ["Harbour pilots day 3", "Harbour pilots day 2"]
    [plan] = plans(fresh_db, lambda: recent_stories(fresh_db, topic, limit=2), "FROM story_topics")
    assert plan.index("SCAN r") < plan.index("CORRELATED SCALAR SUBQUERY"), plan


def test_an_older_database_gets_the_index_and_loses_the_dropped_one_when_opened(db_path):
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    with transaction(db):
        db.execute("INSERT INTO articles (content_hash, title, body, ingested_at) "
                   "VALUES ('h1', 'Quay lights', 'text', '2026-03-02T09:00:00+00:00')")
    db.close()
    db = open_db(db_path)
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "stories_latest" in indexes and "articles_ingested" not in indexes, indexes
    assert last_article(db) == (1, "Quay lights", "2026-03-02T09:00:00+00:00")
