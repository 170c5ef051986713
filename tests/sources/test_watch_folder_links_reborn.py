"""A hard link the watched folder refused is known by its inode and by when it was made: a
new file given the freed inode at the very size it had is read (it was refused as the link),
the link itself renamed or touched still is not; and a folder whose device number changed
(remounted) still refuses the links it kept (they were read). A real folder, real SQLite
files, watchers as runs; a remount is the device number the database kept changed."""

from __future__ import annotations

import os

from bot.ingest.folder import FolderWatcher
from storage.db import open_db, transaction
from tests.sources.stories import FERRY
from tests.sources.test_watch_folder_delivery import refused_then_name_gone
from tests.sources.test_watch_folder_security import queued_texts, scan


def _same_size_story(size: int) -> bytes:
    """The ferry story in exactly ``size`` bytes: a new file the size of the refused link."""
    story = f"{FERRY[0]}\n\n{FERRY[1]}".encode()
    assert len(story) > size, "the story is longer than the env file"
    return story[:size - 1].rsplit(b" ", 1)[0].ljust(size - 1) + b"\n"


def _link_replaced_by_a_story(db, drop) -> None:
    """The refused link deleted and a story of its size written at once. ext4 gives the story
    the freed inode, mostly: where it gave another, the kept record is moved to the story's
    inode, the state the reuse leaves."""
    link = drop / "token.txt"
    old = os.lstat(link)
    os.unlink(link)
    (drop / "ferry.txt").write_bytes(_same_size_story(old.st_size))
    new = os.lstat(drop / "ferry.txt")
    assert new.st_size == old.st_size
    with transaction(db):
        db.execute("UPDATE folder_links SET ino = ?", [new.st_ino])


def test_a_new_file_of_the_same_size_given_a_gone_links_inode_is_read(
        fresh_db, source, drop, outside):
    """Before: refused as the link it replaced (same inode, same size) until two scans had
    missed the link, which a file taking its inode at once never lets happen."""
    watcher = refused_then_name_gone(fresh_db, source, drop, outside)
    _link_replaced_by_a_story(fresh_db, drop)
    assert sum(scan(watcher, fresh_db, source, m).articles for m in (2, 3, 4)) == 1
    assert queued_texts(fresh_db)[0].startswith(FERRY[0][:20])


def test_the_refused_link_renamed_and_touched_keeps_its_birth_and_stays_refused(
        db_path, fresh_db, source, drop, outside):
    refused_then_name_gone(fresh_db, source, drop, outside)
    os.rename(drop / "token.txt", drop / "notes.txt")
    os.utime(drop / "notes.txt", ns=(3 * 10**12, 3 * 10**12))
    db, watcher = open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)
    assert [scan(watcher, db, source, m).articles for m in (2, 3, 4)] == [0, 0, 0]
    db.close()


def test_a_kept_link_is_still_refused_after_the_folders_device_number_changed(
        db_path, fresh_db, source, drop, outside):
    """Touched, then read by the next run, before: it knew no link at the new number."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE folder_links SET dev = dev + 1")
    os.utime(drop / "token.txt", ns=(2 * 10**12, 2 * 10**12))
    db, watcher = open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)
    assert [scan(watcher, db, source, m).articles for m in (2, 3, 4)] == [0, 0, 0]
    assert queued_texts(db) == []
    devices = [row[0] for row in db.execute("SELECT dev FROM folder_links")]
    assert devices == [os.lstat(drop / "token.txt").st_dev], "kept at the new number only"
    db.close()


def test_after_a_device_number_change_a_new_file_at_a_kept_inode_is_read(
        db_path, fresh_db, source, drop, outside):
    """The kept link deleted while the folder was away, a file of its size made at its inode:
    not the link (made later), read; refusing it would refuse a story for good."""
    refused_then_name_gone(fresh_db, source, drop, outside)
    _link_replaced_by_a_story(fresh_db, drop)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE folder_links SET dev = dev + 1")
    db, watcher = open_db(db_path), FolderWatcher(max_bytes=1_000_000, delivery_seconds=0.2)
    assert sum(scan(watcher, db, source, m).articles for m in (2, 3, 4)) == 1
    db.close()
