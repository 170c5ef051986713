"""The Bolt app behind the signature gate on a server with few places, and idle connections
that hold them (silent, or dripping a header line at a time), for the flood tests."""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from bot.config import Settings
from bot.http_server import HttpServer
from bot.slack.runtime import SlackRuntime
from bot.slack.server import build_router
from tests.fakes.signing import REPORTER, SECRET
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.stopping import joined

PLACES = 100
"""The server's places here (1,000 in life)."""
NO_DEADLINE = 3600.0
"""The request and idle deadlines here (20 s and 15 s in life), and waitress's own idle bound
(``channel_timeout``, 120 s, longer than ours in life): none passes during a test, so a place
is freed only by ``make_room``, never by an attacker's connection timing out, and an answer
that came only once they had timed out would never come."""


def full(server: HttpServer) -> bool:
    """waitress has stopped accepting connections: every place is taken (its own flag, set as
    it logs so); a connection past them waits unanswered in the kernel's queue."""
    return bool(server._server.in_connection_overflow)


@contextmanager
def gated_server(settings: Settings) -> Iterator[tuple[HttpServer, FakeSlack]]:
    """The pair for the block, stopped even when the block fails (no thread or port left)."""
    with FakeSlack() as fake:
        rt = SlackRuntime(replace(settings, slack_bot_token=VALID_TOKEN,
                                  slack_signing_secret=SECRET, slack_api_url=fake.base_url,
                                  port=0, host="127.0.0.1", admins=(REPORTER,)))
        try:
            http = HttpServer(build_router(slack=rt.app, signing_secret=SECRET),
                              host="127.0.0.1", port=0, connection_limit=PLACES,
                              request_seconds=NO_DEADLINE, idle_seconds=NO_DEADLINE)
            http._server.adj.channel_timeout = NO_DEADLINE
            http.start()
            try:
                yield http, fake
            finally:
                http.stop()
        finally:
            rt.stop()


class Idle:
    """Connections a subclass opens (``_open``), holding places: sending nothing, or a header
    line every ``every`` s (``drip``) until the block ends."""

    def __init__(self, port: int, count: int, *, drip: bool, every: float = 0.5) -> None:
        self.port, self.count, self.drip, self.every = port, count, drip, every
        self.sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self.dripped = threading.Event()
        """Set once the first round of drips (a header line each) has gone to every socket."""
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _open(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Idle:
        self._open()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        joined(self._thread)
        for sock in self.sockets:
            sock.close()

    def _run(self) -> None:
        while self.drip and not self._stop.wait(self.every):
            for sock in self.sockets:
                try:
                    sock.send(b"X-Drip: 1\r\n")
                except OSError:
                    continue
            self.dripped.set()


def taken_in(server: HttpServer, sock: socket.socket) -> bool:
    """The server accepted ``sock`` (it holds a connection for it, or closed it to make room),
    so ``sock`` no longer waits in the kernel's queue behind the connections before it."""
    here = sock.getsockname()
    channels = list(server._server._map.values())
    if any(getattr(channel, "addr", None) == here for channel in channels):
        return True
    readable, _, _ = select.select([sock], [], [], 0)  # closed (or answered): only once accepted
    return bool(readable)
