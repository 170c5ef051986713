import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import StorageError, open_db, schema_version, transaction
from storage.migrations import pending_count
from tests.stopping import ended


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


OPEN_WHEN_TOLD = """
import sys, time
from pathlib import Path
from storage.db import StorageError, open_db
print("ready", flush=True)
while not Path(sys.argv[2]).exists():
    time.sleep(0.001)
try:
    open_db(sys.argv[1])
except StorageError as exc:
    print(exc, flush=True)
    sys.exit(1)
"""


@pytest.mark.parametrize("trial", range(3))
def test_two_processes_opening_a_new_database_at_once_both_open_it(tmp_path, trial):
    """Two runs started together on a fresh volume (or a run and a cron job after an upgrade):
    both read the same changes as pending. Before, the second's first write met the first's
    transaction: "cannot open database …: database is locked" (in 5 of 5 such starts here),
    and that command stopped; now it waits for the other's changes, and finds none left."""
    go = tmp_path / "go"
    started = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, str(tmp_path / "w.db"),
                                 str(go)], cwd=Path(__file__).resolve().parents[2],
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for process in started:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    go.touch()
    said = [ended(process)[0] for process in started]
    assert [process.returncode for process in started] == [0, 0], said
    assert pending_count(open_db(tmp_path / "w.db")) == 0


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
