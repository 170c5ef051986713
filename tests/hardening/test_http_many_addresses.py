"""A flood from many client addresses, one connection each, never costs Slack its request.

The server's global bound is its places (1,000 in life, 100 here): past nine tenths, each new
connection closes connections with nothing under way to make room (``make_room``). It chose
them from the address holding the most, which was meant for one attacker holding hundreds.
When the attackers come from a hundred addresses with one connection each, the address holding
the most was whoever had two: Slack's, keeping a connection alive between requests while it
opened a new one, and its new connection, accepted a moment before and not yet sent, was closed
(the command reset, never answered). Every socket is real (attackers bound to 127.0.1.x, Slack
on 127.0.0.1), the command signed and answered by the Bolt app behind the signature gate."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.config import Settings
from bot.http_server import HttpServer
from bot.slack.runtime import SlackRuntime
from bot.slack.server import build_router
from tests.fakes.signing import REPORTER, SECRET, command_body, post_signed
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack

PLACES = 100
ADDRESSES = 120


class ManyAddresses:
    """One connection from each of ``count`` addresses, sending nothing, or a header line
    every half second (``drip``)."""

    def __init__(self, port: int, count: int, *, drip: bool) -> None:
        self.port, self.count, self.drip = port, count, drip
        self.sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ManyAddresses:
        for n in range(self.count):
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=2,
                                                source_address=(f"127.0.1.{n + 1}", 0))
                if self.drip:
                    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\n")
            except OSError:
                continue
            self.sockets.append(sock)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        for sock in self.sockets:
            sock.close()

    def _run(self) -> None:
        while self.drip and not self._stop.wait(0.5):
            for sock in self.sockets:
                try:
                    sock.send(b"X-Drip: 1\r\n")
                except OSError:
                    continue


@pytest.fixture
def served(settings: Settings, fresh_db) -> Iterator[tuple[HttpServer, FakeSlack]]:
    """The Bolt app behind the gate, on a server with ``PLACES`` places."""
    with FakeSlack() as fake:
        rt = SlackRuntime(replace(settings, slack_bot_token=VALID_TOKEN,
                                  slack_signing_secret=SECRET, slack_api_url=fake.base_url,
                                  port=0, host="127.0.0.1", admins=(REPORTER,)))
        http = HttpServer(build_router(slack=rt.app, signing_secret=SECRET),
                          host="127.0.0.1", port=0, connection_limit=PLACES)
        http.start()
        yield http, fake
        http.stop()
        rt.stop()


def kept_alive(port: int) -> socket.socket:
    """Slack's connection kept open between two requests, served once."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=3)
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: wirewatch\r\n\r\n")
    assert sock.recv(4096).startswith(b"HTTP/1.1 ")
    return sock


@pytest.mark.parametrize("drip", [False, True], ids=["silent", "dripping"])
def test_a_flood_from_many_addresses_never_closes_slacks_new_connection(served, drip):
    server, fake = served
    pooled = kept_alive(server.port)
    try:
        with ManyAddresses(server.port, ADDRESSES, drip=drip) as attack:
            time.sleep(0.3)
            for _ in range(3):
                body = command_body("/topics", "", response_url=fake.response_url())
                started = time.monotonic()
                reply = post_signed(f"http://127.0.0.1:{server.port}/slack/events", body,
                                    timeout=3)
                assert reply.status == 200, reply
                assert time.monotonic() - started < 3
            assert len(attack.sockets) > PLACES // 2
    finally:
        pooled.close()
