"""A watched folder: each file dropped in is read once, whole, and remembered across restarts."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from bot.ingest.bounds import bounded_fields
from bot.ingest.files import display_name, read_bytes, too_large, unsupported
from bot.ingest.link_deliveries import DELIVERY_SECONDS, LinkDeliveries
from bot.ingest.records import parse_json_lines
from bot.models import IngestFailure, RawArticle, SeenFile, Source
from bot.models.times import utc_time
from storage.db import transaction
from storage.inbox import enqueue
from storage.sources import record_failure, record_success, remember_file, seen_file

log = logging.getLogger(__name__)
TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp",
                 ".filepart", "~")
HEALTH_EVERY = timedelta(seconds=60)
LINK_REFUSED = ("a symbolic link (or one on the way); not followed: only files inside the "
                "watched folder are read")
FAILURES_SAID = 20
"""A file's failures logged and kept at most; the rest are counted in one line more."""
MOST_ARTICLES = 10_000
"""A file's articles queued at most (``WIREWATCH_MAX_FILE_ARTICLES``): 10 MB of tiny records
were 769,230 articles queued by one scan, 61 s of CPU under the scan's lock."""
MOST_FILES = 500
"""Files one scan reads at most, whatever they give: 5,000 binary files, none an article,
held the lock every folder shares 6 s in one scan and logged 5,000 lines."""
NOT_REGULAR = "not a regular file (a device, pipe or socket); not read"
HARD_LINK = ("a hard link: the file has another name, maybe outside the watched folder; not "
             "read: copy the file in instead")
"""A second name of a file elsewhere needs no symbolic link on the way: where the kernel lets
anyone link a file they cannot read (fs.protected_hardlinks 0), it read wirewatch's own."""
ONCE_LINKED = ("a hard link when first seen (the file had another name, maybe outside the "
               "watched folder); not read, renamed or touched: copy the file in instead")


@dataclass(frozen=True)
class ScanResult:
    """One scan: ``files`` read now, ``articles`` queued from them, ``waiting`` still growing."""

    files: int = 0
    articles: int = 0
    failed: int = 0
    waiting: int = 0
    error: str | None = None


def is_temporary(path: Path) -> bool:
    """Names that tools use while a file is still being written or copied."""
    return _temporary_name(path.name)


def _temporary_name(name: str) -> bool:
    """``is_temporary`` of a bare name: a listing of 100,000 files builds no Path to ask it."""
    lowered = name.lower()
    return lowered.startswith((".", "~$", "#")) or lowered.endswith(TEMP_SUFFIXES)


