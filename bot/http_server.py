"""waitress serving one WSGI app on a background thread, stopped cleanly from any thread;
and the gate that checks Slack's requests before anything reads or parses them."""

from __future__ import annotations

import errno
import io
import ipaddress
import json
import logging
import resource
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import waitress
from slack_sdk.signature import SignatureVerifier
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.server import BaseWSGIServer
from waitress.utilities import Error

from bot.deadline import Deadline
from bot.header_numbers import digits
from bot.listen_address import on_all_interfaces, url_to_open
from bot.models import BadInput
from bot.slack_payload import unreadable

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]
MAX_BODY = 10 * 1024 * 1024
SLACK_MAX_BODY = 1024 * 1024
HEADER_BYTES = 16 * 1024
"""A request's line and headers (Slack's are about 1.5 kB, a proxy adds a few hundred
bytes; waitress's own limit, 256 kB, let a flood's connections hold 250 kB each)."""
BODY_IN_MEMORY = 64 * 1024
"""Of a body, what waitress keeps in memory before the rest goes to a temporary file (512 kB
by default: 400 connections sending a body each held 169 MB)."""
PER_CLIENT = 16
REQUEST_SECONDS = 20.0
IDLE_SECONDS = 15.0
BODY_BYTES_PER_SECOND = 100_000
MAX_CONNECTIONS = 1000
WARN_EVERY = 60.0
GRACE = 1.0
STOP_SECONDS = 15.0
"""A stop's wait for the loop and the requests under way, when the caller gives no bound."""


def cannot_listen(exc: OSError | ValueError, host: str, port: int) -> str:
    """Why the server cannot listen, and the setting that fixes it (not just '[Errno 98]')."""
    where = f"port {port} on {host}"
    code = exc.errno if isinstance(exc, OSError) else None
    if code == errno.EADDRINUSE:
        return (f"{where} is already in use (another wirewatch, or another program); stop it, "
                "or set PORT (or --port) to a free port")
    if code == errno.EACCES:
        return (f"not allowed to listen on {where}: ports below 1024 need privileges; "
                "set PORT (or --port) to 1024 or above")
    if isinstance(exc, ValueError | socket.gaierror) or code in (errno.EADDRNOTAVAIL,
                                                                 errno.EAFNOSUPPORT):
        return (f"cannot listen on {where}: {host} is not an address of this machine; "
                "set WIREWATCH_HOST (or --host) to one, or to 0.0.0.0 for all")
    return f"cannot listen on {where}: {exc}"


