"""Opening the database: WAL, a busy timeout, migrations applied, one connection per thread."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from bot.models import BadInput
from storage.migrations import applied_count, apply_all, pending_count, unknown_applied

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
IN_CHUNK = 400
"""Values one IN list of ``rows_in`` holds: SQLite caps a statement's parameters."""
FULL_BELOW = 1 << 20
"""Bytes free under which a disk counts as full: SQLite needs 32 KB for its -shm file alone."""


LARGEST_ID = 2**63 - 1
"""SQLite's largest INTEGER: a bigger number given as an id overflows, it names no row."""
ID_DIGITS = len(str(LARGEST_ID))
"""Longer is no id (and int() refuses past 4,300 digits: a button's forged value)."""


def row_id(value: object) -> int | None:
    """A row's id as typed or sent back by a button: ASCII digits within SQLite's range, else
    None (str.isdigit takes "²", which int() refuses)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > ID_DIGITS \
            or int(text) > LARGEST_ID:
        return None
    return int(text)


class StorageError(BadInput):
    """The database file cannot be opened or used."""


def open_db(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the wirewatch database at ``path``."""
    path = Path(path)
    if str(path) != ":memory:":
        _check_writable(path)
        _create_private(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            _enable_wal(db, path)
            db.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            _refuse_newer(db, path)
            _migrate(db, path)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"cannot open database {path}: {exc}{_full_disk(path)}") from exc
    return db


def db_file(db: Database) -> Path:
    """The database's file, for another thread's own connection (empty for one in memory)."""
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def _create_private(path: Path) -> None:
    """A new database is readable by its owner alone, whatever the umask: it holds feed
    addresses with their passwords and keys, and the newsroom's unpublished copy. SQLite gives
    its -wal and -shm files the database's mode; a mode set on an existing file stays."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageError(f"cannot create database {path}: {exc.strerror}"
                           f"{_full_disk(path)}") from exc


def _full_disk(path: Path) -> str:
    """SQLite says "disk I/O error" when a full disk refuses its -shm file: name the fault."""
    try:
        found = os.statvfs(path.parent)
    except (OSError, ValueError):
        return ""
    free = found.f_bavail * found.f_frsize
    if free >= FULL_BELOW:
        return ""
    return (f" (the disk holding {path.parent} is full: {free:,} bytes free); free disk space, "
            "or set WIREWATCH_DB (or --db) to a file on another disk")


def refuse_full_disk(path: str | Path) -> None:
    """At start nothing is in flight to wait for: a run on a full disk stops with the reason,
    whether or not the disk still let it open the database and take its lock."""
    full = _full_disk(Path(path))
    if full:
        raise StorageError(f"cannot run on database {path}{full}")


def _enable_wal(db: Database, path: Path) -> None:
    """A new file's switch to WAL, one process at a time: SQLite answers a second command
    switching it at the same moment "database is locked" at once, without waiting."""
    if db.journal_mode != "wal":
        with _one_at_a_time(path):
            db.enable_wal()


def _migrate(db: Database, path: Path) -> None:
    """Apply what is pending, one process at a time. Two commands opening a new (or just
    upgraded) database at once (two runs started together, a run and a cron job) each read
    the same changes as pending, and the second's first write met the first's transaction:
    "database is locked", and that command stopped. Under the lock beside the database the
    second waits for the other's changes; then nothing is left to apply."""
    if str(path) == ":memory:" or not pending_count(db):
        apply_all(db)
        return
    with _one_at_a_time(path):
        apply_all(db)


@contextmanager
def _one_at_a_time(path: Path) -> Iterator[None]:
    """An flock on a file beside the database (``-migrate.lock``, made only when a new file
    is set up or something is pending): one process changes its set-up at a time."""
    beside = f"{path.resolve()}-migrate.lock"
    try:
        lock = os.open(beside, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot write {beside}, the lock that keeps two commands from "
                           f"changing the database's tables at once: {exc.strerror or exc}"
                           f"{_full_disk(path)}") from exc
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)


def _refuse_newer(db: Database, path: Path) -> None:
    """An older wirewatch would write rows a newer schema does not expect (a rolled-back
    upgrade): refuse before anything is written, naming what it does not know."""
    unknown = unknown_applied(db)
    if unknown:
        db.close()
        raise StorageError(f"database {path} was written by a newer wirewatch (schema changes "
                           f"this version does not have: {', '.join(unknown[:3])}"
                           f"{' …' if len(unknown) > 3 else ''}); run that version or a later "
                           "one, or restore the copy saved before the upgrade")