class FolderWatcher:
    """Remembers how each file looked at the previous scan: a file is read only once it stops
    changing (same size and modification time on two scans in a row), or, with
    ``settle_seconds``, as soon as nothing has written to it for that long. ``take`` reads a
    file at once, for callers that know it is complete (closed by its writer, renamed in)."""

    def __init__(self, *, max_bytes: int, max_articles: int = MOST_ARTICLES,
                 settle_seconds: float | None = None,
                 delivery_seconds: float = DELIVERY_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.max_articles = max_articles
        self.settle_seconds = settle_seconds
        self._last_seen: dict[str, tuple[int, int]] = {}
        self._unchanged: dict[str, tuple[int, int]] = {}
        self._warned: set[str] = set()
        self._cannot_read: dict[str, tuple[int, int]] = {}
        self._links = LinkDeliveries(delivery_seconds=delivery_seconds)
        self._said = 0
        """Files whose failures this scan logged (FAILURES_SAID at most; then one line more)."""
        self._lock = threading.Lock()

    def scan(self, db: Database, source: Source, *, now: datetime,
             on_queued: Callable[[], None] | None = None) -> ScanResult:
        folder = Path(source.location)
        if not folder.is_dir():
            return _failed(db, source, now=now,
                           reason=f"folder {folder} does not exist or is not a folder; "
                                  "create it or remove the source")
        with self._lock:
            return self._scan(db, source, folder, now=now, on_queued=on_queued)

    def take(self, db: Database, source: Source, path: Path, *, now: datetime) -> int:
        """Read one complete file of the source's folder now; returns the articles queued."""
        folder = Path(source.location)
        if not _belongs(path, folder) or path.is_dir():
            return 0
        with self._lock:
            self._said = 0
            outcome = self._consider(db, source, path, now=now, complete=True)
        if not isinstance(outcome, tuple) or not outcome[0]:
            return 0
        with transaction(db):
            record_success(db, source.id, now=now, items=outcome[0])
        return outcome[0]

    def _scan(self, db: Database, source: Source, folder: Path, *, now: datetime,
              on_queued: Callable[[], None] | None) -> ScanResult:
        files = articles = failed = waiting = 0
        self._said = 0
        listed: set[str] = set()
        self._links.listing()
        whole = True
        for path in _listed(folder, on_error=self._unreadable):
            listed.add(path)
            if articles >= self.max_articles or files >= MOST_FILES:
                whole = False
                continue  # the scans after this one read the rest: the lock is every folder's
            outcome = self._consider(db, source, path, now=now)
            if outcome is None:
                continue
            if outcome == "waiting":
                waiting += 1
                continue
            files += 1
            articles += outcome[0]
            failed += outcome[1]
            if outcome[0] and on_queued:
                on_queued()
        self._forget_unlisted(folder, listed)
        if self._said > FAILURES_SAID:
            log.warning("watched folder: %d more files could not be read this scan (`wirewatch "
                        "sources list` names them, with why)", self._said - FAILURES_SAID)
        if whole:
            self._links.listed(db, source.id)
        if articles or source.failures or _stale(source.last_poll_at, now):
            with transaction(db):
                record_success(db, source.id, now=now, items=articles)
        return ScanResult(files=files, articles=articles, failed=failed, waiting=waiting)

    def _consider(self, db: Database, source: Source, named: Path | str, *, now: datetime,
                  complete: bool = False):
        """A listed file's name as a string: one unchanged since it was read builds no Path."""
        key = str(named)
        try:
            info = os.lstat(key)
        except OSError:
            self._last_seen.pop(key, None)
            self._unchanged.pop(key, None)
            return None
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            return None
        signature = (info.st_size, info.st_mtime_ns)
        self._links.note(db, key, info, source_id=source.id)
        delivered = self._links.delivered(info)
        if self._unchanged.get(key) == signature and not delivered:
            return None
        path = Path(key)
        known = seen_file(db, _stored(path))
        if known and (known.size, known.mtime_ns) == signature and not delivered:
            self._unchanged[key] = signature
            return None
        if not complete and self._last_seen.get(key) != signature and not self._settled(
                info.st_mtime):
            self._last_seen[key] = signature
            return "waiting"
        self._last_seen.pop(key, None)
        outcome = self._read(db, source, path, signature=signature, known=known, now=now,
                             once_linked=self._links.once_linked(info))
        if delivered and isinstance(outcome, tuple):
            self._links.forget(db, info)
        return outcome

    def _forget_unlisted(self, folder: Path, listed: set[str]) -> None:
        """Files already read are remembered (path and signature) so that a scan every second
        of a folder that keeps thousands of them asks SQLite nothing; gone ones are forgotten."""
        inside = os.path.join(str(folder), "")
        for known in (self._unchanged, self._cannot_read):
            for key in [k for k in known if k.startswith(inside) and k not in listed]:
                del known[key]

    def _settled(self, mtime: float) -> bool:
        return self.settle_seconds is not None and time.time() - mtime >= self.settle_seconds

    def _unreadable(self, directory: str, exc: OSError) -> None:
        if directory not in self._warned:
            self._warned.add(directory)
            log.warning("watched folder: cannot list %s: %s; it is skipped", directory,
                        exc.strerror or exc)

    def _not_read(self, path: Path, signature: tuple[int, int], exc: OSError) -> None:
        """Said once per version of the file, not at every scan: a file another user dropped
        with a mode that keeps wirewatch out is tried at each scan until it may be read."""
        if self._cannot_read.get(str(path)) == signature:
            return
        self._cannot_read[str(path)] = signature
        advice = (f"make it readable by the user wirewatch runs as (uid {os.geteuid()}); "
                  if exc.errno in (errno.EACCES, errno.EPERM) else "")
        log.warning("watched folder: cannot read %s: %s; %sit is read as soon as it can be",
                    display_name(path), exc.strerror or exc.__class__.__name__, advice)

    def _read(self, db: Database, source: Source, path: Path, *, signature: tuple[int, int],
              known: SeenFile | None, now: datetime,
              once_linked: bool = False) -> tuple[int, int] | str | None:
        try:
            loaded = load(Path(source.location), path, signature=signature,
                          max_bytes=self.max_bytes, max_articles=self.max_articles,
                          known=known.sha256 if known else None, once_linked=once_linked)
        except OSError as exc:
            self._not_read(path, signature, exc)
            return None
        self._cannot_read.pop(str(path), None)
        if loaded is None:
            return "waiting"
        items, digest = loaded
        if known and known.sha256 == digest:
            with transaction(db):
                remember_file(db, path=_stored(path), size=signature[0], mtime_ns=signature[1],
                              sha256=digest, articles=known.articles, error=known.error,
                              now=now)
            self._unchanged[str(path)] = signature
            return None
        good = [i for i in items if isinstance(i, RawArticle)]
        bad = [i for i in items if isinstance(i, IngestFailure)]
        if bad:
            self._said += 1
        for failure in bad if self._said <= FAILURES_SAID else ():
            log.warning("watched folder: %s: %s", failure.origin, failure.reason)
        with transaction(db):
            for article in good:
                enqueue(db, bounded_fields(article), source_id=source.id, now=now)
            remember_file(db, path=_stored(path), size=signature[0], mtime_ns=signature[1],
                          sha256=digest, articles=len(good),
                          error="; ".join(f.reason for f in bad)[:1000] or None, now=now)
        self._unchanged[str(path)] = signature
        return len(good), len(bad)


def _files(folder: Path, *, on_error: Callable[[str, OSError], None]) -> Iterator[Path]:
    """Files and symbolic links below ``folder``, in name order, hidden ones left out."""
    return map(Path, _listed(folder, on_error=on_error))


def _listed(folder: Path, *, on_error: Callable[[str, OSError], None]) -> list[str]:
    """``_files`` as strings, for the scan every second: sorting and making 100,000 Paths took
    1.4 s of CPU of each. Sorted with each separator read as NUL, below every character: Path's
    own order (by parts), as one string comparison.

    A loop, not recursion: a tree of any depth is walked. Links are listed, never followed.
    """
    found: list[str] = []
    pending = [str(folder)]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            on_error(directory, exc)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif not _temporary_name(entry.name):
                found.append(entry.path)
    found.sort(key=lambda path: path.replace(os.sep, "\0"))
    return found


def holds_no_file(folder: Path) -> bool:
    """Nothing to read below ``folder`` (hidden and half-written files left out): a first
    run's banner says what to drop there."""
    return next(_files(folder, on_error=lambda *_: None), None) is None


def open_inside(folder: Path, path: Path) -> BinaryIO:
    """Open a file below ``folder`` without following a symbolic link anywhere on the way.

    Each step is opened relative to the one before with O_NOFOLLOW, so a folder swapped for a
    link between the scan and the read cannot lead out either (ELOOP instead).
    """
    *parents, name = path.relative_to(folder).parts
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parents:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=directory)
            os.close(directory)
            directory = inner
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
    finally:
        os.close(directory)
    return os.fdopen(fd, "rb")


