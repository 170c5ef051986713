"""When a file was made (its birth time), where the system tells it: a freed inode given to a
new file at once (ext4 does) is the old file's number, maybe its size too, never its birth.
Linux tells it through statx (glibc 2.28, kernel 4.11; ext4, XFS, Btrfs, tmpfs), which Python
3.11's ``os.stat`` does not call; macOS, the BSDs and Windows in ``st_birthtime``."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

AT_FDCWD = -100
AT_SYMLINK_NOFOLLOW = 0x100
STATX_INO = 0x100
STATX_BTIME = 0x800


class _Time(ctypes.Structure):
    _fields_ = [("sec", ctypes.c_int64), ("nsec", ctypes.c_uint32), ("_pad", ctypes.c_int32)]


class _Statx(ctypes.Structure):
    """Linux's ``struct statx``, 256 bytes: the fields up to the four times, then room."""

    _fields_ = [("mask", ctypes.c_uint32), ("blksize", ctypes.c_uint32),
                ("attributes", ctypes.c_uint64), ("nlink", ctypes.c_uint32),
                ("uid", ctypes.c_uint32), ("gid", ctypes.c_uint32), ("mode", ctypes.c_uint16),
                ("_spare0", ctypes.c_uint16), ("ino", ctypes.c_uint64),
                ("size", ctypes.c_uint64), ("blocks", ctypes.c_uint64),
                ("attributes_mask", ctypes.c_uint64), ("atime", _Time), ("btime", _Time),
                ("ctime", _Time), ("mtime", _Time), ("_rest", ctypes.c_uint64 * 16)]


def _statx_call() -> Any:
    """libc's statx, or None where there is none (not Linux, an older C library)."""
    try:
        call = ctypes.CDLL(None, use_errno=True).statx
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint,
                     ctypes.POINTER(_Statx)]
    call.restype = ctypes.c_int
    return call


_STATX = _statx_call()


def birth_ns(path: Path | str, info: os.stat_result) -> int | None:
    """The birth time, in nanoseconds, of the file at ``path`` if it is still the one ``info``
    describes (same inode); None where the system or the file system does not tell it."""
    born = getattr(info, "st_birthtime", None)
    if born is not None:
        return int(born * 1e9)
    if _STATX is None:
        return None
    found = _Statx()
    if _STATX(AT_FDCWD, os.fsencode(path), AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_BTIME,
              ctypes.byref(found)) != 0:
        return None
    if not found.mask & STATX_BTIME or found.ino != info.st_ino:
        return None
    return found.btime.sec * 1_000_000_000 + found.btime.nsec
