"""The scan every second of a folder of many files already read costs little more than listing
them and looking at each (its size and modification time): a folder of 100,000 took 2.1 s of
CPU each second, most of it making and sorting a Path for every file."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.ingest.folder import FolderWatcher, _files
from storage.db import transaction
from storage.sources import add_source, remember_file, source_row

FILES = 20_000
MOST_TIMES = 4.0
"""A scan's CPU time at most, in times the bare listing's: 6.6 before, 2.4 now (20,000 files)."""


def cpu_seconds(run: Callable[[], object]) -> float:
    """The least CPU time of three runs: the machine's other work adds, never takes away."""
    times = []
    for _ in range(3):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def bare_listing(folder: Path) -> None:
    """What a scan cannot do without: list the folder in name order and look at each file."""
    with os.scandir(folder) as listing:
        names = sorted(entry.path for entry in listing)
    for name in names:
        os.lstat(name)


def test_a_folder_of_many_files_read_already_is_scanned_at_little_more_than_a_listing(
        fresh_db, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    now = datetime.now(UTC)
    with transaction(fresh_db):
        source = source_row(fresh_db, add_source(fresh_db, kind="folder", location=str(folder)))
        for i in range(FILES):
            path = folder / f"brief-{i:05d}.txt"
            path.write_text(f"Council brief {i}\n\nThe committee met on day {i}.\n")
            info = path.lstat()
            remember_file(fresh_db, path=str(path), size=info.st_size,
                          mtime_ns=info.st_mtime_ns, sha256=f"read {i}", articles=1, error=None,
                          now=now)
    watcher = FolderWatcher(max_bytes=1_000_000)
    assert watcher.scan(fresh_db, source, now=now).files == 0
    scan = cpu_seconds(lambda: watcher.scan(fresh_db, source, now=now))
    listing = cpu_seconds(lambda: bare_listing(folder))
    assert scan <= MOST_TIMES * listing, (scan, listing)


def test_files_below_the_folder_are_listed_in_paths_order(tmp_path):
    """The listing sorts strings, not Paths; the order (which files a bounded scan reads
    first) is Path's, a folder's files at the folder's place among names like it."""
    names = ["a/b.txt", "a-1.txt", "a b.txt", "a.txt", "a/c/d.txt", "a0.txt", "A.txt", "ab.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(_files(tmp_path, on_error=print)) == sorted(tmp_path / n for n in names)
