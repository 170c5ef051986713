"""Linux inotify through ctypes: the moment a file in a watched folder is complete.

A file is complete when the program writing it closes it (IN_CLOSE_WRITE) or when it is renamed
into the folder (IN_MOVED_TO), which is how careful tools deliver files. Elsewhere (macOS,
Windows, a libc without inotify) ``available`` is False and the folder scan alone finds files.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import select
import struct
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_MOVE_SELF = 0x00000800
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_ONLYDIR = 0x01000000
IN_ISDIR = 0x40000000
IN_NONBLOCK = os.O_NONBLOCK
IN_CLOEXEC = os.O_CLOEXEC
WATCH_MASK = (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVE_SELF | IN_ONLYDIR)
HEADER = struct.Struct("iIII")
READ_SIZE = 64 * 1024


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "inotify_init1") else None


class FileEvents:
    """Calls ``on_complete(path)`` from its own thread for each file completed in a watched tree.

    Sub-folders are watched too, including ones created later. Events can be lost (the kernel
    queue overflows, a folder is replaced): callers keep scanning now and then as a safety net.
    """

    def __init__(self, on_complete: Callable[[Path], None]) -> None:
        self.on_complete = on_complete
        self._libc = _libc()
        self._fd = -1
        self._dirs: dict[int, Path] = {}
        self._lock = threading.Lock()
        self._stop_r, self._stop_w = -1, -1
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def available(self) -> bool:
        return self._libc is not None

    def watching(self, folder: Path) -> bool:
        with self._lock:
            return folder in self._dirs.values()

    def watch(self, folder: Path) -> bool:
        """Watch ``folder`` and every folder under it; False when inotify is not available."""
        if not self._start():
            return False
        self._add_tree(folder)
        return self.watching(folder)

    def stop(self) -> None:
        self._stopped = True
        thread, self._thread = self._thread, None
        if thread is None:
            return
        os.write(self._stop_w, b"x")
        thread.join(5)
        for fd in (self._fd, self._stop_r, self._stop_w):
            os.close(fd)
        self._fd, self._stop_r, self._stop_w = -1, -1, -1
        self._dirs.clear()

    def _start(self) -> bool:
        if self._thread is not None:
            return True
        if self._libc is None or self._stopped:
            return False
        fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            log.warning("inotify unavailable (%s); the watched folder is scanned only",
                        os.strerror(ctypes.get_errno()))
            self._libc = None
            return False
        self._fd = fd
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="folder-events", daemon=True)
        self._thread.start()
        return True

    def _add_tree(self, directory: Path) -> None:
        """Watch first, then list: a sub-folder made in between is then reported, not missed."""
        if not self._add(directory):
            return
        try:
            children = sorted(e.path for e in os.scandir(directory)
                              if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
        except OSError:
            return
        for child in children:
            self._add_tree(Path(child))

    def _add(self, directory: Path) -> bool:
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(directory), WATCH_MASK)
        if wd < 0:
            error = ctypes.get_errno()
            if error not in (errno.ENOENT, errno.ENOTDIR):
                log.warning("cannot watch %s: %s; it is scanned only", directory,
                            os.strerror(error))
            return False
        with self._lock:
            self._dirs[wd] = directory
        return True

    def _run(self) -> None:
        while True:
            ready, _, _ = select.select([self._fd, self._stop_r], [], [])
            if self._stop_r in ready:
                return
            try:
                data = os.read(self._fd, READ_SIZE)
            except BlockingIOError:
                continue
            for wd, mask, name in _events(data):
                self._handle(wd, mask, name)

    def _handle(self, wd: int, mask: int, name: bytes) -> None:
        if mask & IN_Q_OVERFLOW:
            log.warning("inotify queue overflowed; the next folder scan picks up what was missed")
            return
        if mask & IN_MOVE_SELF:
            self._libc.inotify_rm_watch(self._fd, wd)
        with self._lock:
            directory = self._dirs.pop(wd, None) if mask & IN_IGNORED else self._dirs.get(wd)
        if directory is None or not name:
            return
        path = directory / os.fsdecode(name)
        if mask & IN_ISDIR:
            if mask & (IN_CREATE | IN_MOVED_TO) and not path.name.startswith("."):
                self.watch(path)
        elif mask & (IN_CLOSE_WRITE | IN_MOVED_TO):
            try:
                self.on_complete(path)
            except Exception:
                log.exception("handling the completed file %s failed", path)


def _events(data: bytes):
    """(watch descriptor, mask, name) for each ``struct inotify_event`` in one read."""
    offset = 0
    while offset + HEADER.size <= len(data):
        wd, mask, _cookie, length = HEADER.unpack_from(data, offset)
        offset += HEADER.size
        name = data[offset:offset + length].rstrip(b"\0")
        offset += length
        yield wd, mask, name
