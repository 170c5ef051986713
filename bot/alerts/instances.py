"""Other wirewatch databases, or copies of this one, posting with this Slack app: each posts
every alert both follow, so the desk sees it twice. Told by the metadata every post carries
(the database's instance id and the run's boot id), in whatever history wirewatch reads."""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlite_utils import Database

from bot.alerts.calls import ChannelGone, Retry, error_code
from bot.alerts.pacing import Pacer, paced
from bot.alerts.token import TokenDead
from bot.models.times import utc_time
from storage.db import transaction
from storage.instances import boots_started, forget_posters, keep_poster, kept_posters, record_boot
from storage.state import install_id

log = logging.getLogger(__name__)
EVENT_TYPES = frozenset({"wirewatch_alert", "wirewatch_digest"})
SAY_EVERY = timedelta(hours=1)
SHOWN_FOR = timedelta(days=1)
"""How long after its latest post seen another poster is still shown (status, App Home) and
kept in the database (table ``other_posters``), across restarts; then it is dropped."""
CLOCK_MARGIN = timedelta(minutes=5)
"""How long after this run began a post of an earlier run is still taken for that run's: Slack
stamps posts by its own clock, and this machine's may be behind it."""
CHECK_LIMIT = 10
ANOTHER, COPY = "another", "copy"


@dataclass(frozen=True)
class Sighting:
    """The latest post by this app's bot user stamped by another database (ANOTHER) or, with
    this database's id, by a run it never had, or had before and which posts on (COPY)."""

    kind: str
    install: str
    boot: str
    channel: str
    ts: str

    @property
    def posted(self) -> datetime:
        return datetime.fromtimestamp(float(self.ts), UTC)


