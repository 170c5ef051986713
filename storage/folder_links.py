"""The files a watched folder first saw with more than one name (hard links), by inode, kept
across restarts: a link renamed or touched once its other name went is still the file refused
(``bot.ingest.link_deliveries``)."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from storage.db import transaction

Inode = tuple[int, int]


class Sighting(NamedTuple):
    """A file's first sighting as a hard link."""

    ctime_ns: int  # when its names last changed then (its ``st_ctime_ns``)
    size: int
    source_id: int  # the folder source that saw it
    born_ns: int | None  # when it was made (None where the system does not say)


def kept_links(db: Database) -> dict[Inode, Sighting]:
    """Each inode kept, oldest first."""
    rows = db.execute("SELECT dev, ino, first_ctime_ns, size, source_id, born_ns FROM "
                      "folder_links ORDER BY rowid")
    return {(dev, ino): Sighting(*sighting) for dev, ino, *sighting in rows}


def keep_link(db: Database, inode: Inode, sighting: Sighting, *, most: int) -> None:
    """Keep a first sighting; the oldest beyond ``most`` go."""
    with transaction(db):
        db.execute("INSERT OR IGNORE INTO folder_links (dev, ino, first_ctime_ns, size, "
                   "source_id, born_ns) VALUES (?, ?, ?, ?, ?, ?)", [*inode, *sighting])
        db.execute("DELETE FROM folder_links WHERE rowid <= (SELECT max(rowid) FROM "
                   "folder_links) - ?", [most])


def forget_links(db: Database, inodes: list[Inode]) -> None:
    with transaction(db):
        db.conn.executemany("DELETE FROM folder_links WHERE dev = ? AND ino = ?", inodes)
