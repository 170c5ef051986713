"""Each signed Slack request served once: a copy replayed within the five minutes its signature
passes, or an event Slack sends again, is answered without acting again."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from bot.http_server import CLOCK_SKEW, WARN_EVERY
from storage.db import StorageError, open_db, transaction
from storage.served_requests import remember_served

log = logging.getLogger(__name__)
EVENT_RETRIES = 3600
"""Seconds an event_id is remembered: Slack resends an event at once, after a minute and after
five, each with a new signature."""
MEMORY_LIMIT = 100_000
LOCK_WAIT_MS = 1000
"""How long a request waits for a writer holding the database (a batch, a compaction) before it
is remembered in memory instead: Slack gives up on an answer after 3 s."""


class ServedRequests:
    """``first_time`` is False for a request served before (same signature, or same event_id).

    Kept in the database, so a restart does not forget; while the database refuses writes, or
    another writer holds it past ``LOCK_WAIT_MS``, in memory (bounded)."""

    def __init__(self, path: str | Path) -> None:
        self._path = path
        self._local = threading.local()
        self._open: set[_Connection] = set()
        """Every thread's connection not yet closed: ``close`` closes them."""
        self._memory: dict[str, int] = {}
        self._lock = threading.Lock()
        self._warned_at = -WARN_EVERY
        self._replay_said_at = -WARN_EVERY

    def first_time(self, *, body: bytes, signature: str, timestamp: int) -> bool:
        now = int(time.time())
        copy = f"signature:{signature}"
        keys = {copy: timestamp + CLOCK_SKEW + 1}
        event = event_id(body)
        if event:
            keys[f"event:{event}"] = now + EVENT_RETRIES
        try:
            with self._using() as db:
                known = remember_served(db, keys, now=now)
        except (sqlite3.Error, StorageError) as exc:
            self._cannot_remember(exc)
            known = self._remember_here(keys, now)
        if known:
            self._say_not_served(event if copy not in known else None)
        return not known

    def close(self) -> None:
        """Close every thread's connection (each once its thread is done with it): the server
        has stopped, and its threads with it."""
        with self._lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            connection.close()

    @contextmanager
    def _using(self) -> Iterator[Database]:
        """This thread's connection, in a write transaction, held so ``close`` waits for it."""
        connection = self._connection()
        with connection.lock, transaction(connection.db) as db:
            yield db

    def _connection(self) -> _Connection:
        """Each server thread's own connection, waiting at most ``LOCK_WAIT_MS`` for a writer;
        closed when the thread ends (its ``_Held`` goes with the thread's local data)."""
        held = getattr(self._local, "held", None)
        if held is None or held.connection.closed:
            db = open_db(self._path, migrate=False)
            db.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
            held = self._local.held = _Held(_Connection(db))
            with self._lock:
                self._open.add(held.connection)
            weakref.finalize(held, self._ended, held.connection)
        return held.connection

    def _ended(self, connection: _Connection) -> None:
        with self._lock:
            self._open.discard(connection)
        connection.close()

    def _remember_here(self, keys: dict[str, int], now: int) -> set[str]:
        with self._lock:
            for key in [k for k, until in self._memory.items() if until < now]:
                del self._memory[key]
            known = {key for key in keys if key in self._memory}
            if len(self._memory) < MEMORY_LIMIT:
                self._memory.update(keys)
            return known

    def _say_not_served(self, event: str | None) -> None:
        """Slack resending an event (``event``) is ordinary: INFO. A copy of a request is not,
        and is said at most once a minute (whoever holds a copy can send it as often as they
        like)."""
        if event:
            log.info("Slack sent event %s again; it was served once and is not acted on again",
                     event)
            return
        now = time.monotonic()
        if now - self._replay_said_at >= WARN_EVERY:
            self._replay_said_at = now
            log.warning("refused a copy of a Slack request already served (same signature, "
                        "within its five minutes): someone replayed a captured request")

    def _cannot_remember(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY:
            self._warned_at = now
            log.warning("the database did not take the record of a Slack request served (%s); "
                        "requests are remembered in memory meanwhile", exc)


class _Connection:
    """A server thread's connection, closed under its lock: never while the thread uses it
    (SQLite crashes the process on a connection closed under a call)."""

    def __init__(self, db: Database) -> None:
        self.db, self.lock, self.closed = db, threading.Lock(), False

    def close(self) -> None:
        with self.lock:
            if not self.closed:
                self.db.close()
                self.closed = True


@dataclass(frozen=True, eq=False)
class _Held:
    """A server thread's connection, in the thread's local data: when the thread ends, this
    goes, and its finalizer closes the connection."""

    connection: _Connection


def event_id(body: bytes) -> str | None:
    """The event_id of an Events API callback, or None (commands and clicks are forms)."""
    if not body.startswith(b"{"):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    found = data.get("event_id") if isinstance(data, dict) else None
    return found if isinstance(found, str) and found else None
