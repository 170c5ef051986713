"""Files delivered into the watched folder maildir's way: written under a first name, linked
into the folder, then the first name unlinked. A scan between the two steps sees a hard link,
which the folder refuses (it may be a file outside, linked in by whoever can write there); once
its other name is gone, a delivery's file is read, a file whose other name went later is not.
What was seen is kept in the database (``storage.folder_links``), so a restart changes nothing."""

from __future__ import annotations

import os

from sqlite_utils import Database

from storage.folder_links import Inode, Sighting, forget_links, keep_link, kept_links

DELIVERY_SECONDS = 5.0
"""Longest time from a file's first sighting as a hard link to its other name going that is
taken as one delivery (maildir unlinks at once); an env file's name replaced by a deploy later
leaves the link the only name of the old file, still unread."""
KEPT = 10_000
"""Hard links remembered at most (the oldest forgotten): a folder of thousands stays small."""
MISSED = 2
"""Complete scans of its folder in a row that list no name of a remembered file before it is
forgotten: gone, its inode may be given to a new file, which is no link. Two, not one: a name
renamed while the folder is listed may be missed by that listing."""


class LinkDeliveries:
    """Remembers each inode first seen with more than one name, its size and when its names
    last changed then (its ``st_ctime``): by inode, so a link renamed, touched or linked again
    is the file first seen; by size too, since a file gone leaves its inode to the next file
    made (at once, on ext4), which is no link. Kept in the database, read from it once."""

    def __init__(self, *, delivery_seconds: float = DELIVERY_SECONDS) -> None:
        self.delivery_ns = int(delivery_seconds * 1e9)
        self._first: dict[Inode, Sighting] | None = None
        self._present: set[Inode] = set()
        self._missed: dict[Inode, int] = {}

    def note(self, db: Database, info: os.stat_result, *, source_id: int) -> None:
        """A file seen by a scan: remembered from its first sighting with another name; one
        given the inode of a file remembered, with another size, makes it forgotten."""
        inode = (info.st_dev, info.st_ino)
        first = self._known(db)
        self._present.add(inode)
        if inode in first and info.st_nlink == 1 and self._seen(info) is None:
            self.forget(db, info)  # another file, given the inode of one gone
        if info.st_nlink > 1 and inode not in first:
            sighting = (info.st_ctime_ns, info.st_size, source_id)
            keep_link(db, inode, sighting, most=KEPT)
            first[inode] = sighting
            while len(first) > KEPT:
                del first[next(iter(first))]

    def delivered(self, info: os.stat_result) -> bool:
        """A file refused as a hard link whose other name went within a delivery's time of its
        first sighting: its one name is inside the folder now, as its sender meant."""
        seen = self._seen(info)
        return (seen is not None and info.st_nlink == 1
                and info.st_ctime_ns - seen[0] <= self.delivery_ns)

    def once_linked(self, info: os.stat_result) -> bool:
        """A file seen with another name, under this name or an earlier one, and not delivered:
        renamed or touched once its other name went, it is still a file that may come from
        outside."""
        return self._seen(info) is not None and not self.delivered(info)

    def forget(self, db: Database, info: os.stat_result) -> None:
        inode = (info.st_dev, info.st_ino)
        self._missed.pop(inode, None)
        if self._first is not None and self._first.pop(inode, None) is not None:
            forget_links(db, [inode])

    def listing(self) -> None:
        """A scan of a folder begins: the files it notes are the ones there."""
        self._present = set()

    def listed(self, db: Database, source_id: int) -> None:
        """A scan that noted every file of its folder ended: a remembered file of that folder
        missing from MISSED such scans in a row is forgotten."""
        gone: list[Inode] = []
        for inode, (_, _, source) in (self._first or {}).items():
            if source != source_id or inode in self._present:
                self._missed.pop(inode, None)
                continue
            self._missed[inode] = self._missed.get(inode, 0) + 1
            if self._missed[inode] >= MISSED:
                gone.append(inode)
        if gone:
            forget_links(db, gone)
            for inode in gone:
                del self._missed[inode]
                del (self._first or {})[inode]

    def _seen(self, info: os.stat_result) -> Sighting | None:
        """Its first sighting as a link, if this file is the one then seen: same inode, and
        the size it had (a new file given a freed inode is another)."""
        seen = (self._first or {}).get((info.st_dev, info.st_ino))
        return seen if seen is not None and seen[1] == info.st_size else None

    def _known(self, db: Database) -> dict[Inode, Sighting]:
        if self._first is None:
            self._first = kept_links(db)
        return self._first
