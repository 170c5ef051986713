"""A large body sent slowly, within the time the server grants it, is never cut off to make room.

Past nine tenths of the server's places each new connection closes connections of the address
holding the most that have nothing under way, longest quiet first (``make_room``, the answer to
an attacker's pool of served connections). Behind a reverse proxy every connection comes from
its one address, and a client's upload it forwards at a modest pace counted as nothing under
way: it was closed mid-body, the article lost, the client told only that the connection reset.
Every socket is real; the article goes through `/ingest` into a real SQLite file."""

from __future__ import annotations

import json
import socket

from bot.http_server import BODY_IN_MEMORY, GuardedChannel, HttpServer, TimedParser
from bot.ingest.http_api import IngestApp
from storage.db import ThreadLocalDb
from tests.hardening.gated_server import NO_DEADLINE
from tests.sources.stories import FERRY
from tests.stopping import LAST_RESORT_S, wait_for

PROXY = "127.0.0.2"
PLACES = 100
TOKEN = "a-long-enough-ingest-token-for-the-test"
DRIPPED = BODY_IN_MEMORY - 1
"""The body an attacker declares: kept in memory, so its headers are not screened first."""


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=LAST_RESORT_S,
                                    source_address=(PROXY, 0))


def arriving(server: HttpServer) -> list[tuple[GuardedChannel, int]]:
    """The server's connections with a request still coming in, and the body bytes it has
    taken in of each (read from its loop's map: what make_room will judge them by)."""
    found = []
    for channel in list(server._server._map.values()):
        request = getattr(channel, "request", None)
        if isinstance(channel, GuardedChannel) and isinstance(request, TimedParser):
            body = request.body_rcv
            found.append((channel, len(body) if body is not None else 0))
    return found


def taken_in(server: HttpServer, size: int) -> bool:
    """Some request has had ``size`` bytes of its body taken in by the server."""
    return any(got >= size for _, got in arriving(server))


def pooled(port: int, count: int) -> list[socket.socket]:
    """The proxy's pool: connections each served once, then kept open, idle."""
    pool = []
    for _ in range(count):
        sock = connect(port)
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: wirewatch\r\n\r\n")
        sock.recv(4096)
        pool.append(sock)
    return pool


def test_a_slow_upload_through_a_proxy_is_not_cut_off_to_make_room(db_path):
    dbs = ThreadLocalDb(db_path)
    server = HttpServer(IngestApp(dbs, token=TOKEN, max_bytes=1_000_000), host="127.0.0.1",
                        port=0, connection_limit=PLACES)
    server.start()
    pool: list[socket.socket] = []
    try:
        text = (FERRY[1] + "\n\n") * 400
        body = json.dumps({"title": FERRY[0], "text": text}).encode()
        upload = connect(server.port)
        upload.sendall(b"POST /ingest HTTP/1.1\r\nHost: wirewatch\r\nContent-Type: "
                       b"application/json\r\nAuthorization: Bearer " + TOKEN.encode()
                       + f"\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        quarter = len(body) // 4
        upload.sendall(body[:quarter])
        wait_for(lambda: taken_in(server, quarter))
        pool = pooled(server.port, PLACES - 5)
        for start in range(quarter, len(body), quarter):
            upload.sendall(body[start:start + quarter])
            if start + quarter < len(body):  # the last one completes the request
                wait_for(lambda end=start + quarter: taken_in(server, end))
        answer = upload.recv(4096)
        assert answer.startswith(b"HTTP/1.1 202"), answer
        assert dbs.get()["inbox"].count == 1
    finally:
        for sock in pool:
            sock.close()
        server.stop()


def test_bodies_dripped_too_slowly_to_finish_in_time_still_make_room(db_path):
    """The other side: an attacker's served connections each declaring a body and sending a
    byte of it now and then (it would need hours, the deadline grants an hour here) are closed
    to make room as before, so a fresh request from elsewhere is answered: no deadline passes
    during the test, so only ``make_room`` can have given it its place. The body is declared
    under ``BODY_IN_MEMORY``: a larger one is screened at its headers (no token: answered and
    closed at once), which would free the places without ``make_room``."""
    server = HttpServer(IngestApp(ThreadLocalDb(db_path), token=TOKEN, max_bytes=1_000_000),
                        host="127.0.0.1", port=0, connection_limit=PLACES,
                        request_seconds=NO_DEADLINE, idle_seconds=NO_DEADLINE)
    server._server.adj.channel_timeout = NO_DEADLINE
    server.start()
    pool: list[socket.socket] = []
    try:
        for _ in range(PLACES + 10):
            try:
                [sock] = pooled(server.port, 1)
                sock.sendall(b"POST /ingest HTTP/1.1\r\nHost: wirewatch\r\n"
                             b"Content-Length: %d\r\n\r\nx" % DRIPPED)
            except OSError:  # no place left: the server stopped taking connections
                break
            pool.append(sock)
        for sock in pool:
            try:
                sock.send(b"x")
            except OSError:
                continue
        wait_for(lambda: all(got >= 2 and not channel.sending_in_time()
                             for channel, got in arriving(server)))
        fresh = socket.create_connection(("127.0.0.1", server.port), timeout=LAST_RESORT_S)
        fresh.sendall(b"GET /health HTTP/1.1\r\nHost: wirewatch\r\n\r\n")
        assert fresh.recv(4096).startswith(b"HTTP/1.1 "), "answered"
        fresh.close()
    finally:
        for sock in pool:
            sock.close()
        server.stop()
