"""What a flood of connections can make the server hold in memory is bounded per connection.

waitress kept up to 256 kB of a request's unfinished headers and 512 kB of its body in memory:
measured last session with 400 connections from 400 addresses, 67 MB (headers) and 169 MB
(bodies) against 22 MB idle, 0.4 GB at the 1,000 places. Now a head is at most ``HEADER_BYTES``
(16 kB: answered 431 and closed past it) and a body keeps ``BODY_IN_MEMORY`` (64 kB) in memory,
the rest in a temporary file; a body is read at all only where a route takes one (see
test_http_refused_from_the_head.py). The connections here, one from each of 100 addresses,
send a Slack-looking head and 300 kB of body, or 250 kB of header lines; the bytes the server
holds in memory for them are counted from its own buffers once it has read what it will."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest
from waitress.buffers import OverflowableBuffer

from bot.http_server import BODY_IN_MEMORY, HEADER_BYTES, HttpServer, SlackGate, TimedParser
from tests.fakes.signing import SECRET
from tests.stopping import LAST_RESORT_S

CONNECTIONS = 100
SENT = 300_000


def signed_only(environ, start_response):
    start_response("200 OK", [("Content-Length", "0")])
    return [b""]


@pytest.fixture
def server() -> Iterator[HttpServer]:
    http = HttpServer(SlackGate(signed_only, signing_secret=SECRET), host="127.0.0.1", port=0,
                      connection_limit=CONNECTIONS * 2)
    http.start()
    yield http
    http.stop()


def held(parser: TimedParser) -> int:
    """Bytes of a request the server holds in memory: its head so far, its body's buffer
    unless that went to a temporary file."""
    body = getattr(parser.body_rcv, "buf", None)
    in_memory = len(body) if isinstance(body, OverflowableBuffer) and not body.overflowed else 0
    return len(parser.header_plus) + in_memory


def in_progress(server: HttpServer) -> list[TimedParser]:
    return [channel.request for channel in list(server._server._map.values())
            if isinstance(getattr(channel, "request", None), TimedParser)]


def flood(port: int, payload: bytes) -> list[socket.socket]:
    socks = []
    for n in range(CONNECTIONS):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10,
                                        source_address=(f"127.0.4.{n + 1}", 0))
        with contextlib.suppress(OSError):  # answered and closed before all of it was sent
            sock.sendall(payload)
        socks.append(sock)
    return socks


def received(server: HttpServer) -> int:
    return sum(p.header_bytes_received + p.body_bytes_received for p in in_progress(server))


def settled(server: HttpServer, socks: list[socket.socket], sent: int) -> int:
    """The bytes held once the server has read what it will: every connection's bytes
    received, or the connection answered."""
    deadline = time.monotonic() + LAST_RESORT_S
    while time.monotonic() < deadline:
        answered = sum(1 for sock in socks if answer(sock))
        waiting = in_progress(server)
        if answered + len(waiting) >= CONNECTIONS and received(server) >= len(waiting) * (sent - 4):
            break
        time.sleep(0.2)
    return sum(held(p) for p in in_progress(server))


def answer(sock: socket.socket) -> bool:
    """The server answered this connection (431 to an oversized head) or closed it."""
    sock.setblocking(False)
    try:
        sock.recv(1, socket.MSG_PEEK)  # an answer's first byte, or b"" once closed
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)
    return True


HEAD = ("POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\nX-Slack-Request-Timestamp: "
        "1700000000\r\nX-Slack-Signature: v0=00ff\r\n")
PAYLOADS = {
    "body": (HEAD + "Content-Length: 1000000\r\n\r\n").encode() + b"x" * SENT,
    "headers": HEAD.encode() + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 1000)
                                        for i in range(250)),
}


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_a_flood_of_connections_holds_a_bounded_amount_of_memory(server, kind):
    socks = flood(server.port, PAYLOADS[kind])
    try:
        total = settled(server, socks, len(PAYLOADS[kind]))
    finally:
        for sock in socks:
            sock.close()
    assert total <= CONNECTIONS * (HEADER_BYTES + BODY_IN_MEMORY), total
