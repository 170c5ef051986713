"""Slow clients (slowloris) never lock Slack out of the bot's HTTP port.

waitress holds at most ``connection_limit`` connections; one that never finishes sending its
request used to keep its place for as long as it sent a byte now and then. The attacker here
connects from 127.0.0.2, the legitimate clients from 127.0.0.1 (both reach the loopback
server); every socket is real.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from bot.http_server import HttpServer
from tests.fakes.signing import command_body, post_signed
from tests.hardening.gated_server import taken_in
from tests.slack.conftest import events_url
from tests.stopping import LAST_RESORT_S, joined, wait_for

ATTACKER = "127.0.0.2"
START = b"POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\nContent-Length: 10\r\n"


class Slowloris:
    """``count`` connections from ``source``, each sending a header line every ``every`` s and
    never ending its request."""

    def __init__(self, port: int, count: int, *, source: str = ATTACKER,
                 every: float = 0.5) -> None:
        self.port, self.count, self.source, self.every = port, count, source, every
        self.sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self._drip = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Slowloris:
        for _ in range(self.count):
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=2,
                                            source_address=(self.source, 0))
            sock.sendall(START)
            self.sockets.append(sock)
        self._drip.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        joined(self._drip)
        for sock in self.sockets:
            sock.close()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for sock in self.sockets:
                try:
                    sock.send(b"X-Drip: 1\r\n")
                except OSError:
                    continue

    def closed_by_server(self) -> int:
        """How many of the connections the server has closed (a read gives end of file)."""
        closed = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                closed += sock.recv(4096) == b""
            except BlockingIOError:
                continue
            except OSError:
                closed += 1
        return closed


def test_slow_clients_from_one_address_never_lock_slack_out(runtime, fake_slack):
    """120 dripping connections used to fill waitress's 100 places: the slash command behind
    them was never accepted (Slack gives up after 3 s). It is answered before any of them
    could have timed out (a header line every half second: the request deadline is 20 s), and
    the server has closed them: refused as one address's crowd, not outlasted."""
    server = runtime._http
    assert server is not None
    with Slowloris(runtime.port, 120) as attack:
        wait_for(lambda: taken_in(server, attack.sockets[-1]))  # the kernel queues them in order
        body = command_body("/topics", "list", response_url=fake_slack.response_url())
        reply = post_signed(events_url(runtime), body)
        assert reply.status == 200, reply
        assert attack.closed_by_server() >= 100


def _hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


@pytest.fixture
def quick_server() -> Iterator[HttpServer]:
    server = HttpServer(_hello, host="127.0.0.1", port=0, request_seconds=1.0, idle_seconds=1.0)
    server.start()
    yield server
    server.stop()


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(4096) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def test_a_request_that_never_finishes_arriving_is_cut_off(quick_server):
    """A request dripping a header byte at a time, and a connection that sends nothing, are
    closed once their time is up; a normal request still gets its answer."""
    with Slowloris(quick_server.port, 1, every=0.2) as dripping:
        silent = socket.create_connection(("127.0.0.1", quick_server.port), timeout=LAST_RESORT_S)
        try:
            assert _closed_within(dripping.sockets[0], LAST_RESORT_S)
            assert _closed_within(silent, LAST_RESORT_S)
        finally:
            silent.close()
    conn = http.client.HTTPConnection("127.0.0.1", quick_server.port, timeout=LAST_RESORT_S)
    conn.request("GET", "/")
    assert conn.getresponse().read() == b"ok"


def test_a_slow_body_gets_time_in_proportion_to_its_length(quick_server):
    """A large body sent at a modest pace is not cut off by the deadline for headers."""
    body = b"x" * 300_000
    with socket.create_connection(("127.0.0.1", quick_server.port), timeout=LAST_RESORT_S) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: wirewatch\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode())
        for start in range(0, len(body), 50_000):
            sock.sendall(body[start:start + 50_000])
            time.sleep(0.3)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")


def test_a_proxys_pool_of_kept_alive_connections_is_not_taken_for_an_attack():
    """Behind a reverse proxy every connection comes from the proxy's address, and a proxy
    that pools connections keeps more than 16 of them open between requests: those were
    counted as waiting and the proxy's next connection was closed at once (a 502 for Slack)."""
    server = HttpServer(_hello, host="127.0.0.1", port=0)
    server.start()
    pool = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=LAST_RESORT_S)
            for _ in range(24)]
    try:
        for conn in pool:  # each served once, then kept open for the next request
            conn.request("GET", "/")
            assert conn.getresponse().read() == b"ok"
        fresh = http.client.HTTPConnection("127.0.0.1", server.port, timeout=LAST_RESORT_S)
        fresh.request("GET", "/")
        assert fresh.getresponse().read() == b"ok"
        fresh.close()
        for conn in pool:  # and the pooled ones are still open and served
            conn.request("GET", "/")
            assert conn.getresponse().read() == b"ok"
    finally:
        for conn in pool:
            conn.close()
        server.stop()