class HttpServer:
    """waitress in a background thread; ``port`` is the bound port (ask for 0 in tests)."""

    def __init__(self, app: WSGIApp, *, host: str, port: int, threads: int = 8,
                 max_body: int = MAX_BODY, request_seconds: float = REQUEST_SECONDS,
                 idle_seconds: float = IDLE_SECONDS,
                 connection_limit: int | None = None) -> None:
        """``max_body``: waitress answers 413 to a larger body before reading it (its own
        default is 1 GiB, buffered to disk before any route could check a token).
        ``request_seconds`` (plus a second per 100 kB of declared body) and ``idle_seconds``:
        see ``GuardedChannel``. ``connection_limit``: the places the server has (default: as
        the file limit allows, at most ``MAX_CONNECTIONS``)."""
        connections: dict = {}
        screen: Screen | None = getattr(app, "screen", None)
        try:
            # waitress reads the loop timeout as whole seconds: 0.2 would become 0, a busy loop
            self._server = waitress.create_server(app, map=connections, host=host, port=port,
                                                  threads=threads, ident="wirewatch",
                                                  asyncore_loop_timeout=1,
                                                  max_request_body_size=max_body,
                                                  max_request_header_size=HEADER_BYTES,
                                                  inbuf_overflow=BODY_IN_MEMORY,
                                                  connection_limit=(connection_limit
                                                                    or _places()),
                                                  asyncore_use_poll=True)
        except (OSError, ValueError) as exc:  # waitress: ValueError for a host that resolves
            raise BadInput(cannot_listen(exc, host, port)) from exc  # to nothing
        limits = Deadlines(request_seconds, idle_seconds)
        for listener in connections.values():
            if isinstance(listener, BaseWSGIServer):
                listener.channel_class = _channel_class(limits, screen)
        self._thread = threading.Thread(target=self._server.run, name="wirewatch-http",
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def start(self) -> None:
        self._thread.start()
        host = str(self._server.effective_host)
        log.info("listening on %s%s", url_to_open(host, self.port),
                 " (all interfaces: other machines use this host's name or address)"
                 if on_all_interfaces(host) else "")

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Close every socket from inside the server's own loop, then let its workers finish,
        all within ``timeout`` seconds: a request still being served then gets no answer, its
        connection closed (Slack sends it again; a client of /ingest sees the failure)."""
        server = self._server
        deadline = Deadline(timeout)
        if self._thread.is_alive():
            try:
                server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            except OSError:
                log.debug("http server loop had already closed its sockets")
            self._thread.join(timeout=deadline.left())
        else:
            wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown(timeout=deadline.left())


@dataclass(frozen=True)
class Deadlines:
    """How long a connection may take to send its request, and stay open without one."""

    request_seconds: float = REQUEST_SECONDS
    idle_seconds: float = IDLE_SECONDS


@dataclass(frozen=True)
class Head:
    """A request as known once its headers are in, before any of its body is read; headers
    keyed as waitress keys them (``AUTHORIZATION``, ``X_SLACK_SIGNATURE``)."""

    method: str
    path: str
    length: int
    chunked: bool
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Refusal:
    """The answer to a request refused from its head: its body is never read."""

    status: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class Screen(Protocol):
    """A route's check of a request's head: a refusal, or None to read the body."""

    def __call__(self, head: Head) -> Refusal | None: ...


class _Refused(Error):
    """waitress's error answer, carrying a route's refusal (the connection closes after it)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.status)
        self.refusal = refusal

    def to_response(self, ident: str | None = None) -> tuple[str, list, bytes]:
        return self.refusal.status, list(self.refusal.headers), self.refusal.body


class _Discarded:
    """A body buffer keeping nothing: a refused request's small or chunked body is read to
    its end and dropped (closing the connection under a client still writing it resets it)."""

    def __init__(self) -> None:
        self.length = 0

    def append(self, data: bytes) -> None:
        self.length += len(data)

    def __len__(self) -> int:
        return self.length

    def close(self) -> None:
        self.length = 0


class TimedParser(HTTPRequestParser):
    """waitress's request parser, remembering when the request's first bytes arrived, and
    asking the server's ``screen`` about a request with a body once its headers are in:
    a refused one is answered and closed without reading its body when that is large (or
    the client waits for ``100 Continue``); a small or chunked one is read and dropped, never
    buffered, and answered after it."""

    screen: Screen | None = None
    expect_continue: bool

    def __init__(self, adj: Any) -> None:
        super().__init__(adj)
        self.started = time.monotonic()
        self.screened = False

    def parse_header(self, header_plus: bytes) -> None:
        """waitress takes a Content-Length of any number of digits, and ``int`` refuses one of
        over 4,300 with ValueError: no answer, and an ERROR line for each such request."""
        try:
            super().parse_header(header_plus)
        except ValueError:
            raise ParsingError("Content-Length is invalid") from None

    def received(self, data: bytes) -> int:
        consumed = int(super().received(data))
        if self.headers_finished and not self.screened:
            self.screened = True
            refusal = self._refusal()
            if refusal is not None:
                self.error = _Refused(refusal)
                if self.expect_continue or self.content_length > BODY_IN_MEMORY:
                    self.completed = True
                    self.expect_continue = False
                    return len(data)  # the body's first bytes, read with the head: dropped
                # small or chunked: read to its end and kept nowhere, then answered, so a
                # client that writes it all before reading gets the answer, not a reset
                self.body_rcv.buf = _Discarded()
        return consumed

    def _refusal(self) -> Refusal | None:
        if self.screen is None or self.error is not None or self.empty:
            return None
        if not self.chunked and self.content_length <= 0:
            return None
        return self.screen(Head(method=self.command, path=self.path,
                                length=self.content_length, chunked=self.chunked,
                                headers=dict(self.headers)))


