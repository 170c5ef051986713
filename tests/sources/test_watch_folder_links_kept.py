"""A hard link the watched folder refused stays refused across a restart: renamed once its
other name went, or touched, it was read by the next run (the inodes were remembered in memory
only). The refusal says what to do. A real folder, real SQLite files, watchers as runs."""

from __future__ import annotations

import os

from bot.ingest.folder import FolderWatcher
from storage.db import open_db
from tests.sources.conftest import seen
from tests.sources.stories import FERRY
from tests.sources.test_watch_folder_delivery import refused_then_name_gone
from tests.sources.test_watch_folder_security import queued_texts, scan, write_story


def _restarted(db_path):
    return open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)


def test_a_refused_hard_link_renamed_is_not_read_after_a_restart(db_path, fresh_db, source,
                                                                  drop, outside):
    """Before: the next run read notes.txt, the env file's only name, as an article."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    os.rename(drop / "token.txt", drop / "notes.txt")
    db, watcher = _restarted(db_path)
    assert [scan(watcher, db, source, m).articles for m in (2, 3, 4)] == [0, 0, 0]
    assert queued_texts(db) == []
    assert "copy" in (seen(db, str(drop / "notes.txt")).error or "")
    db.close()


def test_a_refused_hard_link_touched_is_not_read_in_the_run_nor_after_a_restart(
        db_path, fresh_db, source, drop, outside, caplog):
    """Touched while the run is up, then again after a restart. Before: read by the next run."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    db, watcher = _restarted(db_path)
    for minute in (2, 3, 4):
        os.utime(drop / "token.txt", ns=(minute * 10**12, minute * 10**12))
        scan(watcher, db, source, minute)
        scan(watcher, db, source, minute)
    assert queued_texts(db) == []
    said = seen(db, str(drop / "token.txt")).error or ""
    assert "hard link" in said and "copy" in said, said
    assert "xoxb" not in caplog.text
    db.close()


def test_a_file_copied_in_beside_a_refused_link_is_read(db_path, fresh_db, source, drop,
                                                       outside):
    """What the refusal tells the user to do works: a copy is a file of its own."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    os.unlink(drop / "token.txt")
    write_story(drop / "ferry.txt", FERRY)
    db, watcher = _restarted(db_path)
    assert sum(scan(watcher, db, source, m).articles for m in (2, 3, 4)) == 1
    db.close()


def test_a_delivery_caught_as_a_link_by_one_run_is_read_by_the_next(db_path, fresh_db, source,
                                                                   drop, outside):
    """Maildir's way: linked in, seen as a link by a run that stops, its first name unlinked at
    once: the next run reads it, as the first would have."""
    write_story(outside / "1733400000.ferry.txt", FERRY)
    os.link(outside / "1733400000.ferry.txt", drop / "ferry.txt")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).failed == 1
    os.unlink(outside / "1733400000.ferry.txt")
    db, watcher = _restarted(db_path)
    assert sum(scan(watcher, db, source, m).articles for m in (2, 3, 4)) == 1
    db.close()


def test_a_new_file_given_a_gone_links_inode_is_read_and_the_link_forgotten(
        fresh_db, source, drop, outside):
    """A refused link deleted and a story written at once, in the same run: a file system
    such as ext4 gives the new file the freed inode, and it is no link. Before: refused as
    the link it replaced. The link's record goes once two scans list no name of it."""
    watcher = refused_then_name_gone(fresh_db, source, drop, outside)
    scan(watcher, fresh_db, source, 2)
    os.unlink(drop / "token.txt")
    write_story(drop / "ferry.txt", FERRY)
    assert sum(scan(watcher, fresh_db, source, m).articles for m in (3, 4, 5)) == 1
    assert fresh_db.execute("SELECT count(*) FROM folder_links").fetchone()[0] == 0
