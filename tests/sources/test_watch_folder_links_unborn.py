"""A hard link the folder refused, kept where the system gave no birth time: a file at its
inode, of its size, cannot be told from it by anything else, so it is refused (in doubt,
refused, never read), on the same device number and on another (the folder remounted); the
log says it could not tell, not that the folder was remounted as if known. A real folder, real
SQLite files, watchers as runs; a birth not given is the kept record's `born_ns` left empty, a
remount the device number the database kept changed."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.folder import ONCE_LINKED, FolderWatcher
from storage.db import open_db, transaction
from storage.sources import source_row
from tests.sources.test_watch_folder_delivery import refused_then_name_gone
from tests.sources.test_watch_folder_links_reborn import _link_replaced_by_a_story
from tests.sources.test_watch_folder_security import at, queued_texts

UNBORN = "UPDATE folder_links SET born_ns = NULL"
REMOUNTED = "UPDATE folder_links SET dev = dev + 1, born_ns = NULL"


@pytest.mark.parametrize("change", [UNBORN, REMOUNTED])
def test_a_file_at_a_kept_links_inode_and_size_without_its_birth_is_refused(
        db_path, fresh_db, source, drop, outside, change, caplog):
    """A new file at the kept inode of the kept size: not told from the link, refused."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    _link_replaced_by_a_story(fresh_db, drop)
    with transaction(fresh_db):
        fresh_db.execute(change)
    db, watcher = open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)
    found = [watcher.scan(db, source_row(db, source.id), now=at(m)) for m in (2, 3, 4)]
    assert sum(f.articles for f in found) == 0 and queued_texts(db) == []
    assert sum(f.failed for f in found) >= 1
    assert any(ONCE_LINKED in r.getMessage() for r in caplog.records)
    db.close()


def test_a_remount_without_births_is_said_as_not_told_apart(db_path, fresh_db, source, drop,
                                                            outside, caplog):
    """Before: 'the folder was remounted', as if known, of what may be a new file."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    with transaction(fresh_db):
        fresh_db.execute(REMOUNTED)
    caplog.set_level(logging.INFO)
    db, watcher = open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)
    watcher.scan(db, source_row(db, source.id), now=at(2))
    [said] = [r.getMessage() for r in caplog.records if "still refused" in r.getMessage()]
    assert "without a birth time" in said and "the folder was remounted or" in said, said
    db.close()
