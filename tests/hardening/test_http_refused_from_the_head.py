"""A request that will be refused is answered from its head, before a byte of its body is read.

`/ingest`'s token was checked by the WSGI app, which waitress calls only once it has read the
whole body (up to `WIREWATCH_INGEST_MAX_MB`, 10 MB, a temporary file past 512 kB): anyone could
make wirewatch read and buffer 10 MB a request without the token. The same held for a body sent
to `/health` or a path no route takes, and for an unsigned request to `/slack/events`. Each
request below sends its head and a first kilobyte of a large declared body, then waits: the
answer can only come before the rest if the server did not wait for it. Real sockets, the real
waitress server, the real `/ingest` app on real SQLite, the real signature gate."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator

import pytest
from waitress.buffers import OverflowableBuffer

from bot.http_server import SLACK_MAX_BODY, HttpServer, SlackGate, TimedParser
from bot.ingest.http_api import IngestApp
from bot.slack.server import build_router
from storage.db import ThreadLocalDb
from storage.inbox import pending
from tests.fakes.signing import SECRET
from tests.stopping import LAST_RESORT_S

TOKEN = "9b1e4c7d2a6f48e0b5c3d1a7"
DECLARED = 5_000_000


def signed_only(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "6")])
    return [b"signed"]


@pytest.fixture
def server(db_path) -> Iterator[HttpServer]:
    ingest = IngestApp(ThreadLocalDb(db_path), token=TOKEN, max_bytes=10 * 1024 * 1024)
    gate = SlackGate(signed_only, signing_secret=SECRET)  # the gate in front of a plain app
    router = build_router(slack=None, extra_routes={"/ingest": ingest, "/slack/events": gate})
    http = HttpServer(router, host="127.0.0.1", port=0)
    http.start()
    yield http
    http.stop()


def head_then_wait(port: int, head: str, *, declared: int = DECLARED) -> tuple[str, dict, str]:
    """Send the head and the body's first kilobyte, then wait for an answer (status line,
    JSON body, raw headers) without sending the rest."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=LAST_RESORT_S)
    try:
        sock.sendall((head + f"Content-Length: {declared}\r\n\r\n").encode() + b"[" * 1024)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    finally:
        sock.close()
    headers, _, body = answer.decode().partition("\r\n\r\n")
    return headers.split("\r\n")[0], json.loads(body), headers


@pytest.mark.parametrize("authorization", ["", "Authorization: Bearer guessed-token-123456\r\n",
                                           "Authorization: Basic ZWRpdG9yOnB3\r\n"],
                         ids=["no-token", "wrong-token", "another-scheme"])
def test_an_ingest_caller_without_the_token_is_refused_before_its_body(server, authorization):
    status, body, headers = head_then_wait(
        server.port, "POST /ingest HTTP/1.1\r\nHost: wirewatch\r\n"
        f"Content-Type: application/json\r\n{authorization}")
    assert status == "HTTP/1.1 401 Unauthorized"
    assert body["error"] == "missing or wrong bearer token" and "usage" in body
    assert 'www-authenticate: bearer realm="wirewatch"' in headers.lower()


@pytest.mark.parametrize("head, status, error", [
    ("GET /ingest HTTP/1.1\r\n", "405 Method Not Allowed", "use POST"),
    ("POST /ingest/more HTTP/1.1\r\n", "404 Not Found", "not found; articles go to POST"),
    ("POST /elsewhere HTTP/1.1\r\n", "404 Not Found", "no route /elsewhere"),
    ("POST /health HTTP/1.1\r\n", "413 Content Too Large", "GET /health takes no body"),
    ("POST /slack/events HTTP/1.1\r\n", "401 Unauthorized", "not signed by Slack"),
], ids=["ingest-get", "ingest-elsewhere", "no-route", "health", "slack-unsigned"])
def test_a_body_no_route_will_read_is_refused_before_it_is_read(server, head, status, error):
    got, body, _ = head_then_wait(server.port, head + "Host: wirewatch\r\n", declared=500_000)
    assert got == f"HTTP/1.1 {status}"
    assert body["error"].startswith(error), body


