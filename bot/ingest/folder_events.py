"""The moment a file in a watched folder is complete, through watchdog.

A file is complete when the program writing it closes it (a close after writing, reported on
Linux) or when it is renamed into the folder or within it, which is how careful tools deliver
files. Where the platform reports no closes (macOS, Windows) only renames count, and the
folder scan finds the rest; so it does wherever events cannot be had at all.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.utils import UnsupportedLibcError, platform

log = logging.getLogger(__name__)
RETRY_AFTER = 600.0
STOP_SECONDS = 5.0
"""A stop's wait for the observer's threads, when the caller gives no bound."""
EVENTS: list[type[FileSystemEvent]] = [FileClosedEvent, FileMovedEvent, DirCreatedEvent,
                                       DirMovedEvent]


def _observer() -> BaseObserver:
    """On Linux, a rename into the folder from outside it is reported as a move (full events)."""
    if platform.is_linux():
        from watchdog.observers.inotify import InotifyObserver

        return InotifyObserver(generate_full_events=True)
    return Observer()


def _threads_alive(observer: BaseObserver) -> bool:
    """The observer, its emitters and, on Linux, the inotify reader thread all still run.

    watchdog's reader thread dies when a tree too deep for Python 3.11's recursive ``os.walk`` is
    moved into a watched folder; nothing public says so, hence the look at its reader.
    """
    reader = getattr(observer, "_inotify_fd", None)
    return (observer.is_alive() and all(e.is_alive() for e in observer.emitters)
            and (not isinstance(reader, threading.Thread) or reader.is_alive()))


class _Completed(FileSystemEventHandler):
    """Hands each completed, not hidden, file below ``root`` to ``on_complete``."""

    def __init__(self, root: Path, on_complete: Callable[[Path], None]) -> None:
        self.root = root
        self.on_complete = on_complete

    def on_closed(self, event: FileClosedEvent) -> None:
        self._complete(event.src_path)

    def on_moved(self, event: DirMovedEvent | FileMovedEvent) -> None:
        if not event.is_directory and event.dest_path:
            self._complete(event.dest_path)

    def _complete(self, raw: bytes | str) -> None:
        path = Path(os.fsdecode(raw))
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return
        if any(part.startswith(".") for part in relative.parts):
            return
        try:
            self.on_complete(path)
        except Exception:
            log.exception("handling the completed file %s failed", path)


class FileEvents:
    """Calls ``on_complete(path)`` from watchdog's thread for each file completed in a watched
    tree, sub-folders made later included. Events can be lost (the kernel queue overflows, a
    folder is replaced, a tree too deep to watch): callers keep scanning as a safety net."""

    def __init__(self, on_complete: Callable[[Path], None]) -> None:
        self.on_complete = on_complete
        self._observer: BaseObserver | None = None
        self._watches: dict[Path, ObservedWatch] = {}
        self._refused: dict[Path, float] = {}
        self._lock = threading.Lock()
        self._stopped = False

    def watching(self, folder: Path) -> bool:
        with self._lock:
            return folder in self._watches and self._alive()

    def watch(self, folder: Path) -> bool:
        """Watch ``folder`` and every folder under it; False when its events cannot be had."""
        with self._lock:
            if self._stopped:
                return False
            if folder in self._watches and self._alive():
                return True
            if time.monotonic() < self._refused.get(folder, 0.0):
                return False
            try:
                observer = self._started()
                handler = _Completed(folder, self.on_complete)
                self._watches[folder] = observer.schedule(handler, str(folder), recursive=True,
                                                          event_filter=EVENTS)
            except (OSError, RecursionError, UnsupportedLibcError) as exc:
                self._refuse(folder, exc)
                return False
            self._refused.pop(folder, None)
            return True

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Stop watching, waiting up to ``timeout`` seconds for the observer's threads (a file
        event not yet handled is found by the folder's next scan at the next start)."""
        with self._lock:
            self._stopped = True
            observer, self._observer = self._observer, None
            self._watches.clear()
        if observer is not None:
            observer.stop()
            observer.join(timeout)

    def _alive(self) -> bool:
        observer = self._observer
        return observer is not None and _threads_alive(observer)

    def _started(self) -> BaseObserver:
        """The running observer; a dead one (its thread failed) is replaced, watches and all."""
        if self._observer is not None and not self._alive():
            log.warning("folder events stopped; watching again")
            self._observer.stop()
            self._observer, self._watches = None, {}
        if self._observer is None:
            self._observer = _observer()
            self._observer.daemon = True
            self._observer.start()
        return self._observer

    def _refuse(self, folder: Path, exc: BaseException) -> None:
        if folder not in self._refused:
            reason = ("sub-folders nested too deep" if isinstance(exc, RecursionError)
                      else str(exc) or type(exc).__name__)
            log.warning("no file events for %s (%s); the scan every second reads it, events are "
                        "tried again in %.0f minutes", folder, reason, RETRY_AFTER / 60)
        self._refused[folder] = time.monotonic() + RETRY_AFTER
