"""A write from a second connection in the middle of a read: what a read transaction must not
see (App Home's sections, `/wirewatch status`'s lines)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from storage.db import db_file, open_db, transaction


@contextmanager
def written_mid_read(db: Database, *, after: str,
                     write: Callable[[Database], object]) -> Iterator[list[str]]:
    """Within the block, ``write`` runs and commits on a second connection to ``db``'s file at
    the first query ``db`` starts after one whose SQL holds ``after``. Yields the SQL seen, the
    word "written" in it where the write came."""
    other = open_db(db_file(db), migrate=False)
    seen: list[str] = []

    def between(sql: str) -> None:
        if "written" not in seen and any(after in s for s in seen):
            seen.append("written")
            with transaction(other):
                write(other)
        seen.append(sql)

    db.conn.set_trace_callback(between)
    try:
        yield seen
    finally:
        db.conn.set_trace_callback(None)
        other.close()
