"""Whether a reader was told of a story (``storage.alerts.told_of``): an alert or a digest line of
it, or of a story folded into it, delivered to that channel or person; an alert whose post may
be in Slack counts (a crash between the post and its record must not make it untold). A real
SQLite file; stories built through the storage functions the story stage calls."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.alerts import record_told, told_of
from storage.channels import move_channel
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import delivery
from storage.subscriptions import subscribe
from tests.storage.test_fold_chains import at, fold, three_stories


def alert(db, story_id: int, article_id: int, channel: str, status: str) -> None:
    with transaction(db):
        db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
                   "next_attempt_at, created_at) VALUES (?, ?, ?, 'new', ?, 1, ?, ?)",
                   [story_id, article_id, channel, status, at(8), at(8)])


def digest_of(db, channel: str) -> int:
    """An hourly digest in ``channel`` of a topic tied to no story yet: its subscription."""
    with transaction(db):
        topic = add_topic(db, name="Floods", query="quinzeroth")
        subscribe(db, topic_id=topic, target_type="channel", target_id=channel,
                  mode="hourly", created_by="U1", at=at(5))
    return db.execute("SELECT id FROM subscriptions WHERE topic_id = ?", [topic]).fetchone()[0]


def test_a_digest_line_of_a_story_folded_twice_tells_of_the_story_holding_it(fresh_db):
    (dam, river, village), articles = three_stories(fresh_db)
    sub = digest_of(fresh_db, "C1")
    with transaction(fresh_db):
        record_told(fresh_db, "C1", [village])
    fold(fresh_db, village, river, by=articles[1], hour=9)
    fold(fresh_db, river, dam, by=articles[0], hour=10)
    assert told_of(fresh_db, dam, "C1") and told_of(fresh_db, village, "C1")
    assert not told_of(fresh_db, dam, "C2"), "another channel was told nothing"
    assert not told_of(fresh_db, river, "C2")
    with transaction(fresh_db):
        fresh_db.execute("DELETE FROM subscriptions WHERE id = ?", [sub])
    assert told_of(fresh_db, dam, "C1"), "the reader stays told when the subscription goes"


def test_a_channel_that_got_a_new_id_stays_told(fresh_db):
    (dam, _, _), _ = three_stories(fresh_db)
    with transaction(fresh_db):
        record_told(fresh_db, "C0OLD", [dam])
        move_channel(fresh_db, "C0OLD", "C0NEW")
    assert told_of(fresh_db, dam, "C0NEW") and not told_of(fresh_db, dam, "C0OLD")


def test_an_alert_in_flight_tells_and_one_that_failed_does_not(fresh_db):
    """'sending': posted, perhaps, its answer or its record lost to a crash; the outbox finds it
    or posts it once. 'failed': never posted."""
    (dam, river, _), articles = three_stories(fresh_db)
    alert(fresh_db, dam, articles[0], "C1", "sending")
    alert(fresh_db, river, articles[1], "C1", "failed")
    assert told_of(fresh_db, dam, "C1")
    assert not told_of(fresh_db, river, "C1")


def test_a_digest_from_before_the_record_told_of_the_stories_it_took(db_path):
    """A database from before delivery/m025: its digests' stories (a report taken by the last
    digest, since the subscription) count as told; a story with no report taken does not."""
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before="m025_digest_told"
                         if migrations is delivery.MIGRATIONS else None)
    (dam, river, _), articles = three_stories(db)
    sub = digest_of(db, "C1")
    with transaction(db):
        topic = db.execute("SELECT topic_id FROM subscriptions WHERE id = ?", [sub]).fetchone()[0]
        for story, article in ((dam, articles[0]), (river, articles[1])):
            db.execute("INSERT INTO story_topics (story_id, topic_id, article_id, reasons, "
                       "matched_at) VALUES (?, ?, ?, '[]', ?)", [story, topic, article, at(9)])
        taken = db.execute("SELECT id FROM story_articles WHERE article_id = ?",
                           [articles[0]]).fetchone()[0]
        db.execute("UPDATE subscriptions SET last_digest_event = ? WHERE id = ?", [taken, sub])
    db.close()
    db = open_db(db_path)
    assert told_of(db, dam, "C1")
    assert not told_of(db, river, "C1"), "its report came after the last digest"
    db.close()