class GuardedChannel(HTTPChannel):
    """A connection that cannot hold one of the server's places for ever (slowloris).

    A request must arrive whole within ``request_seconds`` of its first bytes (plus a second
    per 100 kB of declared body), and a connection with no request under way is closed after
    ``idle_seconds``. One client address (an IPv6 /64) may hold at most ``PER_CLIENT``
    connections still waiting for their first request; a connection beyond that is closed at
    once, so one slow or hostile client never fills the places Slack's requests need. A
    connection that has been served before is not counted: a reverse proxy keeps a pool of
    those open to us, all from its one address. So that such served connections cannot fill
    the places either, once fewer than a tenth are free each new connection closes the idle
    ones of the address holding the most (``make_room``).
    """

    parser_class = TimedParser
    deadlines = Deadlines()

    def __init__(self, server: Any, sock: Any, addr: Any, adj: Any, map: Any = None) -> None:
        super().__init__(server, sock, addr, adj, map=map)
        self.client = client_group(addr)
        self.served = False
        """A whole request has come in on this connection (a proxy's pooled connection)."""
        waiting = sum(1 for other in (map or {}).values()
                      if isinstance(other, GuardedChannel) and other.client == self.client
                      and other.waiting() and not other.served)
        if waiting > PER_CLIENT:
            self.will_close = True
            _warn_refused(self.client)
        make_room(list((map or {}).values()), _channel_places(map or {}, adj.connection_limit))

    def service(self) -> None:
        self.served = True
        super().service()

    def waiting(self) -> bool:
        """No request of this connection is being handled or answered."""
        return not self.requests and not self.will_close and not self.total_outbufs_len

    def readable(self) -> bool:
        if self.waiting() and self._overdue():
            self.will_close = True
        return bool(super().readable())

    def _overdue(self) -> bool:
        request = self.request
        if isinstance(request, TimedParser):
            return time.monotonic() - request.started > self._allowed(request)
        return time.time() - self.last_activity > self.deadlines.idle_seconds

    def _allowed(self, request: TimedParser) -> float:
        return self.deadlines.request_seconds + request.content_length / BODY_BYTES_PER_SECOND

    def sending_in_time(self) -> bool:
        """A body is arriving at a pace that has it whole within its deadline: a client's
        upload (forwarded by a proxy, say), not a connection with nothing under way."""
        request = self.request
        if not isinstance(request, TimedParser) or not request.headers_finished:
            return False
        received = len(request.body_rcv) if request.body_rcv is not None else 0
        if not received or not request.content_length:
            return False
        elapsed = time.monotonic() - request.started
        return elapsed * request.content_length / received <= self._allowed(request)


def make_room(channels: list[Any], places: int) -> None:
    """Past nine tenths of ``places`` (waitress stops accepting at all of them), close
    connections with nothing under way down to eight tenths, so Slack's next connection always
    finds a place: those of addresses holding more than ``PER_CLIENT`` first, the most first
    (one attacker's hundreds), then the longest quiet of any address (a flood from many
    addresses, one each), and those accepted within ``GRACE`` seconds (their request may be on
    its way) last. A body that arrives in time for its deadline is something under way
    (however slowly it comes)."""
    spare = _spare(places)
    open_ = [c for c in channels if isinstance(c, GuardedChannel) and not c.will_close]
    if len(open_) < places - spare:
        return
    held = Counter(channel.client for channel in open_)
    now = time.time()
    idle = sorted((c for c in open_ if c.waiting() and not c.sending_in_time()),
                  key=lambda c: _closing_order(c, held[c.client], now))
    closing = idle[:len(open_) - max(1, places - 2 * spare)]
    for channel in closing:
        channel.will_close = True
    if closing:
        busiest, closed = Counter(c.client for c in closing).most_common(1)[0]
        _warn_crowding(busiest, closed, held[busiest], len(closing))


def _channel_places(dispatchers: dict, limit: int) -> int:
    """The connections waitress accepts: its limit counts its listener and wake-up pipe too."""
    others = sum(1 for d in dispatchers.values() if not isinstance(d, GuardedChannel))
    return max(1, limit - others)


