"""A server given few places (``connection_limit`` under 17) still serves.

``make_room`` keeps a spare of ``max(PER_CLIENT, places // 10)`` places: with 10 places that
spare (16) was more than the places, so every new connection closed every idle one, itself
included: the server reset every request. Real sockets, the real waitress server."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator

import pytest

from bot.http_server import HttpServer
from tests.stopping import LAST_RESORT_S


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


@pytest.fixture(params=[10, 16, 20])
def small(request) -> Iterator[HttpServer]:
    server = HttpServer(hello, host="127.0.0.1", port=0, connection_limit=request.param)
    server.start()
    yield server
    server.stop()


def get(port: int) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=LAST_RESORT_S) as reply:
        return bytes(reply.read())


def test_a_server_with_few_places_answers(small):
    assert get(small.port) == b"ok"
    assert get(small.port) == b"ok"


def test_a_server_with_few_places_still_makes_room_for_a_request(small):
    places = small._server.adj.connection_limit
    idle = [socket.create_connection(("127.0.0.1", small.port), timeout=LAST_RESORT_S,
                                     source_address=(f"127.0.2.{n + 1}", 0))
            for n in range(places - 1)]
    try:
        assert get(small.port) == b"ok"
    finally:
        for sock in idle:
            sock.close()
