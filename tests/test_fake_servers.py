"""The tests' fake servers (feeds and pages, Slack's Web API) take a client that hangs up
mid-request as a site does, in a DEBUG line, not socketserver's 40-dash banner and traceback
printed into the suite's output; an error of the handler's own is still printed whole."""

from __future__ import annotations

import logging
import socket
import struct
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest

from tests.fakes.quiet_http import serving
from tests.fakes.slack_api import FakeSlack
from tests.fakes.socket_mode import FakeSocketMode
from tests.sources.feedserver import FeedServer
from tests.stopping import LAST_RESORT_S, wait_for

BANNER = "-" * 40


def hang_up(port: int) -> None:
    """Half a request, then a reset (SO_LINGER 0), as a client that gave up does."""
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.sendall(b"GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\n")


def printed_until(capfd, seen: Callable[[str], bool]) -> str:
    """What the servers' threads printed to stderr, once ``seen`` finds what it waits for.
    Each read empties the capture while a server thread may be writing: a write landing
    between the read and the emptying is lost, so ``seen`` must not need every line."""
    err: list[str] = []

    def done() -> bool:
        err.append(capfd.readouterr().err)
        return seen("".join(err))

    wait_for(done)
    return "".join(err)


@pytest.mark.parametrize("kind", ["feeds", "slack"])
def test_a_client_hanging_up_is_a_debug_line_not_a_banner(kind, capfd, caplog):
    caplog.set_level(logging.DEBUG, logger="tests.fakes.quiet_http")
    server = FeedServer() if kind == "feeds" else FakeSlack()
    with server:
        hang_up(server.port if isinstance(server, FeedServer) else
                urlsplit(server.base_url).port or 0)
        printed = printed_until(capfd, lambda err: "hung up" in caplog.text or BANNER in err)
    assert BANNER not in printed, printed
    assert "hung up" in caplog.text


class Broken(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        raise RuntimeError("a fault of the handler's own")

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads the error banner."""


def hung_up_by_server(client: socket.socket) -> bool:
    """The server closed ``client``'s connection: socketserver does so only once its
    ``handle_error`` has returned, so all it printed is in the capture by then."""
    client.settimeout(LAST_RESORT_S)
    return client.recv(1) == b""


def test_an_error_of_the_handlers_own_is_still_printed_with_its_traceback(capfd):
    """Read once the server is done: polling the capture while it printed can lose a line
    (the read-then-empty race), the likely cause of a full run's 300 s wait for two banners.
    Exactly two: no earlier test's thread is left to print into this one's capture."""
    with serving(Broken) as server, socket.create_connection(
            ("127.0.0.1", server.server_port)) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert hung_up_by_server(client)
    printed = capfd.readouterr().err
    assert printed.count(BANNER) == 2, printed
    assert "RuntimeError: a fault of the handler's own" in printed, printed


def test_a_stopped_feed_server_leaves_no_request_thread_for_a_connection_left_open():
    """A keep-alive client that never closes (a fetcher's pool): its request thread used to
    wait for a next request after the server had stopped, outliving the test."""
    before = set(threading.enumerate())
    with socket.socket() as client:
        client.settimeout(LAST_RESORT_S)
        with FeedServer() as server:
            client.connect(("127.0.0.1", server.port))
            client.sendall(b"GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert client.recv(4096).startswith(b"HTTP/1.1 ")
        left = [thread.name for thread in threading.enumerate() if thread not in before]
    assert left == []


def test_the_socket_mode_fake_ends_when_the_app_hangs_up_mid_handshake():
    """It used to read the closed connection's empty reads for ever, a thread spinning on
    after its test."""
    fake = FakeSocketMode()
    port = urlsplit(fake.url).port or 0
    with socket.create_connection(("127.0.0.1", port)) as app:
        app.sendall(b"GET /link/?ticket=fake HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        wait_for(lambda: fake._conn is not None)
    fake.close()
    assert not fake._thread.is_alive()
