"""A file delivered maildir's way (written under a first name outside the watched folder, linked
into it, then its first name unlinked) and seen by a scan between the two steps is a hard link
then: refused, it stayed refused until touched. It is read once its link count is back to 1
soon after, as a delivery leaves it; a hard link to a file outside the folder stays unread
when that file's other name goes later (a rotated env file). A real folder, real SQLite."""

from __future__ import annotations

import os
from pathlib import Path

from bot.ingest.folder import HARD_LINK, FolderWatcher
from tests.sources.conftest import seen
from tests.sources.stories import FERRY
from tests.sources.test_watch_folder_security import queued_texts, scan, write_story
from tests.stopping import wait_for

DELIVERY_S = 0.2
"""The watchers' delivery time here: a name gone later than this after the link is no delivery."""


def past_delivery(path: Path, probe: Path) -> None:
    """Wait until the file system's clock, which stamps a change's ``st_ctime``, is more than
    ``DELIVERY_S`` past ``path``'s last change (read from ``probe``, a file touched for it)."""
    since = path.stat().st_ctime_ns

    def later() -> bool:
        probe.touch()
        return probe.stat().st_ctime_ns - since > DELIVERY_S * 1e9

    wait_for(later)


def refused_then_name_gone(fresh_db, source, drop, outside) -> FolderWatcher:
    """The env file linked in as token.txt, refused by a run, then its own name gone later;
    the run's watcher."""
    os.link(outside / "bot.env", drop / "token.txt")
    watcher = FolderWatcher(max_bytes=1_000_000, delivery_seconds=DELIVERY_S)
    scan(watcher, fresh_db, source, 0)
    assert scan(watcher, fresh_db, source, 1).failed == 1
    past_delivery(drop / "token.txt", outside / "clock")
    os.unlink(outside / "bot.env")
    return watcher


def test_a_file_caught_between_link_and_unlink_is_read_once_unlinked(fresh_db, source, drop,
                                                                     outside):
    """Before: refused as a hard link at every scan after the unlink (0 articles)."""
    spool = outside
    write_story(spool / "1733400000.ferry.txt", FERRY)
    os.link(spool / "1733400000.ferry.txt", drop / "ferry.txt")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    caught = scan(watcher, fresh_db, source, 1)
    assert (caught.articles, caught.failed) == (0, 1)
    assert seen(fresh_db, str(drop / "ferry.txt")).error == HARD_LINK
    os.unlink(spool / "1733400000.ferry.txt")
    read = [scan(watcher, fresh_db, source, minute).articles for minute in (2, 3, 4)]
    assert sum(read) == 1
    [text] = queued_texts(fresh_db)
    assert text.startswith(FERRY[0])
    assert seen(fresh_db, str(drop / "ferry.txt")).error is None


def test_a_hard_link_whose_other_name_goes_later_stays_unread(fresh_db, source, drop, outside):
    """An env file linked into the folder, its own name replaced later (an editor's or a
    deploy's rename over it): the link left is the old file's only name, never read."""
    watcher = refused_then_name_gone(fresh_db, source, drop, outside)
    assert [scan(watcher, fresh_db, source, m).articles for m in (2, 3, 4)] == [0, 0, 0]
    assert queued_texts(fresh_db) == []
    assert seen(fresh_db, str(drop / "token.txt")).error == HARD_LINK


def test_a_hard_link_given_new_names_is_still_the_file_first_seen(fresh_db, source, drop,
                                                                 outside):
    """Linking the file again under a new name, and unlinking the old one, at each scan does
    not make it new: it is known by its inode, from the time it was first seen linked. Before:
    the new name, the file's only one once the env file's went, was read as an article."""
    os.link(outside / "bot.env", drop / "a.txt")
    watcher = FolderWatcher(max_bytes=1_000_000, delivery_seconds=DELIVERY_S)
    scan(watcher, fresh_db, source, 0)
    scan(watcher, fresh_db, source, 1)
    past_delivery(drop / "a.txt", outside / "clock")
    os.link(drop / "a.txt", drop / "b.txt")
    os.unlink(drop / "a.txt")
    scan(watcher, fresh_db, source, 2)
    os.unlink(outside / "bot.env")
    assert [scan(watcher, fresh_db, source, m).articles for m in (3, 4, 5)] == [0, 0, 0]
    assert queued_texts(fresh_db) == []