def _check_writable(path: Path) -> None:
    """Refuse a database this user cannot write before anything runs: SQLite would open it
    read-only without a word and fail at the first write, in whichever command or thread."""
    elsewhere = "or set WIREWATCH_DB (or --db) to a file in a writable folder"
    folder = path.parent
    if not folder.exists():
        raise StorageError(f"folder for database {path} does not exist; create it, {elsewhere}")
    if path.is_dir():
        raise StorageError(f"database {path} is a folder; give a file name, "
                           f"e.g. {path / 'wirewatch.db'}")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StorageError(f"database {path} is read-only for this user; make it writable "
                           f"by the user running wirewatch, {elsewhere}")
    if not os.access(folder, os.W_OK | os.X_OK) and not _wal_files_writable(path):
        raise StorageError(f"folder {folder} is not writable for this user, and SQLite keeps "
                           f"{path.name}-wal and {path.name}-shm beside the database there; "
                           f"make the folder writable by the user running wirewatch, {elsewhere}")


def _wal_files_writable(path: Path) -> bool:
    """A database in a read-only folder still works when its WAL files exist and are writable."""
    if not path.exists():
        return False
    return all(os.access(f"{path}{suffix}", os.W_OK) for suffix in ("-wal", "-shm"))


def in_chunks(db: Database, values: Sequence[T], spare: int = 0) -> Iterator[list[T]]:
    """``values`` in lists one statement holds beside ``spare`` other parameters: SQLite caps
    a statement's parameters (999 on older builds), and a connection may set its cap lower."""
    cap = db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - spare
    size = max(1, min(IN_CHUNK, cap))
    for i in range(0, len(values), size):
        yield list(values[i:i + size])


def marks(values: Sized) -> str:
    """The ``?, ?, …`` of an IN list of these values."""
    return ",".join("?" * len(values))


def rows_in(db: Database, sql: str, values: Sequence[object], *after: object,
            before: Sequence[object] = ()) -> Iterator[tuple]:
    """The rows of ``sql`` (its ``{marks}`` an IN list of ``values``, between the parameters
    ``before`` and ``after``), a chunk of values at a time: SQLite caps the parameters of one
    statement. Each chunk's rows come in the statement's order; sort them again if it matters."""
    for statement, params in _chunked(db, sql, values, before, after):
        yield from db.conn.execute(statement, params)


def dicts_in(db: Database, sql: str, values: Sequence[object], *after: object,
             before: Sequence[object] = ()) -> Iterator[dict]:
    """``rows_in`` with each row a dict of its columns, as sqlite-utils' ``query`` gives them."""
    for statement, params in _chunked(db, sql, values, before, after):
        yield from db.query(statement, params)


def change_in(db: Database, sql: str, values: Sequence[object], *after: object,
              before: Sequence[object] = ()) -> int:
    """Run the UPDATE or DELETE ``sql`` over ``values`` as ``rows_in`` reads them; the rows
    changed in all."""
    return sum(db.conn.execute(statement, params).rowcount
               for statement, params in _chunked(db, sql, values, before, after))


def _chunked(db: Database, sql: str, values: Sequence[object], before: Sequence[object],
             after: Sequence[object]) -> Iterator[tuple[str, list[object]]]:
    """Each chunk's statement and parameters, so the three readers above cannot disagree on
    the order of the parameters around the IN list."""
    for part in in_chunks(db, values, len(before) + len(after)):
        yield sql.format(marks=marks(part)), [*before, *part, *after]


def insert_row(db: Database, table: str, row: Mapping[str, object]) -> int:
    """Insert one row; returns the id SQLite gave it."""
    inserted = db.table(table).insert(dict(row)).last_pk
    if not isinstance(inserted, int):
        raise StorageError(f"no id for the row inserted into {table}")
    return inserted


def schema_version(db: Database) -> int:
    """How many migrations this database has had applied."""
    return applied_count(db)


def data_version(db: Database) -> int:
    """Changes whenever another connection commits to the file (this one's own writes do not)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """A write transaction taken up front (BEGIN IMMEDIATE), so writers queue instead of failing."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException:
        # SQLite has already rolled back after some errors (a full disk); never leave a
        # transaction open behind a failed COMMIT, or later writes would join it and be lost
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextmanager
def lock_wait(db: Database, seconds: float) -> Iterator[Database]:
    """``db`` waiting at most ``seconds`` for another connection's write lock (0: not at all),
    for a write that must not outlast a bound; the usual busy timeout again after it."""
    db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield db
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextmanager
def snapshot(db: Database) -> Iterator[Database]:
    """One read transaction: every query inside sees the file as the first one did, whatever
    other connections commit meanwhile (WAL), so a page made of several reads shows one moment.
    Writers are not held up; make no network call inside (a checkpoint waits for it to end).
    Inside a transaction already, that one's view is used."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN DEFERRED")
    try:
        yield db
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


class ThreadLocalDb:
    """Hands each thread its own connection to the same file (SQLite connections are not shared)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        open_db(self.path).close()

    def get(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_db(self.path, migrate=False)
            self._local.db = db
        return db
