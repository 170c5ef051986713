"""A small fake of the Slack Web API: a real HTTP server on 127.0.0.1 that records every call.

Point ``WebClient(base_url=fake.base_url)`` (or ``WIREWATCH_SLACK_API_URL``) at it. Slash commands
and actions can carry ``response_url=fake.response_url("any")``: what ``respond()`` posts there is
recorded too, under the method name ``response_url``. Faults: ``fail_next`` answers the next N
calls with 429 (with Retry-After) or 500; ``fail_fraction`` does so for a seeded share of calls;
``drop_next`` / ``drop_fraction`` do the work and then close the connection without answering
(``response_url`` only when named in ``methods``; ``drop_next``'s ``made_after``: the work is
done only later); ``go_down`` answers every call with 503
(or another status) until ``come_up``; ``refuse_connections`` stops listening (every call
refused at the socket) until ``accept_connections``.

Channels follow Slack's membership rules (``add_channel``): a bot may post in a public channel
it is not in (chat:write.public) but not read its history (``not_in_channel``) until it joins;
a private channel it is not in does not exist for it (``channel_not_found``). Archived and
deleted channels, a bot removed from a channel and a revoked token answer as Slack does. A
channel never mentioned before is public with the bot in it; a direct message never mentioned
(``D…``, not the bot's own) is one between people, which the bot cannot see. Direct and group
direct messages (``add_conversation``) answer conversations.info as Slack does without
``im:read``/``mpim:read`` (the manifest asks neither): ``missing_scope`` for one the bot is in,
``channel_not_found`` for one it is not. ``reinstall_as`` puts another bot
user in its place (the app deleted and created again): it has a new token, is in no channel yet,
and has direct-message conversations of its own; the earlier bot's are not there for it.
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Self
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.block_kit import MESSAGE_TEXT, block_problems, text_length, view_problems
from tests.fakes.quiet_http import QuietHTTPServer
from tests.stopping import joined

VALID_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-1-fake-app-token"
BOT_USER = "UBOT0001"
TEAM = "T00000001"
AUTHLESS = {"response_url", "api.test"}
HANG_LIMIT = 300.0  # seconds a call ``hang`` holds waits at most for ``unhang``
MANIFEST_SCOPES = ("commands", "chat:write", "chat:write.public", "im:write", "im:history",
                   "channels:history", "groups:history", "users:read", "usergroups:read",
                   "channels:join", "channels:read", "groups:read")
DROPPED = -1
GARBLED = -2
TOOK_REPLIES = "_took_replies"  # a held call's: its channel allowed threads when it came
PROXY_PAGE = (b"<html><head><title>Sign in to continue</title></head><body>Your session with "
              b"the web proxy has ended.</body></html>")
"""What a proxy between wirewatch and Slack may answer instead of Slack (HTTP 200, HTML)."""


@dataclass(frozen=True)
class ProxyPage:
    """A proxy's HTML page answered in Slack's place, with its HTTP ``status``."""

    status: int = 200


@dataclass(frozen=True)
class _Garble:
    """One call a proxy answers (``FakeSlack.garble_next``)."""

    methods: frozenset[str] | None
    forwarded: bool
    status: int
    made_after: float | None


@dataclass
class Channel:
    """A conversation as Slack sees it: public or private, who is in it, archived, deleted,
    whether the bot may post there (``refuses_posts``: the error Slack answers when not), and
    whether it is shared with another organisation."""

    id: str
    private: bool = False
    members: set[str] = field(default_factory=lambda: {BOT_USER})
    archived: bool = False
    deleted: bool = False
    refuses_posts: str | None = None  # e.g. restricted_action_read_only_channel
    refuses_replies: bool = False  # a channel whose settings allow no threads
    bot: str = BOT_USER  # the bot user the app has now
    ext_shared: bool = False  # shared with another organisation (Slack Connect)
    pending_ext_shared: bool = False  # invited to be shared, not yet accepted
    kind: str = "channel"  # or "im" (a direct message), "mpim" (a group direct message)

    @property
    def bot_in(self) -> bool:
        return self.bot in self.members

    def as_api(self) -> dict:
        return {"id": self.id, "is_channel": not self.private, "is_private": self.private,
                "is_archived": self.archived, "is_member": self.bot_in,
                "is_shared": self.ext_shared, "is_ext_shared": self.ext_shared,
                "is_pending_ext_shared": self.pending_ext_shared}


@dataclass(frozen=True)
class Call:
    """One request: the API method, its parameters (query, form or JSON merged) and raw JSON body."""

    method: str
    params: dict
    json: dict | None
    token: str | None
    status: int
    at: float = field(default_factory=time.monotonic)  # when it arrived (monotonic seconds)


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list | None
    thread_ts: str | None
    metadata: dict | None
    user: str = BOT_USER

    def as_api(self) -> dict:
        out: dict[str, object] = {"type": "message", "user": self.user, "ts": self.ts,
                                  "text": self.text}
        if self.blocks is not None:
            out["blocks"] = self.blocks
        if self.thread_ts:
            out["thread_ts"] = self.thread_ts
        if self.metadata:
            out["metadata"] = self.metadata
        return out


@dataclass
class _Faults:
    next_status: list[int] = field(default_factory=list)
    fractions: list[tuple[float, int]] = field(default_factory=list)
    retry_after: int | str = 1  # a Retry-After of seconds, or as written (an HTTP date)
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    methods: frozenset[str] | None = None
    channel: str | None = None  # the 429s and 500s hit only calls naming it
    drops: int = 0
    drop_share: float = 0.0
    drop_methods: frozenset[str] | None = None
    refusals: list[tuple[str, bool]] = field(default_factory=list)
    drops_later: list[tuple[frozenset[str] | None, float]] = field(default_factory=list)
    gateway_late: list[tuple[frozenset[str] | None, float | None, bool]] = \
        field(default_factory=list)  # (methods, seconds, whether replies are hit too)
    garbles: list[_Garble] = field(default_factory=list)
    outage: int | None = None  # every call answered with this status until ``come_up``
    outage_wait: int | None = None  # the Retry-After of each such answer, if any


class FakeSlack:
    """Start with ``with FakeSlack() as slack:``; read ``slack.calls`` and ``slack.messages``."""

    def __init__(self, *, token: str = VALID_TOKEN, app_token: str = APP_TOKEN) -> None:
        self.token = token
        self.app_token = app_token
        self.socket_url: str | None = None
        self.calls: list[Call] = []
        self.begun: list[str] = []  # each call's method as it arrives, before any slow-down
        self.messages: list[Message] = []
        self.views: dict[str, dict] = {}
        self.modals: dict[str, dict] = {}
        self.users: dict[str, dict] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.channels: dict[str, Channel] = {}
        self.vanished: set[tuple[str, str]] = set()
        self.refused_methods: dict[str, str] = {}
        self._triggers: set[str] = set()  # a trigger_id opens one modal, as Slack's does
        self._refusals_left: dict[str, int] = {}
        self.scopes: list[str] = list(MANIFEST_SCOPES)
        self.refused_responses: list[str] = []  # what a response URL refused, as Slack would
        self.page_size = 1000  # the most messages a page of history holds (Slack: 999, or 15)
        self.token_error: str | None = None
        self.bot_user = BOT_USER
        self.enterprise: str | None = None  # the Enterprise organisation of the workspace
        self.org_wide = False  # installed org-wide (auth.test's is_enterprise_install)
        self._dm_owner: dict[str, str] = {}
        self._faults = _Faults()
        self._lock = threading.Lock()
        self._clock = 0
        self.ahead = 0.0  # seconds Slack's clock runs ahead of this machine's (its ts, Date)
        self._held_work: list[tuple[str, dict]] = []
        self._late_work: list[threading.Timer] = []
        self._paced: dict[str, int] = {}
        self._delay: tuple[float, frozenset[str] | None, bool] = (0.0, None, False)
        self._hang: tuple[threading.Event, frozenset[str] | None, list[bool]] | None = None
        self._server = QuietHTTPServer(("127.0.0.1", 0), _handler_for(self))

    # lifecycle ---------------------------------------------------------------------------
    def start(self) -> Self:
        self._server.start()
        return self

    def stop(self) -> None:
        """Held calls let go (unanswered), late work not done yet cancelled, then the server
        stopped: nothing of the fake outlives its test."""
        self.unhang()
        for timer in list(self._late_work):
            timer.cancel()
            joined(timer)
        self._server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def response_url(self, name: str = "r") -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/respond/{name}"

    # faults ------------------------------------------------------------------------------
    def fail_next(self, count: int, *, status: int = 429, retry_after: int | str = 1,
                  methods: set[str] | None = None, channel: str | None = None) -> None:
        """Answer the next ``count`` calls (of ``methods``, default any; naming ``channel``,
        default any: Slack paces posts per channel) with ``status``."""
        with self._lock:
            self._faults.next_status.extend([status] * count)
            self._faults.retry_after = retry_after
            self._faults.methods = frozenset(methods) if methods else None
            self._faults.channel = channel

    def go_down(self, *, status: int = 503, retry_after: int | None = None) -> None:
        """Answer every call with ``status`` (503: Slack down; 429: rate limited everywhere)
        until ``come_up``, doing nothing, as Slack in an outage does; with ``retry_after``, a
        Retry-After header of that many seconds on each answer."""
        with self._lock:
            self._faults.outage = status
            self._faults.outage_wait = retry_after

    def refuse_connections(self) -> None:
        """Stop listening: every call is refused at the socket ("Connection refused"), as when
        Slack's address cannot be reached, until ``accept_connections``."""
        self._server.stop()

    def accept_connections(self) -> None:
        """Listen again, on the same port."""
        port = self._server.server_address[1]
        self._server = QuietHTTPServer(("127.0.0.1", port), _handler_for(self)).start()

    def come_up(self) -> None:
        with self._lock:
            self._faults.outage = None

    def fail_fraction(self, fraction: float, *, status: int = 429, retry_after: int = 0,
                      seed: int = 7, methods: set[str] | None = None,
                      channel: str | None = None) -> None:
        """Answer a seeded random ``fraction`` of calls (naming ``channel``, default any) with
        ``status``; call again to add more."""
        with self._lock:
            self._faults.fractions.append((fraction, status))
            self._faults.retry_after = retry_after
            self._faults.rng = random.Random(seed)
            self._faults.methods = frozenset(methods) if methods else None
            self._faults.channel = channel

    def refuse_next(self, count: int, *, error: str = "invalid_blocks",
                    blocks_only: bool = True) -> None:
        """Refuse the next ``count`` chat.postMessage calls (only those carrying blocks, unless
        ``blocks_only`` is False) with ``error``, as Slack refuses for reasons of its own."""
        with self._lock:
            self._faults.refusals.extend([(error, blocks_only)] * count)

    def slow_down(self, seconds: float, *, methods: set[str] | None = None,
                  late: bool = False) -> None:
        """Answer (after doing the work) only ``seconds`` later, to widen crash windows; or,
        ``late``, do the work only then (Slack busy: a client that gave up waiting for the
        answer meanwhile finds the post there only later)."""
        self._delay = (seconds, frozenset(methods) if methods else None, late)

    def hang(self, *, methods: set[str] | None = None) -> None:
        """Do the work of each call (of ``methods``) and hold its answer until ``unhang``:
        Slack hanging for as long as the test needs, whatever the machine's speed (a client's
        own timeout may end it first)."""
        self._hang = (threading.Event(), frozenset(methods) if methods else None, [False])

    def unhang(self, *, answer: bool = False) -> None:
        """Close the connections of the calls ``hang`` holds unanswered (the work was done, the
        answer lost on the way), or, ``answer``, answer them at last (Slack slow, not down);
        later calls are answered as usual."""
        hang, self._hang = self._hang, None
        if hang is not None:
            hang[2][0] = answer
            hang[0].set()

    def time_out_at_gateway_next(self, count: int, seconds: float | None, *,
                                 methods: set[str] | None = None,
                                 replies: bool = True) -> None:
        """Answer the next ``count`` calls (of ``methods``; with ``replies`` False, of those
        naming no thread) 504 at once, as a gateway that gave up waiting on Slack does, while
        Slack does the work ``seconds`` later all the same (None: when the test calls
        ``do_held_work``, however late)."""
        with self._lock:
            self._faults.gateway_late.extend(
                [(frozenset(methods) if methods else None, seconds, replies)] * count)

    def finish_late_work(self, timeout: float = 30.0) -> None:
        """Wait until the work of every call dropped with ``made_after`` is done."""
        for timer in list(self._late_work):
            timer.join(timeout)

    def do_held_work(self) -> int:
        """Do the work of the calls answered 504 with no time set; how many there were. A reply
        Slack took while its channel allowed threads is made, whatever the channel says now."""
        with self._lock:
            held, self._held_work = self._held_work, []
            for method, params in held:
                self._answer(method, params)
        return len(held)

    def pace(self, method: str, *, one_in: int, retry_after: int = 60) -> None:
        """Answer one call of ``method`` in ``one_in`` and 429 the others, as Slack paces
        conversations.history for apps outside its Marketplace (one a minute)."""
        with self._lock:
            self._paced[method] = one_in
            self._faults.retry_after = retry_after

    def drop_next(self, count: int, *, methods: set[str] | None = None,
                  made_after: float | None = None) -> None:
        """Do the next ``count`` calls (of ``methods``) and close the connection unanswered;
        ``made_after``: read the call, close the connection, and do its work only that many
        seconds later (a slow Slack behind a dropped connection; ``finish_late_work``)."""
        with self._lock:
            if made_after is not None:
                self._faults.drops_later.extend(
                    [(frozenset(methods) if methods else None, made_after)] * count)
                return
            self._faults.drops += count
            self._faults.drop_methods = frozenset(methods) if methods else None

    def garble_next(self, count: int, *, methods: set[str] | None = None,
                    forwarded: bool = True, status: int = 200,
                    made_after: float | None = None) -> None:
        """Answer the next ``count`` calls (of ``methods``) with a proxy's HTML page and
        ``status`` (200: a sign-in page; 502: its error page), after doing the work
        (``forwarded``: the proxy passed the call on and replaced Slack's answer) or without it
        (the proxy kept the call); ``made_after``: at once, the work done that many seconds
        later (Slack slow behind the proxy; ``finish_late_work``)."""
        with self._lock:
            self._faults.garbles.extend(
                [_Garble(frozenset(methods) if methods else None, forwarded, status,
                         made_after)] * count)

    def drop_fraction(self, fraction: float, *, methods: set[str] | None = None) -> None:
        """Do a seeded random ``fraction`` of calls and close the connection unanswered."""
        with self._lock:
            self._faults.drop_share = fraction
            self._faults.drop_methods = frozenset(methods) if methods else None

    def revoke_token(self, error: str = "token_revoked") -> None:
        """Every authenticated call now answers ``error`` (token_revoked, invalid_auth, ...)."""
        self.token_error = error

    def restore_token(self) -> None:
        self.token_error = None

    def reinstall_as(self, bot_user: str, token: str) -> None:
        """The app deleted and created again: another bot user, with ``token``; the earlier one
        left every channel, and its direct messages stay where only it could read them."""
        with self._lock:
            earlier, self.bot_user = self.bot_user, bot_user
            self.token, self.token_error = token, None
            for channel in self.channels.values():
                channel.members.discard(earlier)
                channel.bot = bot_user

    # channels ----------------------------------------------------------------------------
    def add_channel(self, channel_id: str, *, private: bool = False,
                    member: bool = True) -> Channel:
        with self._lock:
            channel = Channel(channel_id, private=private,
                              members={self.bot_user} if member else set(), bot=self.bot_user)
            self.channels[channel_id] = channel
            return channel

    def add_conversation(self, channel_id: str, members: set[str], *, kind: str = "im") -> Channel:
        """A direct message (``im``) or group direct message (``mpim``) between ``members``; the
        bot is in it only when named there."""
        with self._lock:
            channel = Channel(channel_id, private=True, members=set(members), bot=self.bot_user,
                              kind=kind)
            self.channels[channel_id] = channel
            return channel

    def change_channel_id(self, old: str, new: str) -> None:
        """Slack Connect: a private channel shared with another organisation gets a new id for
        good; its messages go with it and the old id answers ``channel_not_found``."""
        with self._lock:
            channel = self._channel(old)
            self.channels[new] = Channel(new, private=channel.private,
                                         members=set(channel.members), archived=channel.archived,
                                         bot=channel.bot, ext_shared=True)
            channel.deleted = True
            for message in self.messages:
                if message.channel == old:
                    message.channel = new

    def channel(self, channel_id: str) -> Channel:
        with self._lock:
            return self._channel(channel_id)

    def heal(self) -> None:
        with self._lock:
            self._faults = _Faults()

    # queries -----------------------------------------------------------------------------
    def calls_to(self, method: str, *, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls
                    if c.method == method and (c.status == 200 or not ok_only)]

    def posts(self, channel: str | None = None) -> list[Message]:
        with self._lock:
            return [m for m in self.messages if channel is None or m.channel == channel]

    def responses(self) -> list[dict]:
        """Bodies posted to response URLs (what ``respond()`` sent)."""
        return [c.json or c.params for c in self.calls_to("response_url")]

    def add_message(self, channel: str, *, metadata: dict | None = None,
                    thread_ts: str | None = None, text: str = "",
                    at: float | None = None) -> Message:
        """Put a message in a channel as if posted earlier (e.g. before a crash), or stamped
        ``at`` that Unix time (later messages are stamped after it)."""
        with self._lock:
            return self._store_message(channel, text, None, thread_ts, metadata, at=at)

    def delete_message(self, channel: str, ts: str) -> None:
        """Someone deletes a message, as Slack keeps it: a thread's parent with replies stays as
        a tombstone; one without vanishes, and its ``ts`` is a thread no more
        (``thread_not_found`` to conversations.replies and to a reply posted under it)."""
        with self._lock:
            found = next(m for m in self.messages if m.channel == channel and m.ts == ts)
            if any(m.channel == channel and m.thread_ts == ts for m in self.messages):
                found.text, found.blocks, found.metadata = "This message was deleted.", None, None
                return
            self.messages.remove(found)
            self.vanished.add((channel, ts))

    # internals ---------------------------------------------------------------------------
    def _store_message(self, channel, text, blocks, thread_ts, metadata, *,
                       at: float | None = None) -> Message:
        self._clock = max(round((at or time.time() + self.ahead) * 1_000_000), self._clock + 1)
        ts = f"{self._clock // 1_000_000}.{self._clock % 1_000_000:06d}"
        message = Message(channel, ts, text, blocks, thread_ts, metadata, user=self.bot_user)
        self.messages.append(message)
        return message

    def _channel(self, channel_id: str) -> Channel:
        if channel_id not in self.channels:
            own = channel_id in self._dm_owner
            between_people = channel_id.startswith("D") and not own
            self.channels[channel_id] = Channel(
                channel_id, members=set() if between_people else {self.bot_user},
                bot=self.bot_user, private=channel_id.startswith("D"),
                kind="im" if channel_id.startswith("D") else "channel")
        return self.channels[channel_id]

    def _visible(self, channel_id: str | None) -> Channel | None:
        """The channel if the bot can see it: deleted ones and private ones it is not in vanish."""
        if not channel_id:
            return None
        if self._dm_owner.get(channel_id, self.bot_user) != self.bot_user:
            return None  # another bot user's direct messages
        channel = self._channel(channel_id)
        if channel.deleted or (channel.private and not channel.bot_in):
            return None
        return channel

    def _dropped(self, method: str) -> bool:
        faults = self._faults
        if not _hit(method, faults.drop_methods):
            return False
        if faults.drops:
            faults.drops -= 1
            return True
        return bool(faults.drop_share) and faults.rng.random() < faults.drop_share

    def _dropped_later(self, method: str, params: dict) -> bool:
        """Whether the next later drop hits ``method``: its work is then done on a timer."""
        later = self._faults.drops_later
        if not later or not _hit(method, later[0][0]):
            return False
        self._do_later(method, params, later.pop(0)[1])
        return True

    def _do_later(self, method: str, params: dict, seconds: float) -> None:
        def work() -> None:
            with self._lock:
                self._answer(method, params)

        timer = threading.Timer(seconds, work)
        self._late_work.append(timer)
        timer.start()

    def _gateway_late(self, method: str, params: dict) -> bool:
        """Whether the next gateway timeout hits ``method``: the work is then done later."""
        late = self._faults.gateway_late
        if not late or not _hit(method, late[0][0]):
            return False
        if params.get("thread_ts") and not late[0][2]:
            return False
        seconds = late.pop(0)[1]
        if seconds is None:  # Slack took the call as it came: a channel's settings then hold
            found = self._visible(str(params.get("channel") or ""))
            took = found is not None and not found.refuses_replies
            self._held_work.append((method, {**params, TOOK_REPLIES: took}))
            return True
        self._do_later(method, params, seconds)
        return True

    def _garbled(self, method: str) -> _Garble | None:
        """The next garble, taken, if it hits ``method``."""
        garbles = self._faults.garbles
        if not garbles or not _hit(method, garbles[0].methods):
            return None
        return garbles.pop(0)

    def _garbled_first(self, method: str, params: dict) -> ProxyPage | None:
        """The proxy's page if the next garble answers ``method`` before the work is done
        (the call kept, or its work done later); a forwarded one is left to ``_garbled``."""
        garbles = self._faults.garbles
        if not garbles or not _hit(method, garbles[0].methods):
            return None
        garble = garbles[0]
        if garble.forwarded and garble.made_after is None:
            return None
        garbles.pop(0)
        if garble.forwarded and garble.made_after is not None:
            self._do_later(method, params, garble.made_after)
        return ProxyPage(garble.status)

    def _fault_for(self, method: str, params: dict) -> int | None:
        faults = self._faults
        if faults.outage is not None:
            return faults.outage
        if not _hit(method, faults.methods) or faults.channel not in (None, params.get("channel")):
            return None
        if faults.next_status:
            return faults.next_status.pop(0)
        for fraction, status in faults.fractions:
            if faults.rng.random() < fraction:
                return status
        return None

    def _paced_out(self, method: str) -> int | None:
        """429 for a paced method's call that is not the one in ``one_in`` answered."""
        if method not in self._paced:
            return None
        return None if (self.begun.count(method) - 1) % self._paced[method] == 0 else 429

    def handle(self, method: str, params: dict, body: dict | None, token: str | None):
        """Return (status, headers, payload) for one call and record it."""
        payload: dict | ProxyPage
        with self._lock:
            self.begun.append(method)
        seconds, methods, late = self._delay
        slow = bool(seconds) and (methods is None or method in methods)
        if slow and late:
            time.sleep(seconds)
        with self._lock:
            status = self._fault_for(method, params) or self._paced_out(method)
            expected = self.app_token if method == "apps.connections.open" else self.token
            if status is None and method not in AUTHLESS and token != expected:
                payload, status = {"ok": False, "error": "invalid_auth"}, 200
            elif status is None and method not in AUTHLESS and self.token_error:
                payload, status = {"ok": False, "error": self.token_error}, 200
            elif status is None and (page := self._garbled_first(method, params)):
                payload, status = page, GARBLED
            elif status is None and self._dropped_later(method, params):
                payload, status = {}, DROPPED
            elif status is None and self._gateway_late(method, params):
                payload, status = {"ok": False, "error": "gateway_timeout"}, 504
            elif status is None:
                garbled = self._garbled(method)
                payload, status = self._answer(method, params), 200
                if garbled:
                    payload, status = ProxyPage(garbled.status), GARBLED
                elif self._dropped(method):
                    status = DROPPED
            else:
                payload = {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"}
            self.calls.append(Call(method, params, body, token, status))
        headers = {"Retry-After": str(self._faults.retry_after)} if status == 429 else {}
        if self._faults.outage is not None and self._faults.outage_wait is not None:
            headers["Retry-After"] = str(self._faults.outage_wait)
        if method not in AUTHLESS:
            headers["X-OAuth-Scopes"] = ",".join(self.scopes)
        if slow and not late:
            time.sleep(seconds)
        hang = self._hang
        if hang is not None and status == 200 and _hit(method, hang[1]):
            hang[0].wait(HANG_LIMIT)
            status = status if hang[2][0] else DROPPED
        return status, headers, payload

    def refuse_method(self, method: str, error: str = "missing_scope", *,
                      count: int | None = None) -> None:
        """Answer every call of ``method`` (or only the next ``count``) with ``error``, as
        Slack does when the token lacks that method's scope (an app installed before the
        manifest asked for it), or for a reason of its own."""
        with self._lock:
            self.refused_methods[method] = error
            if count is None:
                self._refusals_left.pop(method, None)
            else:
                self._refusals_left[method] = count

    def _answer(self, method: str, params: dict) -> dict:
        if method in self.refused_methods:
            error = self.refused_methods[method]
            if method in self._refusals_left:
                self._refusals_left[method] -= 1
                if self._refusals_left[method] <= 0:
                    del self._refusals_left[method], self.refused_methods[method]
            return {"ok": False, "error": error}
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        return handler(params)

    def _api_auth_test(self, params: dict) -> dict:
        return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake Newsroom",
                "user": "wirewatch", "team_id": TEAM, "user_id": self.bot_user,
                "bot_id": "B" + self.bot_user[-4:], "enterprise_id": self.enterprise,
                "is_enterprise_install": self.org_wide}

    def _api_apps_connections_open(self, params: dict) -> dict:
        """Socket Mode: where to connect (set ``socket_url`` to a FakeSocketMode's url)."""
        if not self.socket_url:
            return {"ok": False, "error": "socket_mode_not_enabled"}
        return {"ok": True, "url": self.socket_url}

    def _api_api_test(self, params: dict) -> dict:
        return {"ok": True, "args": params}

    def _api_response_url(self, params: dict) -> dict:
        blocks = _maybe_json(params.get("blocks"))
        if blocks is not None and text_length(blocks) > MESSAGE_TEXT:
            self.refused_responses.append("msg_blocks_too_long")
            return {"ok": False, "error": "msg_blocks_too_long"}
        problems = block_problems(blocks, text=params.get("text") or "", allow_links=True) \
            if blocks is not None else []
        if problems:
            self.refused_responses.append("invalid_blocks")
            return {"ok": False, "error": "invalid_blocks", "errors": problems}
        return {"ok": True}

    def _api_chat_postMessage(self, params: dict) -> dict:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("text") and not params.get("blocks"):
            return {"ok": False, "error": "no_text"}
        channel = self._dm_channel(channel) if channel.startswith("U") else channel
        found = self._visible(channel)
        if found is None:
            return {"ok": False, "error": "channel_not_found"}
        if found.archived:
            return {"ok": False, "error": "is_archived"}
        if found.refuses_posts:
            return {"ok": False, "error": found.refuses_posts}
        if found.refuses_replies and params.get("thread_ts") and not params.get(TOOK_REPLIES):
            return {"ok": False, "error": "restricted_action_non_threadable_channel"}
        if (channel, params.get("thread_ts")) in self.vanished:
            return {"ok": False, "error": "thread_not_found"}
        blocks = _maybe_json(params.get("blocks"))
        refusals = self._faults.refusals
        if refusals and (blocks is not None or not refusals[0][1]):
            return {"ok": False, "error": refusals.pop(0)[0]}
        if blocks is not None and text_length(blocks) > MESSAGE_TEXT:
            return {"ok": False, "error": "msg_blocks_too_long"}
        if blocks is not None and block_problems(blocks, text=params.get("text") or ""):
            return {"ok": False, "error": "invalid_blocks",
                    "errors": block_problems(blocks, text=params.get("text") or "")}
        message = self._store_message(channel, params.get("text", ""), blocks,
                                      params.get("thread_ts"), _maybe_json(params.get("metadata")))
        return {"ok": True, "channel": channel, "ts": message.ts, "message": message.as_api()}

    def _api_chat_delete(self, params: dict) -> dict:
        """The bot deletes one of its messages, as ``delete_message`` keeps it."""
        channel, ts = str(params.get("channel")), str(params.get("ts"))
        found = [m for m in self.messages if m.channel == channel and m.ts == ts]
        if not found or found[0].user != self.bot_user:
            return {"ok": False, "error": "message_not_found" if not found else
                    "cant_delete_message"}
        if any(m.channel == channel and m.thread_ts == ts for m in self.messages):
            found[0].text, found[0].blocks, found[0].metadata = \
                "This message was deleted.", None, None
        else:
            self.messages.remove(found[0])
            self.vanished.add((channel, ts))
        return {"ok": True, "channel": channel, "ts": ts}

    def _api_chat_getPermalink(self, params: dict) -> dict:
        channel, ts = params.get("channel"), params.get("message_ts")
        if not any(m.channel == channel and m.ts == ts for m in self.messages):
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": channel, "permalink":
                f"https://fake.slack.com/archives/{channel}/p{str(ts).replace('.', '')}"}

    def _api_chat_postEphemeral(self, params: dict) -> dict:
        """Blocks are refused as chat.postMessage's are: Slack checks both alike."""
        blocks = _maybe_json(params.get("blocks"))
        if blocks is not None and text_length(blocks) > MESSAGE_TEXT:
            return {"ok": False, "error": "msg_blocks_too_long"}
        if blocks is not None and block_problems(blocks, text=params.get("text") or ""):
            return {"ok": False, "error": "invalid_blocks",
                    "errors": block_problems(blocks, text=params.get("text") or "")}
        return {"ok": True, "message_ts": f"{time.time():.6f}"}

    def _api_conversations_open(self, params: dict) -> dict:
        users = params.get("users", "")
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        if self.users.get(users.split(",")[0], {}).get("deleted"):
            return {"ok": False, "error": "user_disabled"}
        return {"ok": True, "channel": {"id": self._dm_channel(users.split(",")[0])}}

    def _readable(self, channel_id: str | None) -> dict | None:
        """Why the bot may not read this channel's history, or None when it may."""
        channel = self._visible(channel_id)
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if not channel.bot_in and not channel.id.startswith("D"):
            return {"ok": False, "error": "not_in_channel"}
        return None

    def _api_conversations_history(self, params: dict) -> dict:
        channel = params.get("channel")
        refused = self._readable(channel)
        if refused:
            return refused
        found = [m for m in self.messages if m.channel == channel and not m.thread_ts]
        return self._page(found, params)

    def _api_conversations_join(self, params: dict) -> dict:
        channel = self._visible(params.get("channel"))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if channel.archived:
            return {"ok": False, "error": "is_archived"}
        if channel.private or channel.id.startswith("D"):
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        channel.members.add(channel.bot)
        return {"ok": True, "channel": channel.as_api()}

    def _api_conversations_info(self, params: dict) -> dict:
        channel = self._visible(params.get("channel"))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if channel.kind != "channel":
            return {"ok": False, "error": "missing_scope", "needed": f"{channel.kind}:read",
                    "provided": ",".join(MANIFEST_SCOPES)}
        return {"ok": True, "channel": channel.as_api()}

    def _api_conversations_members(self, params: dict) -> dict:
        """Who is in a channel the bot can see, two at a time (so callers must page)."""
        channel = self._visible(params.get("channel"))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        members = sorted(channel.members)
        start = int(params.get("cursor") or 0)
        after = start + 2 if start + 2 < len(members) else None
        return {"ok": True, "members": members[start:start + 2],
                "response_metadata": {"next_cursor": str(after) if after else ""}}

    def _api_users_conversations(self, params: dict) -> dict:
        """The channels of ``types`` (public ones unless told) ``user`` (else the bot) is in
        that the bot sees, two a page."""
        who = params.get("user") or self.bot_user
        types = set(str(params.get("types") or "public_channel").split(","))
        found = sorted(c.id for c in self.channels.values()
                       if ("private_channel" if c.private else "public_channel") in types and
                       not c.id.startswith("D") and who in c.members and
                       self._visible(c.id) is not None)
        start = int(params.get("cursor") or 0)
        after = start + 2 if start + 2 < len(found) else None
        return {"ok": True, "channels": [{"id": c} for c in found[start:start + 2]],
                "response_metadata": {"next_cursor": str(after) if after else ""}}

    def _api_conversations_replies(self, params: dict) -> dict:
        channel, ts = params.get("channel"), params.get("ts")
        refused = self._readable(channel)
        if refused:
            return refused
        if (channel, ts) in self.vanished:
            return {"ok": False, "error": "thread_not_found"}
        found = [m for m in self.messages
                 if m.channel == channel and (m.ts == ts or m.thread_ts == ts)]
        return self._page(found, params, newest_first=False)

    def _page(self, found: list[Message], params: dict, *, newest_first: bool = True) -> dict:
        """One page of ``found`` between ``oldest`` and ``latest``, at most ``limit`` messages
        (and at most ``page_size``, as Slack serves apps outside its Marketplace 15); the
        cursor is the index of the next page's first message."""
        oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or "inf")
        found = sorted((m for m in found if oldest <= float(m.ts) <= latest),
                       key=lambda m: float(m.ts), reverse=newest_first)
        limit = min(int(params.get("limit") or 100), self.page_size)
        start = int(params.get("cursor") or 0)
        keep_meta = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        out = []
        for m in found[start:start + limit]:
            item = m.as_api()
            if not keep_meta:
                item.pop("metadata", None)
            out.append(item)
        more = len(found) > start + limit
        return {"ok": True, "messages": out, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _api_views_publish(self, params: dict) -> dict:
        view = _maybe_json(params.get("view"))
        blocks = (view or {}).get("blocks") or []
        if block_problems(blocks, allow_links=True, max_blocks=100):
            return {"ok": False, "error": "invalid_arguments",
                    "errors": block_problems(blocks, allow_links=True, max_blocks=100)}
        self.views[params.get("user_id", "")] = view
        return {"ok": True, "view": {"id": "V1", **(view or {})}}

    def _api_views_open(self, params: dict) -> dict:
        """A modal opened with a trigger_id; kept in ``modals`` by its id, as Slack would."""
        view = _maybe_json(params.get("view"))
        if not params.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        if params["trigger_id"] in self._triggers:
            return {"ok": False, "error": "exchanged_trigger_id"}
        self._triggers.add(params["trigger_id"])
        if view_problems(view):
            return {"ok": False, "error": "invalid_arguments", "errors": view_problems(view)}
        view_id = f"V{len(self.modals) + 1:04d}"
        self.modals[view_id] = {**view, "id": view_id, "hash": f"{view_id}-1"}
        return {"ok": True, "view": self.modals[view_id]}

    def _api_views_update(self, params: dict) -> dict:
        view, view_id = _maybe_json(params.get("view")), params.get("view_id", "")
        current = self.modals.get(view_id)
        if current is None:
            return {"ok": False, "error": "not_found"}
        if params.get("hash") and params["hash"] != current["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        if view_problems(view):
            return {"ok": False, "error": "invalid_arguments", "errors": view_problems(view)}
        version = int(current["hash"].rsplit("-", 1)[1]) + 1
        self.modals[view_id] = {**view, "id": view_id, "hash": f"{view_id}-{version}"}
        return {"ok": True, "view": self.modals[view_id]}

    def _api_users_info(self, params: dict) -> dict:
        user = params.get("user", "")
        return {"ok": True, "user": {**_profile(user), **self.users.get(user, {})}}

    # people and roles ----------------------------------------------------------------------
    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False,
                 guest: bool = False, single_channel_guest: bool = False,
                 deleted: bool = False, team: str = TEAM, bot: bool = False) -> None:
        """A workspace member as users.info describes them (anyone else is a plain member);
        ``team``: another organisation's, for a person in a channel shared through Slack
        Connect (their role flags are their own organisation's)."""
        with self._lock:
            self.users[user_id] = {**_profile(user_id), "team_id": team, "is_bot": bot,
                                   "is_admin": admin or owner,
                                   "is_owner": owner, "is_restricted": guest,
                                   "is_ultra_restricted": single_channel_guest,
                                   "deleted": deleted}

    def add_usergroup(self, group_id: str, members: list[str]) -> None:
        with self._lock:
            self.usergroups[group_id] = list(members)

    def _api_usergroups_list(self, params: dict) -> dict:
        """The workspace's user groups (handle: the id in lower case)."""
        return {"ok": True, "usergroups": [
            {"id": group, "handle": group.lower(), "name": group, "date_delete": 0}
            for group in self.usergroups]}

    def _api_usergroups_users_list(self, params: dict) -> dict:
        group = params.get("usergroup", "")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": self.usergroups[group]}

    def _dm_channel(self, user: str) -> str:
        """The bot's direct-message conversation with ``user`` (another bot user has its own)."""
        suffix = "" if self.bot_user == BOT_USER else self.bot_user[-4:]
        channel = f"D{suffix}{user[1:]}"
        self._dm_owner[channel] = self.bot_user
        if channel in self.channels:
            self.channels[channel].members |= {self.bot_user, user}
        return channel


def _profile(user: str) -> dict:
    """users.info's answer for a plain member: every role flag present and false."""
    return {"id": user, "team_id": TEAM, "name": user.lower(), "real_name": user, "tz": "UTC",
            "deleted": False, "is_bot": False, "is_app_user": False, "is_admin": False,
            "is_owner": False, "is_primary_owner": False, "is_restricted": False,
            "is_ultra_restricted": False}


def _maybe_json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Quiet: tests read ``fake.calls`` instead."""

        def do_GET(self) -> None:
            self._serve(b"")

        def date_time_string(self, timestamp: float | None = None) -> str:
            """The Date header by Slack's clock."""
            return super().date_time_string(time.time() + fake.ahead if timestamp is None
                                            else timestamp)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length))

        def _serve(self, raw: bytes) -> None:
            url = urlsplit(self.path)
            params = dict(parse_qsl(url.query, keep_blank_values=True))
            body = None
            if "json" in (self.headers.get("Content-Type") or ""):
                body = json.loads(raw or b"{}")
                params.update(body)
            elif raw:
                params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
            method = "response_url" if url.path.startswith("/respond/") else url.path.split("/")[-1]
            auth = self.headers.get("Authorization") or ""
            token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
            status, headers, payload = fake.handle(method, params, body, token)
            if status == DROPPED:
                self.close_connection = True
                return
            if isinstance(payload, ProxyPage):
                data, kind, status = PROXY_PAGE, "text/html; charset=utf-8", payload.status
            else:
                data, kind = json.dumps(payload).encode(), "application/json; charset=utf-8"
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting, as Slack sees it

    return Handler


def _hit(method: str, methods: frozenset[str] | None) -> bool:
    """A fault hits the methods it names, else every one but response_url and api.test."""
    return method in methods if methods else method not in AUTHLESS