def load(folder: Path, path: Path, *, signature: tuple[int, int], max_bytes: int,
         max_articles: int = MOST_ARTICLES, known: str | None = None,
         once_linked: bool = False
         ) -> tuple[list[RawArticle | IngestFailure], str] | None:
    """The file's articles (or why it is not read) and a digest of what was read; None when
    the file is not as ``signature`` (its size and modification time at the scan) said, or
    changed while it was read: still being written, or replaced, and read once it settles.
    Bytes whose digest is ``known`` (read before) are not parsed: no article, nothing logged.

    Read once, from the handle opened, at most the size it had (plus one byte, to see it grow):
    a file growing past ``max_bytes`` after the scan is never read past it. ``once_linked``:
    seen with another name before, and not as a delivery (``LinkDeliveries``): a hard link."""
    origin = display_name(path)
    try:
        handle = open_inside(folder, path)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR):
            raise
        return [IngestFailure(origin, LINK_REFUSED)], f"link:{signature}"
    with handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return [IngestFailure(origin, NOT_REGULAR)], f"special:{signature}"
        if info.st_nlink > 1 or once_linked:
            why = HARD_LINK if info.st_nlink > 1 else ONCE_LINKED
            return [IngestFailure(origin, why)], f"linked:{signature}"
        if (info.st_size, info.st_mtime_ns) != signature:
            return None
        if info.st_size > max_bytes:
            found = bounded(_oversized(handle, path, size=info.st_size, max_bytes=max_bytes),
                            origin, most=max_articles)
            return (found, f"size:{signature}") if _unchanged(handle, signature) else None
        data = handle.read(info.st_size + 1)
        if len(data) != info.st_size or not _unchanged(handle, signature):
            return None
    digest = hashlib.sha256(data).hexdigest()
    if digest == known:
        return [], digest
    return bounded(_articles(path, data, max_bytes=max_bytes), origin, most=max_articles), digest