def _spare(places: int) -> int:
    """A tenth of the places, at least ``PER_CLIENT``, but at most a quarter and at least one:
    a spare larger than half the places (a small ``connection_limit``) closed every idle
    connection, the new one included, so nothing was ever served."""
    return max(1, min(max(PER_CLIENT, places // 10), places // 4))


def _closing_order(channel: GuardedChannel, held: int,
                   now: float) -> tuple[bool, int, float]:
    """Which to close first: connections past their first ``GRACE`` seconds before those
    that may still be sending their request (of these the oldest first); then an address's
    count past ``PER_CLIENT``, the most first; then the longest quiet."""
    if now - channel.creation_time < GRACE:
        return True, 0, channel.creation_time
    return False, -(held if held > PER_CLIENT else 0), channel.last_activity


_warned = {"at": -WARN_EVERY}
_crowded = {"at": -WARN_EVERY}


def _warn_crowding(client: str, closed: int, held: int, in_all: int) -> None:
    """One WARNING a minute at most: a flood of connections, or a proxy short of places."""
    now = time.monotonic()
    if now - _crowded["at"] >= WARN_EVERY:
        _crowded["at"] = now
        log.warning("connections nearly at the limit: closed %d idle (%d of the %d held by %s) "
                    "(a hostile client or many, or a proxy keeping more open than the server "
                    "has places)", in_all, closed, held, client)


def _warn_refused(client: str) -> None:
    """One WARNING a minute at most, however many connections a flood opens."""
    now = time.monotonic()
    if now - _warned["at"] >= WARN_EVERY:
        _warned["at"] = now
        log.warning("refusing connections from %s: it already has %d waiting to send their "
                    "request (a slow or hostile client)", client, PER_CLIENT)


_unsigned = {"at": -WARN_EVERY}
CLOCK_SKEW = 300  # seconds: Slack's signatures are refused beyond it (slack_sdk's rule)


def _warn_unsigned(timestamp: int) -> None:
    """A request with Slack's headers whose signature fails: a wrong SLACK_SIGNING_SECRET looks
    like this from the first command on, and Slack only tells the user 'dispatch_failed'. At
    most one WARNING a minute (the port faces the internet); it never shows the secret."""
    now = time.monotonic()
    if now - _unsigned["at"] < WARN_EVERY:
        return
    _unsigned["at"] = now
    skew = int(time.time()) - timestamp
    if abs(skew) > CLOCK_SKEW:
        log.warning("refused a request to /slack/events stamped %d s away from this machine's "
                    "clock: if it came from Slack, set the clock right (NTP)", skew)
        return
    log.warning("refused a request to /slack/events signed with another secret: if it came "
                "from Slack, SLACK_SIGNING_SECRET is not this app's (Basic Information > App "
                "Credentials > Signing Secret), and every command fails (Slack says "
                "dispatch_failed)")


def _channel_class(limits: Deadlines, screen: Screen | None) -> type[GuardedChannel]:
    parser = type("TimedParser", (TimedParser,),
                  {} if screen is None else {"screen": staticmethod(screen)})
    return type("GuardedChannel", (GuardedChannel,), {"deadlines": limits,
                                                       "parser_class": parser})


def client_group(addr: Any) -> str:
    """The address a client's connections are counted under: its IPv4 address, or its /64."""
    host = addr[0] if isinstance(addr, tuple) and addr else str(addr)
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return str(host)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _places() -> int:
    """As many connections as the file limit comfortably allows, at most MAX_CONNECTIONS
    (waitress's own default, 100, was a slowloris's whole job)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(100, min(MAX_CONNECTIONS, soft // 2))


class Served(Protocol):
    """A request taken to be served, settled once its answer went out (``answered``: a 2xx)."""

    def settle(self, answered: bool) -> None: ...


class FirstTime(Protocol):
    """None for a signed request served already (bot.slack.replays.ServedRequests)."""

    def __call__(self, *, body: bytes, signature: str, timestamp: int) -> Served | None: ...


@dataclass(frozen=True)
class SlackGate:
    """Slack's requests checked before Bolt reads or parses them.

    The declared length must be within ``max_bytes`` (Slack always declares it), the timestamp
    a number and the signature valid (and ASCII: ``hmac.compare_digest`` raises on other
    text); anything else is refused here, so a forged request never reaches a listener or the
    error handler (which would answer its forged response_url). A signed body that is no
    Slack payload (``slack_payload.unreadable``) is a 400 with one WARNING, not a listener's
    failure.
    ``first_time`` is None for a request served already: a copy replayed while its signature
    still passes gets an empty 200 and nothing is done; a request taken is settled once its
    answer went out (an event's resend is acted on when this answer was no 2xx).
    """

    app: WSGIApp
    signing_secret: str
    max_bytes: int = SLACK_MAX_BODY
    first_time: FirstTime | None = None

    def screen(self, head: Head) -> Refusal | None:
        """The checks that need no body, made before the server reads any of it (unsigned
        first: a chunked body was unsigned's 401 once waitress had read it)."""
        wrong = (_not_signed(head.headers.get("X_SLACK_REQUEST_TIMESTAMP") or "",
                             head.headers.get("X_SLACK_SIGNATURE") or "")
                 or self._unmeasured("" if head.chunked else str(head.length)))
        return None if wrong is None else json_refusal(*wrong)

    def _unmeasured(self, declared: str) -> tuple[str, str] | None:
        """Why a body's length is refused (status, reason), if it is."""
        if not digits(declared):
            return "411 Length Required", "send a Content-Length"
        if int(declared) > self.max_bytes:
            return "413 Content Too Large", f"Slack requests are at most {self.max_bytes} bytes"
        return None

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        declared = environ.get("CONTENT_LENGTH") or ""
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
        wrong = self._unmeasured(declared) or _not_signed(timestamp, signature)
        if wrong is not None:
            return _refuse(start_response, *wrong)
        body = environ["wsgi.input"].read(int(declared))
        if not SignatureVerifier(self.signing_secret).is_valid(body, timestamp, signature):
            _warn_unsigned(int(timestamp))
            return _refuse(start_response, "401 Unauthorized", "not signed by Slack")
        misread = unreadable(body, environ.get("CONTENT_TYPE"))
        if misread is not None:
            log.warning("refused a signed request to /slack/events that is no Slack payload: %s",
                        misread)
            return _refuse(start_response, "400 Bad Request", f"not a Slack payload: {misread}")
        environ = {**environ, "wsgi.input": io.BytesIO(body)}
        if self.first_time is None:
            return self.app(environ, start_response)
        served = self.first_time(body=body, signature=signature, timestamp=int(timestamp))
        if served is None:
            start_response("200 OK", [("Content-Length", "0")])
            return [b""]
        return _settled_once_sent(self.app, environ, start_response, served)


def _not_signed(timestamp: str, signature: str) -> tuple[str, str] | None:
    if not digits(timestamp) or not signature.isascii() or not signature:
        return "401 Unauthorized", "not signed by Slack"
    return None


def _settled_once_sent(app: WSGIApp, environ: dict, start_response: Callable[..., Any],
                       served: Served) -> Iterable[bytes]:
    """The app's answer, whose request is settled once the answer went out (the server closes
    it then): answered when it was a 2xx, else not (an exception too)."""
    status: list[str] = []

    def recording(line: str, headers: list, exc_info: Any = None) -> Any:
        status.append(line)
        return start_response(line, headers, exc_info)

    try:
        answer = list(app(environ, recording))
    except BaseException:
        served.settle(False)
        raise
    return _Closing(answer, lambda: served.settle(bool(status) and status[-1][:1] == "2"))


class _Closing(list[bytes]):
    """An answer that calls ``then`` when the server closes it, once it was sent."""

    def __init__(self, answer: list[bytes], then: Callable[[], None]) -> None:
        super().__init__(answer)
        self._then = then

    def close(self) -> None:
        self._then()


def _refuse(start_response: Callable[..., Any], status: str, why: str) -> list[bytes]:
    data = json.dumps({"error": why}).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]


def json_refusal(status: str, why: str) -> Refusal:
    """``{"error": why}`` as a refusal from the head (the length is the server's to add)."""
    return Refusal(status, json.dumps({"error": why}).encode(),
                   (("Content-Type", "application/json"),))
