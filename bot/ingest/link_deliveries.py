"""Files delivered into the watched folder maildir's way: written under a first name, linked
into the folder, then the first name unlinked. A scan between the two steps sees a hard link,
which the folder refuses (it may be a file outside, linked in by whoever can write there); once
its other name is gone, a delivery's file is read, a file whose other name went later is not."""

from __future__ import annotations

import os

DELIVERY_SECONDS = 5.0
"""Longest time from a file's first sighting as a hard link to its other name going that is
taken as one delivery (maildir unlinks at once); an env file's name replaced by a deploy later
leaves the link the only name of the old file, still unread."""
KEPT = 10_000
"""Hard links remembered at most (the oldest forgotten): a folder of thousands stays small."""

Inode = tuple[int, int]


class LinkDeliveries:
    """Remembers each inode first seen with more than one name, and when its names last changed
    then (its ``st_ctime``): by inode, so a link renamed or linked again is the file first seen."""

    def __init__(self, *, delivery_seconds: float = DELIVERY_SECONDS) -> None:
        self.delivery_ns = int(delivery_seconds * 1e9)
        self._first: dict[Inode, int] = {}

    def note(self, info: os.stat_result) -> None:
        """A file seen by a scan: remembered from its first sighting with another name."""
        if info.st_nlink > 1 and (info.st_dev, info.st_ino) not in self._first:
            self._first[(info.st_dev, info.st_ino)] = info.st_ctime_ns
            while len(self._first) > KEPT:
                del self._first[next(iter(self._first))]

    def delivered(self, info: os.stat_result) -> bool:
        """A file refused as a hard link whose other name went within a delivery's time of its
        first sighting: its one name is inside the folder now, as its sender meant."""
        first = self._first.get((info.st_dev, info.st_ino))
        return (first is not None and info.st_nlink == 1
                and info.st_ctime_ns - first <= self.delivery_ns)

    def once_linked(self, info: os.stat_result) -> bool:
        """A file seen with another name, under this name or an earlier one, and not delivered:
        renamed once its other name went, it is still a file that may come from outside."""
        return (info.st_dev, info.st_ino) in self._first and not self.delivered(info)

    def forget(self, info: os.stat_result) -> None:
        self._first.pop((info.st_dev, info.st_ino), None)