def bounded(items: Iterable[RawArticle | IngestFailure], origin: str, *,
            most: int = MOST_ARTICLES) -> list[RawArticle | IngestFailure]:
    """The first ``most`` articles and FAILURES_SAID failures, then one failure that counts the
    other failures and one, first, that counts the records past the articles taken: a file of
    millions of records is a few log lines and a bounded queue, not millions, and says so."""
    kept: list[RawArticle | IngestFailure] = []
    taken = said = more = left = 0
    for item in items:
        if taken >= most:
            left += 1
        elif isinstance(item, RawArticle):
            taken += 1
            kept.append(item)
        elif said < FAILURES_SAID:
            said += 1
            kept.append(item)
        else:
            more += 1
    if more:
        kept.append(IngestFailure(origin, f"{more:,} more lines or records not read, as those "
                                          "above were not"))
    if left:
        kept.insert(0, IngestFailure(origin, over_limit(left, most)))
    return kept


def over_limit(left: int, most: int) -> str:
    """Why the rest of a file was not taken, and what gets it taken."""
    return (f"{left:,} records after the first {most:,} articles not taken: a file gives at "
            f"most {most:,} (WIREWATCH_MAX_FILE_ARTICLES); drop the rest in as files of "
            f"{most:,} or fewer")


def _unchanged(handle: BinaryIO, signature: tuple[int, int]) -> bool:
    info = os.fstat(handle.fileno())
    return (info.st_size, info.st_mtime_ns) == signature


def _oversized(handle: BinaryIO, path: Path, *, size: int,
               max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    """Lines of a large .jsonl file one by one; any other file that large is refused."""
    origin, suffix = display_name(path), path.suffix.lower()
    refusal = unsupported(suffix, name=path.name)
    if refusal:
        yield IngestFailure(origin, refusal)
    elif suffix == ".jsonl":
        yield from parse_json_lines(lines_within(handle, size=size, longest=max_bytes),
                                    origin=origin, max_line_bytes=max_bytes)
    else:
        yield IngestFailure(origin, too_large(size, max_bytes))


def lines_within(handle: BinaryIO, *, size: int, longest: int) -> Iterator[bytes]:
    """The lines of the first ``size`` bytes, never more than ``longest + 1`` bytes read at once:
    a line longer than that is given cut there (to be refused as too long) and the rest of it is
    skipped, so a line without end never fills memory."""
    left, skipping = size, False
    while left > 0:
        chunk = handle.readline(min(longest + 1, left))
        if not chunk:
            return
        left -= len(chunk)
        if not skipping:
            yield chunk
        skipping = not chunk.endswith(b"\n")


def _stored(path: Path) -> str:
    """The path as the database remembers it: as it is, or with bytes that are not UTF-8 (a
    name from a Windows share, an old archive) escaped, since SQLite stores only UTF-8 text."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return text


def _belongs(path: Path, folder: Path) -> bool:
    """Inside the folder, not hidden on the way, and not named like a file still being written."""
    try:
        relative = path.relative_to(folder)
    except ValueError:
        return False
    return not any(part.startswith(".") for part in relative.parts) and not is_temporary(path)


def _articles(path: Path, data: bytes, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    suffix, origin = path.suffix.lower(), display_name(path)
    refusal = unsupported(suffix, name=path.name)
    if refusal:
        yield IngestFailure(origin, refusal)
    elif suffix == ".jsonl":
        yield from parse_json_lines(data.splitlines(), origin=origin, max_line_bytes=max_bytes)
    else:
        yield from read_bytes(data, origin=origin, suffix=suffix)


def _stale(stamp: str | None, now: datetime) -> bool:
    return not stamp or utc_time(stamp) + HEALTH_EVERY <= now


def _failed(db: Database, source: Source, *, reason: str, now: datetime) -> ScanResult:
    with transaction(db):
        state = record_failure(db, source.id, reason=reason, now=now)
    log.warning("watched folder %s: %s (%d in a row)", source.location, reason,
                state.failures)
    return ScanResult(error=reason)
