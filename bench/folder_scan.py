"""The watched folder's safety scan (every second) over a folder of files already read, in
times the CPU of what it cannot do without: listing the folder in name order and looking at each
file. Measured in one run; security46b's change took it from 6.6 to 2.4 at 20,000 files."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.rows import row
from bench.scale import scale_from
from bench.table import print_rows
from bot.ingest.folder import FolderWatcher
from storage.db import open_db, transaction
from storage.sources import add_source, remember_file, source_row

NAME = "folder_scan"
SIZES = {"smoke": 500, "quick": 20_000, "full": 100_000}


def cpu_seconds(run: Callable[[], object]) -> float:
    """The least CPU time of three runs: the machine's other work adds, never takes away."""
    times = []
    for _ in range(3):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def bare_listing(folder: Path) -> None:
    with os.scandir(folder) as listing:
        names = sorted(entry.path for entry in listing)
    for name in names:
        os.lstat(name)


def measure(files: int, where: Path) -> list[dict]:
    folder = where / "drop"
    folder.mkdir()
    db = open_db(where / "bench.db")
    now = datetime.now(UTC)
    with transaction(db):
        source = source_row(db, add_source(db, kind="folder", location=str(folder)))
        for i in range(files):
            path = folder / f"brief-{i:06d}.txt"
            path.write_text(f"Council brief {i}\n\nThe committee met on day {i}.\n")
            info = path.lstat()
            remember_file(db, path=str(path), size=info.st_size, mtime_ns=info.st_mtime_ns,
                          sha256=f"read {i}", articles=1, error=None, now=now)
    watcher = FolderWatcher(max_bytes=1_000_000)
    watcher.scan(db, source, now=now)
    scan = cpu_seconds(lambda: watcher.scan(db, source, now=now))
    listing = cpu_seconds(lambda: bare_listing(folder))
    note = f"{files:,} files already read; least CPU of three scans"
    return [row(NAME, "scan CPU", scan, "s", note=note),
            row(NAME, "scan / bare listing", scan / max(listing, 1e-9), "ratio", note=note)]


def run(*, scale: str = "full") -> list[dict]:
    if scale not in SIZES:
        raise ValueError(f"scale must be one of {sorted(SIZES)}, got {scale!r}")
    with tempfile.TemporaryDirectory() as where:
        return measure(SIZES[scale], Path(where))


if __name__ == "__main__":
    print_rows(run(scale=scale_from(sys.argv[1:], name=NAME, doc=__doc__, scales=SIZES)))