class Instances:
    """This run's boot id, and the other posters it saw; shared by the sender, the periodic
    check, `/wirewatch status` and App Home. With ``store`` (this thread's database), each
    poster's latest post is kept there too, so a restart shows it at once."""

    def __init__(self, store: Callable[[], Database] | None = None) -> None:
        self.store = store
        self.boot = uuid.uuid4().hex[:12]
        self.install = ""
        self.started: datetime | None = None
        self._first = datetime.max.replace(tzinfo=UTC)
        self._boots: dict[str, datetime] = {}
        self._me: tuple[str, str] | None = None
        self._seen: dict[tuple[str, str], Sighting] = {}
        self._said: dict[tuple[str, str], tuple[datetime | None, str]] = {}
        self._recent: dict[str, datetime] = {}
        self._turn = 0
        self._lock = threading.Lock()
        self._asking = threading.Lock()  # held while auth.test is asked, by one thread

    def register(self, db: Database) -> None:
        """Record this run in the database once, before its first post (a write: the caller
        holds delivery while the database refuses it), and take up the other posters kept
        there from before it, logged once each as seen before."""
        if self.started is not None:
            return
        with transaction(db):
            record_boot(db, self.boot, at=datetime.now(UTC).isoformat())
        self.install = install_id(db)
        self._boots = {boot: utc_time(at)
                       for boot, at in boots_started(db).items()}
        self.started = self._boots[self.boot]
        self._first = min(self._boots.values())
        for kept in self.sightings(self.started):
            with self._lock:  # its post seen before is not said again; a later one is, at once
                self._seen[(kept.install, kept.boot)] = kept
                self._said[(kept.install, kept.boot)] = (None, kept.ts)
            log.warning("%s (seen before this run began; shown to admins until a day after "
                        "its latest post)", _warning(kept, self.install, self.boot))

    def own_install(self) -> str:
        """This database's instance id, known before this run's first post too."""
        if self.install or self.store is None:
            return self.install
        return install_id(self.store())

    def posted(self, channel: str, now: datetime) -> None:
        """A conversation this run posted to: the periodic check reads it."""
        with self._lock:
            self._recent[channel] = now

    def look(self, client: WebClient, channel: str, messages: list[dict],
             now: datetime) -> frozenset[str]:
        """Note each message of this app's bot user stamped by another poster, and say each
        poster once an hour while it goes on posting; gives their messages' ts."""
        stamped = [(m, p) for m in messages if (p := _payload(m)) is not None]
        started = self.started
        if not stamped or started is None or self._bot(client) is None:
            return frozenset()
        found = [Sighting(kind, str(payload.get("install")), str(payload.get("boot") or ""),
                          channel, str(message["ts"]))
                 for message, payload in stamped if self._ours(message) and
                 (kind := self._kind(payload, message, started)) is not None]
        for seen in found:
            self._note(seen, now)
        return frozenset(seen.ts for seen in found)

    def check(self, client: WebClient, now: datetime, pacer: Pacer | None = None) -> None:
        """The light periodic look: the latest few messages of one conversation this run
        posted to in the last day, each in turn (one conversations.history call, none while
        ``pacer`` holds the method); first, the posters not seen posting for a day are
        dropped."""
        self._forget(now)
        channel = self._next_channel(now)
        if channel is None:
            return
        try:
            page = paced(pacer, "conversations.history", now,
                         lambda: client.conversations_history(
                             channel=channel, limit=CHECK_LIMIT, include_all_metadata=True))
        except (Retry, TokenDead, ChannelGone, SlackApiError) as exc:
            reason = error_code(exc) if isinstance(exc, SlackApiError) else str(exc)
            log.info("could not read %s for other wirewatch runs on this app: %s", channel,
                     reason)
            return
        self.look(client, channel, page.get("messages") or [], now)

    def sightings(self, now: datetime) -> list[Sighting]:
        """The other posters seen, by this run or kept from before it, whose latest post is of
        the last day, the latest first."""
        with self._lock:
            seen = dict(self._seen)
        for kept in self._kept():
            key = (kept.install, kept.boot)
            if key not in seen or float(kept.ts) > float(seen[key].ts):
                seen[key] = kept
        shown = [s for s in seen.values() if now - s.posted <= SHOWN_FOR]
        return sorted(shown, key=lambda s: float(s.ts), reverse=True)

    def _kind(self, payload: dict, message: dict, started: datetime) -> str | None:
        """ANOTHER database, a COPY of this one, or None: this run's, an earlier run's (begun
        before this one, ``started``, and posting no later), a database's that posted before
        this one's first run (the one it replaced: a lost volume, a fresh deploy), or posted
        before posts were stamped (nothing to tell)."""
        other, boot = payload.get("install"), payload.get("boot")
        if not other:
            return None
        if other != self.install:
            return ANOTHER if _posted(message) > self._first else None
        if not boot or boot == self.boot:
            return None
        began = self._boots.get(str(boot))
        if began is not None and began <= started and _posted(message) < started + CLOCK_MARGIN:
            return None
        return COPY

    def _note(self, seen: Sighting, now: datetime) -> None:
        """Keep and say a poster seen (a post older than ``SHOWN_FOR`` was dropped: not again)."""
        if now - seen.posted > SHOWN_FOR:
            return
        key = (seen.install, seen.boot)
        with self._lock:
            latest = self._seen.get(key)
            newer = latest is None or float(seen.ts) > float(latest.ts)
            latest = seen if newer or latest is None else latest
            self._seen[key] = latest
            said_at, said_ts = self._said.get(key, (None, "0"))
            say = float(latest.ts) > float(said_ts) and \
                (said_at is None or now - said_at >= SAY_EVERY)
            if say:
                self._said[key] = (now, latest.ts)
        if newer:
            self._keep(seen, now)
        if say:
            log.error(_warning(latest, self.install, self.boot))

    def _keep(self, seen: Sighting, now: datetime) -> None:
        """The poster's latest post, in the database (a failed write leaves it in memory)."""
        if self.store is None:
            return
        try:
            db = self.store()
            with transaction(db):
                keep_poster(db, {**asdict(seen), "seen_at": now.isoformat()})
        except sqlite3.Error as exc:
            log.warning("could not keep the other wirewatch seen in the database: %s", exc)

    def _kept(self) -> list[Sighting]:
        if self.store is None:
            return []
        try:
            rows = kept_posters(self.store())
        except sqlite3.Error as exc:
            log.warning("could not read the other wirewatch runs kept in the database: %s", exc)
            return []
        return [Sighting(row["kind"], row["install"], row["boot"], row["channel"], row["ts"])
                for row in rows]

    def _forget(self, now: datetime) -> None:
        """Drops the posters not seen posting for ``SHOWN_FOR``, here and in the database."""
        before = now - SHOWN_FOR
        with self._lock:
            self._seen = {key: s for key, s in self._seen.items() if s.posted >= before}
        if self.store is None or not any(s.posted < before for s in self._kept()):
            return  # no write, nor a wait for the write lock, every 10 minutes for nothing
        try:
            db = self.store()
            with transaction(db):
                forget_posters(db, before=before.timestamp())
        except sqlite3.Error as exc:
            log.warning("could not drop the other wirewatch runs no longer seen: %s", exc)

    def _ours(self, message: dict) -> bool:
        """Posted by this app's bot user (another app's wirewatch may share the channel)."""
        user, bot = self._me or ("", "")
        return bool(user and message.get("user") == user) or \
            bool(bot and message.get("bot_id") == bot)

    def learn(self, me: SlackResponse) -> None:
        """auth.test's answer, as start-up had it (``Identity.on_answer``): not asked again."""
        self._me = (str(me.get("user_id") or ""), str(me.get("bot_id") or ""))

    def _bot(self, client: WebClient) -> tuple[str, str] | None:
        """This app's bot user and bot id: start-up's answer, else auth.test once a run (one
        thread asks; another that needs it meanwhile waits for that answer)."""
        with self._asking:
            if self._me is None:
                try:
                    self.learn(client.auth_test())
                except (SlackApiError, OSError):
                    return None
            return self._me

    def _next_channel(self, now: datetime) -> str | None:
        with self._lock:
            self._recent = {c: at for c, at in self._recent.items() if now - at <= SHOWN_FOR}
            recent = sorted(self._recent)
            if not recent:
                return None
            self._turn += 1
            return recent[self._turn % len(recent)]


def _payload(message: dict) -> dict | None:
    meta = message.get("metadata") or {}
    if meta.get("event_type") not in EVENT_TYPES or "ts" not in message:
        return None
    payload = meta.get("event_payload")
    return payload if isinstance(payload, dict) else None


def _posted(message: dict) -> datetime:
    return datetime.fromtimestamp(float(message["ts"]), UTC)


def _warning(seen: Sighting, install: str, boot: str) -> str:
    where = f"its post {seen.ts} in {seen.channel}"
    if seen.kind == ANOTHER:
        return (f"another wirewatch database (instance {seen.install}) posts with this Slack "
                f"app, as this one (instance {install}) does: {where}. Each alert both follow "
                "goes out twice. Stop it (a staging copy, a restored backup, a demo left on "
                "this app's token?) or give it a Slack app of its own; this one goes on posting")
    return (f"another wirewatch run posts as this database (instance {install}; that run "
            f"{seen.boot or 'unknown'}, this run {boot}): {where}. A copy of this database (a "
            "restored backup, a copied volume) or a second `wirewatch run` on it uses this "
            "app's token; each alert both follow goes out twice. Stop it; this one goes on "
            "posting")
