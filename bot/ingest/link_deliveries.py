"""Files delivered into the watched folder maildir's way: written under a first name, linked
into the folder, then the first name unlinked. A scan between the two steps sees a hard link,
which the folder refuses (it may be a file outside, linked in by whoever can write there); once
its other name is gone, a delivery's file is read, a file whose other name went later is not.
What was seen is kept in the database (``storage.folder_links``), so a restart changes nothing;
a remount that changes the folder's device number neither."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlite_utils import Database

from bot.ingest.birth_time import birth_ns
from storage.folder_links import Inode, Sighting, forget_links, keep_link, kept_links

log = logging.getLogger(__name__)

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
    """Remembers each inode first seen with more than one name, its size, when its names last
    changed then (its ``st_ctime``) and when it was made: by inode, so a link renamed, touched
    or linked again is the file first seen; by size and birth too, since a file gone leaves its
    inode to the next file made (at once, on ext4), which is no link. Kept in the database,
    read from it once; a kept file found at another device number (the folder remounted) is
    the same file when its inode, size and birth are, and refused as before."""

    def __init__(self, *, delivery_seconds: float = DELIVERY_SECONDS) -> None:
        self.delivery_ns = int(delivery_seconds * 1e9)
        self._first: dict[Inode, Sighting] | None = None
        self._devices: dict[int, set[int]] = {}
        self._born: dict[Inode, int | None] = {}
        self._present: set[Inode] = set()
        self._missed: dict[Inode, int] = {}

    def note(self, db: Database, path: Path | str, info: os.stat_result, *,
             source_id: int) -> None:
        """A file seen by a scan: remembered from its first sighting with another name; one
        given the inode of a file remembered, of another size or birth, makes it forgotten."""
        inode = (info.st_dev, info.st_ino)
        first = self._known(db)
        self._present.add(inode)
        if inode in first or info.st_nlink > 1 or info.st_ino in self._devices:
            self._born[inode] = birth_ns(path, info)
        if inode not in first:
            self._moved(db, info, source_id)
        if inode not in first and info.st_nlink == 1:
            self._born.pop(inode, None)
        if inode in first and info.st_nlink == 1 and self._seen(info) is None:
            self.forget(db, info)  # another file, given the inode of one gone
        if info.st_nlink > 1 and inode not in first:
            sighting = Sighting(info.st_ctime_ns, info.st_size, source_id, self._born.get(inode))
            keep_link(db, inode, sighting, most=KEPT)
            self._add(inode, sighting)
            while len(first) > KEPT:
                self._drop(next(iter(first)))

    def delivered(self, info: os.stat_result) -> bool:
        """A file refused as a hard link whose other name went within a delivery's time of its
        first sighting: its one name is inside the folder now, as its sender meant."""
        seen = self._seen(info)
        return (seen is not None and info.st_nlink == 1
                and info.st_ctime_ns - seen.ctime_ns <= self.delivery_ns)

    def once_linked(self, info: os.stat_result) -> bool:
        """A file seen with another name, under this name or an earlier one, and not delivered:
        renamed or touched once its other name went, it is still a file that may come from
        outside."""
        return self._seen(info) is not None and not self.delivered(info)

    def forget(self, db: Database, info: os.stat_result) -> None:
        inode = (info.st_dev, info.st_ino)
        self._missed.pop(inode, None)
        if self._first is not None and inode in self._first:
            self._drop(inode)
            forget_links(db, [inode])

    def listing(self) -> None:
        """A scan of a folder begins: the files it notes are the ones there."""
        self._present = set()

    def listed(self, db: Database, source_id: int) -> None:
        """A scan that noted every file of its folder ended: a remembered file of that folder
        missing from MISSED such scans in a row is forgotten."""
        gone: list[Inode] = []
        for inode, seen in (self._first or {}).items():
            if seen.source_id != source_id or inode in self._present:
                self._missed.pop(inode, None)
                continue
            self._missed[inode] = self._missed.get(inode, 0) + 1
            if self._missed[inode] >= MISSED:
                gone.append(inode)
        if gone:
            forget_links(db, gone)
            for inode in gone:
                del self._missed[inode]
                self._drop(inode)

    def _moved(self, db: Database, info: os.stat_result, source_id: int) -> None:
        """A file kept under another device number of its folder's, found again with its
        inode, size and birth: its folder was remounted; kept under the new number too (the
        old one goes once two scans miss it). Refused when in doubt, never read for it."""
        inode = (info.st_dev, info.st_ino)
        for dev in list(self._devices.get(info.st_ino, ())):
            kept = (self._first or {})[(dev, info.st_ino)]
            if kept.source_id == source_id and self._same_file(kept, info.st_size, inode):
                keep_link(db, inode, kept, most=KEPT)
                self._add(inode, kept)
                log.info("watched folder: a file refused as a hard link is found at device %d "
                         "(kept at %d: %s); still refused", info.st_dev, dev,
                         self._why_same(kept, inode))
                return

    def _why_same(self, kept: Sighting, inode: Inode) -> str:
        """Why a file at a kept inode and size is taken for the kept one: its birth, or, where
        a birth is not given, doubt (a new file of that size at that inode is not told from it:
        refused, never read twice)."""
        if kept.born_ns is not None and self._born.get(inode) is not None:
            return "the folder was remounted"
        return ("the folder was remounted or a new file of its size took its inode: without a "
                "birth time the two are not told apart; to have a new file read, copy it in "
                "under a new name")

    def _seen(self, info: os.stat_result) -> Sighting | None:
        """Its first sighting as a link, if this file is the one then seen: same inode, and
        the size and birth it had (a new file given a freed inode is another)."""
        inode = (info.st_dev, info.st_ino)
        seen = (self._first or {}).get(inode)
        return seen if seen is not None and self._same_file(seen, info.st_size, inode) else None

    def _same_file(self, seen: Sighting, size: int, inode: Inode) -> bool:
        """Whether a file of this size, at this inode, is the one seen: its birth too where
        both are known (where not, its size only)."""
        born, now = seen.born_ns, self._born.get(inode)
        return seen.size == size and (born is None or now is None or born == now)

    def _add(self, inode: Inode, sighting: Sighting) -> None:
        self._known_now()[inode] = sighting
        self._devices.setdefault(inode[1], set()).add(inode[0])

    def _drop(self, inode: Inode) -> None:
        del self._known_now()[inode]
        self._born.pop(inode, None)
        devices = self._devices.get(inode[1], set())
        devices.discard(inode[0])
        if not devices:
            self._devices.pop(inode[1], None)

    def _known_now(self) -> dict[Inode, Sighting]:
        assert self._first is not None, "read from the database first (_known)"
        return self._first

    def _known(self, db: Database) -> dict[Inode, Sighting]:
        if self._first is None:
            self._first = {}
            for inode, sighting in kept_links(db).items():
                self._add(inode, sighting)
        return self._first
