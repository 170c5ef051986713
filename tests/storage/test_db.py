import sqlite3

import pytest

from storage.db import StorageError, open_db, schema_version, transaction
from storage.migrations import pending_count


def test_file_is_wal_with_busy_timeout_and_all_migrations(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert schema_version(db) == pending_count(open_db(":memory:", migrate=False)) > 0
    for table in ("articles", "sentences", "entities", "quotes", "quotes_fts", "topics",
                  "stories", "story_articles", "subscriptions", "alerts"):
        assert db[table].exists(), table


def test_reopening_applies_nothing_twice(db_path):
    first = schema_version(open_db(db_path))
    assert schema_version(open_db(db_path)) == first
    assert pending_count(open_db(db_path)) == 0


def test_transaction_rolls_back_everything_on_error(fresh_db):
    with pytest.raises(RuntimeError), transaction(fresh_db):
        fresh_db["topics"].insert({"name": "a", "query": "a", "created_at": "now"})
        raise RuntimeError("boom")
    assert fresh_db["topics"].count == 0


def test_alerts_are_unique_per_story_channel_article(fresh_db):
    row = {"story_id": 1, "article_id": 2, "channel": "C1", "kind": "new", "created_at": "t"}
    fresh_db["alerts"].insert(row)
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db["alerts"].insert(row)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        open_db(tmp_path / "nope" / "x.db")
