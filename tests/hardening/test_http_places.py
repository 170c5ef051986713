"""One client address never takes every place the HTTP server has, even with connections it
had served once (a reverse proxy's pool is let through; an attacker's imitation of one is not).

The attacker connects from 127.0.0.2, Slack from 127.0.0.1; every socket is real, and Slack's
command is signed and answered by the real Bolt app behind the signature gate."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.http_server import HttpServer
from tests.fakes.signing import command_body, post_signed
from tests.fakes.slack_api import FakeSlack
from tests.hardening.gated_server import PLACES, Idle, full, gated_server
from tests.stopping import LAST_RESORT_S

ATTACKER = "127.0.0.2"


class ServedThenSlow(Idle):
    """``count`` connections from ``source``: each has one request answered (as a proxy's
    pooled connection has), then starts another and sends a header line every ``every`` s
    (``drip``) or nothing at all; none more once the server is full."""

    def __init__(self, server: HttpServer, count: int, *, drip: bool) -> None:
        super().__init__(server.port, count, drip=drip)
        self.server = server

    def _open(self) -> None:
        for _ in range(self.count):
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=LAST_RESORT_S,
                                                source_address=(ATTACKER, 0))
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: wirewatch\r\n\r\n")
                if not answered(sock, self.server):  # held, as the one that filled it may be
                    self.sockets.append(sock)
                    break
            except ConnectionError:  # the server closed it
                break
            if self.drip:
                sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\n")
            self.sockets.append(sock)


def answered(sock: socket.socket, server: HttpServer) -> bool:
    """The server answered (or closed) ``sock``, however long a loaded machine took; False once
    the server says it is full (``full``). Before: 2 s without an answer counted as full, so on
    a loaded machine a slow answer ended the attack early, with fewer places taken."""
    sock.settimeout(0.05)
    deadline = time.monotonic() + LAST_RESORT_S
    try:
        while time.monotonic() < deadline:
            try:
                sock.recv(4096)
                return True
            except TimeoutError:
                if full(server):
                    return False
        raise AssertionError(f"no answer and the server not full after {LAST_RESORT_S:.0f} s")
    finally:
        sock.settimeout(LAST_RESORT_S)


@pytest.fixture
def served(settings: Settings, fresh_db) -> Iterator[tuple[HttpServer, FakeSlack]]:
    """The Bolt app behind the gate, on a server with ``PLACES`` places (1,000 in life)."""
    with gated_server(settings) as pair:
        yield pair


def _command_answered(server: HttpServer, fake: FakeSlack) -> bool:
    """A signed `/topics` was answered. No connection's deadline passes during the test
    (``NO_DEADLINE``): if the attack's connections took every place, no answer would come."""
    body = command_body("/topics", "", response_url=fake.response_url())
    reply = post_signed(f"http://127.0.0.1:{server.port}/slack/events", body)
    return reply.status == 200


@pytest.mark.parametrize("drip", [True, False], ids=["dripping", "silent"])
def test_connections_served_once_never_take_every_place(served, drip):
    """Each attacking connection had one request answered, so the per-address limit took it for
    a proxy's pooled connection and never counted it: 110 of them filled all the server's
    places (waitress stops accepting at its limit), and Slack's command behind them was never
    accepted (Slack gives up at 3 s). The dripping ones are cut off after 20 s, the silent ones
    after 15 s: the attacker opens them again, for ever."""
    server, fake = served
    with ServedThenSlow(server, PLACES + 10, drip=drip) as attack:
        assert not drip or attack.dripped.wait(LAST_RESORT_S)
        assert _command_answered(server, fake)
        assert _command_answered(server, fake)
        assert len(attack.sockets) > PLACES // 2
