"""Each signed Slack request served once: a copy replayed within the five minutes its signature
passes, or an event Slack sends again, is answered without acting again."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from bot.http_server import CLOCK_SKEW, WARN_EVERY
from storage.db import StorageError, open_db, transaction
from storage.served_requests import claim, remember_served, settle

log = logging.getLogger(__name__)
EVENT_RETRIES = 3600
"""Seconds an event_id is remembered: Slack resends an event at once, after a minute and after
five, each with a new signature."""
MEMORY_LIMIT = 100_000
CLAIM_LIVE = 60
"""Seconds an event's claim by this app stops Slack's resend of it from being acted on: its
first delivery is being acted on (Slack resends at once after 3 s without an answer). An older
claim of this app's was left by a delivery that never answered: its resend is acted on."""
LOCK_WAIT_MS = 1000
"""How long a request waits for a writer holding the database (a batch, a compaction) before it
is remembered in memory instead: Slack gives up on an answer after 3 s."""


class ServedRequests:
    """``first_time`` gives a claim on a request not served before, to settle once answered;
    None for a copy of one served (same signature), or an event (same event_id) acted on, or
    being acted on by this app (a claim under ``CLAIM_LIVE`` old).

    Kept in the database, so a restart does not forget; while the database refuses writes, or
    another writer holds it past ``LOCK_WAIT_MS``, in memory (bounded), where this app's
    claims are kept too."""

    def __init__(self, path: str | Path) -> None:
        self._path = path
        self._owner = uuid.uuid4().hex
        """Whose claims are this app's: another owner's claim was left by a run now gone."""
        self._local = threading.local()
        self._open: set[_Connection] = set()
        """Every thread's connection not yet closed: ``close`` closes them."""
        self._memory: dict[str, int] = {}
        self._claims: dict[str, int] = {}
        """Events claimed (in memory, or in the database too) and not yet settled, with when."""
        self._lock = threading.Lock()
        self._closed = False
        """Set by ``close``: a settle after it (an answer still going out) opens no connection
        to keep, but one of its own, closed at once."""
        self._warned_at = -WARN_EVERY
        self._replay_said_at = -WARN_EVERY

    def first_time(self, *, body: bytes, signature: str, timestamp: int) -> Served | None:
        now = int(time.time())
        copy, event = (f"signature:{signature}", timestamp + CLOCK_SKEW + 1), event_id(body)
        key = f"event:{event}" if event else None
        try:
            with self._using() as db:
                known = bool(remember_served(db, dict([copy]), now=now))
                taken = not known and (key is None or not self._held_here(key, now) and claim(
                    db, key, now + EVENT_RETRIES, owner=self._owner, now=now, live=CLAIM_LIVE))
        except (sqlite3.Error, StorageError) as exc:
            self._cannot_remember(exc)
            known, taken = self._here(copy, event, now)
        else:
            if taken and key:
                self._claimed_here(key, now)
        if not taken:
            self._say_not_served(None if known else event)
            return None
        return Served(self, event)

    def settle(self, event: str, *, acted: bool) -> None:
        """The answer to ``event``'s delivery went out: acted on (a 2xx: Slack sends it no
        more) or not (the app failed: Slack sends it again, and that is acted on)."""
        key = f"event:{event}"
        with self._lock:
            if self._claims.pop(key, None) is not None and not acted:
                self._memory.pop(key, None)
        try:
            with self._using() as db:
                settle(db, key, owner=self._owner, acted=acted)
        except (sqlite3.Error, StorageError) as exc:
            self._cannot_remember(exc)

    def close(self) -> None:
        """Close every thread's connection (each once its thread is done with it): the server
        has stopped, and its threads with it."""
        with self._lock:
            connections, self._open, self._closed = list(self._open), set(), True
        for connection in connections:
            connection.close()

    @contextmanager
    def _using(self) -> Iterator[Database]:
        """This thread's connection, in a write transaction, held so ``close`` waits for it;
        once closed, a connection for this use alone."""
        connection, own = self._connection()
        try:
            with connection.lock, transaction(connection.db) as db:
                yield db
        finally:
            if own:
                connection.close()

    def _connection(self) -> tuple[_Connection, bool]:
        """Each server thread's own connection, waiting at most ``LOCK_WAIT_MS`` for a writer;
        closed when the thread ends (its ``_Held`` goes with the thread's local data). After
        ``close``, a new one is the caller's own to close (True)."""
        held = getattr(self._local, "held", None)
        if held is not None and not held.connection.closed:
            return held.connection, False
        connection = _Connection(self._open_db())
        with self._lock:
            if self._closed:
                return connection, True
            self._open.add(connection)
        held = self._local.held = _Held(connection)
        weakref.finalize(held, self._ended, connection)
        return connection, False

    def _open_db(self) -> Database:
        db = open_db(self._path, migrate=False)
        db.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        return db

    def _ended(self, connection: _Connection) -> None:
        with self._lock:
            self._open.discard(connection)
        connection.close()

    def _here(self, copy: tuple[str, int], event: str | None,
              now: int) -> tuple[bool, bool]:
        """``first_time``'s answer from memory: whether the copy is known, and whether the
        request is taken (its event claimed)."""
        with self._lock:
            self._forget_past(now)
            known = copy[0] in self._memory
            self._keep(*copy)
            if known or event is None:
                return known, not known
            key = f"event:{event}"
            if self._held(key, now):
                return False, False  # acted on (its claim settled), or being acted on
            if self._keep(key, now + EVENT_RETRIES):
                self._claims[key] = now
            return False, True

    def _held_here(self, key: str, now: int) -> bool:
        """Whether this app claimed the event and is acting on it, or acted on it, as memory
        knows: its claims in the database are kept there too, so Slack's resend is known
        whichever of the two answers it (another writer may hold the database for one
        delivery and not the other)."""
        with self._lock:
            return self._held(key, now)

    def _held(self, key: str, now: int) -> bool:
        claimed = self._claims.get(key)
        return self._memory.get(key, -1) >= now and (claimed is None or now - claimed < CLAIM_LIVE)

    def _claimed_here(self, key: str, now: int) -> None:
        """An event claimed in the database, noted in memory as well (``_held_here``)."""
        with self._lock:
            if len(self._memory) >= MEMORY_LIMIT:
                self._forget_past(now)
            if self._keep(key, now + EVENT_RETRIES):
                self._claims[key] = now

    def _forget_past(self, now: int) -> None:
        for key in [k for k, until in self._memory.items() if until < now]:
            del self._memory[key]
            self._claims.pop(key, None)

    def _keep(self, key: str, until: int) -> bool:
        if key in self._memory or len(self._memory) < MEMORY_LIMIT:
            self._memory[key] = until
            return True
        return False

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


@dataclass(frozen=True)
class Served:
    """A request taken to be served (``bot.http_server.SlackGate`` settles it once its answer
    went out); an event's claim is settled then."""

    store: ServedRequests
    event: str | None

    def settle(self, answered: bool) -> None:
        if self.event:
            self.store.settle(self.event, acted=answered)


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
