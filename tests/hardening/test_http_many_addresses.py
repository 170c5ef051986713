"""A flood from many client addresses, one connection each, never costs Slack its request.

The server's global bound is its places (1,000 in life, 100 here): past nine tenths, each new
connection closes connections with nothing under way to make room (``make_room``). It chose
them from the address holding the most, which was meant for one attacker holding hundreds.
When the attackers come from a hundred addresses with one connection each, the address holding
the most was whoever had two: Slack's, keeping a connection alive between requests while it
opened a new one, and its new connection, accepted a moment before and not yet sent, was closed
(the command reset, never answered). Every socket is real (attackers bound to 127.0.1.x, Slack
on 127.0.0.1), the command signed and answered by the Bolt app behind the signature gate; no
connection's deadline passes meanwhile (``NO_DEADLINE``), so the answer cannot have waited for
the flood to time out."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.http_server import HttpServer
from tests.fakes.signing import command_body, post_signed
from tests.fakes.slack_api import FakeSlack
from tests.hardening.gated_server import PLACES, Idle, gated_server, taken_in
from tests.stopping import LAST_RESORT_S, wait_for

ADDRESSES = 120


class ManyAddresses(Idle):
    """One connection from each of ``count`` addresses, sending nothing, or a header line
    every half second (``drip``). A connect is done by the kernel, in its queue even once the
    server is full, so only a hang waits long on one: a slow one is not skipped as refused
    (before: 2 s, then the next address, a smaller flood on a loaded machine)."""

    def _open(self) -> None:
        for n in range(self.count):
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=LAST_RESORT_S,
                                                source_address=(f"127.0.1.{n + 1}", 0))
                if self.drip:
                    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\n")
            except ConnectionError:  # refused, or closed already to make room
                continue
            self.sockets.append(sock)


@pytest.fixture
def served(settings: Settings, fresh_db) -> Iterator[tuple[HttpServer, FakeSlack]]:
    """The Bolt app behind the gate, on a server with ``PLACES`` places."""
    with gated_server(settings) as pair:
        yield pair


def kept_alive(port: int) -> socket.socket:
    """Slack's connection kept open between two requests, served once."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=LAST_RESORT_S)
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: wirewatch\r\n\r\n")
    assert sock.recv(4096).startswith(b"HTTP/1.1 ")
    return sock


@pytest.mark.parametrize("drip", [False, True], ids=["silent", "dripping"])
def test_a_flood_from_many_addresses_never_closes_slacks_new_connection(served, drip):
    server, fake = served
    pooled = kept_alive(server.port)
    try:
        with ManyAddresses(server.port, ADDRESSES, drip=drip) as attack:
            wait_for(lambda: taken_in(server, attack.sockets[-1]))
            for _ in range(3):
                body = command_body("/topics", "", response_url=fake.response_url())
                reply = post_signed(f"http://127.0.0.1:{server.port}/slack/events", body)
                assert reply.status == 200, reply
            assert len(attack.sockets) > PLACES // 2
    finally:
        pooled.close()