def test_a_signed_looking_slack_body_over_its_limit_is_refused_before_it_is_read(server):
    got, body, _ = head_then_wait(
        server.port, "POST /slack/events HTTP/1.1\r\nHost: wirewatch\r\n"
        "X-Slack-Request-Timestamp: 1700000000\r\nX-Slack-Signature: v0=00ff\r\n",
        declared=SLACK_MAX_BODY + 1)
    assert got == "HTTP/1.1 413 Content Too Large"
    assert body["error"] == f"Slack requests are at most {SLACK_MAX_BODY} bytes"


def test_a_caller_with_the_token_still_sends_its_body_and_is_queued(server, db_path):
    article = json.dumps({"title": "Tug crews strike at Varnhold",
                          "text": "Tug crews at the port of Varnhold stopped work at dawn on "
                                  "Monday over night-shift pay, their union said."}).encode()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=LAST_RESORT_S)
    try:
        sock.sendall(f"POST /ingest HTTP/1.1\r\nHost: wirewatch\r\nAuthorization: Bearer {TOKEN}"
                     f"\r\nContent-Length: {len(article)}\r\n\r\n".encode() + article[:20])
        sock.sendall(article[20:])
        answer = sock.recv(65536).decode()
    finally:
        sock.close()
    assert answer.startswith("HTTP/1.1 202 Accepted"), answer
    assert len(pending(ThreadLocalDb(db_path).get(), limit=10)) == 1


CHUNKS = 40


def buffered_once_read(server: HttpServer) -> int:
    """The body bytes the server keeps (in memory or a temporary file) for requests under
    way, once it has read the chunks sent."""
    deadline = time.monotonic() + LAST_RESORT_S
    while True:
        parsers = [c.request for c in list(server._server._map.values())
                   if isinstance(getattr(c, "request", None), TimedParser)]
        if sum(p.body_bytes_received for p in parsers) >= CHUNKS * 0x4000 or \
                time.monotonic() > deadline:
            return sum(len(p.body_rcv.buf) for p in parsers if p.body_rcv is not None and
                       isinstance(p.body_rcv.buf, OverflowableBuffer))
        time.sleep(0.1)


@pytest.mark.parametrize("path, headers, status", [
    ("/ingest", "Authorization: Bearer guessed-token-123456\r\n", "401 Unauthorized"),
    ("/slack/events", "X-Slack-Request-Timestamp: 1700000000\r\nX-Slack-Signature: v0=00ff\r\n",
     "411 Length Required"),
], ids=["ingest", "slack"])
def test_a_chunked_body_is_refused_from_the_head_too(server, path, headers, status):
    """A chunked body declares no length: waitress read it up to the largest route's limit
    (10 MB, a temporary file past 512 kB) before any route saw it. Now it is read to its end
    and dropped (a client sending its chunks after the head would be reset by a close), and
    the head's refusal answered; none of it is kept while it comes (before: 640 kB)."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=LAST_RESORT_S)
    try:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: wirewatch\r\n{headers}"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        for _ in range(CHUNKS):
            sock.sendall(b"4000\r\n" + b"[" * 0x4000 + b"\r\n")
        assert buffered_once_read(server) == 0
        sock.sendall(b"0\r\n\r\n")
        answer = sock.recv(65536).decode()
    finally:
        sock.close()
    assert answer.startswith(f"HTTP/1.1 {status}"), answer


@pytest.mark.parametrize("path, headers", [
    ("/ingest", ""), ("/ingest", f"Authorization: Bearer {TOKEN}\r\n"),
    ("/slack/events", "X-Slack-Signature: v0=00\r\nX-Slack-Request-Timestamp: 1\r\n"),
    ("/health", "")], ids=["ingest", "ingest-with-token", "slack", "health"])
def test_a_length_of_thousands_of_digits_is_a_400_not_an_error(server, caplog, path, headers):
    """waitress checks a Content-Length is digits, then ``int`` refused 5,000 of them
    (Python's limit is 4,300): no answer, the connection dropped, and an ERROR line for each
    such request (no token or signature needed; the port faces the internet)."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=LAST_RESORT_S)
    try:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: wirewatch\r\n{headers}"
                     f"Content-Length: {'1' * 5000}\r\n\r\n{{}}".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 400 Bad Request"), answer[:200]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
