"""Feeds that break say how in plain words, never with a traceback or a library's internals: a
200 answer with nothing in it (a traceback, before), a server that hangs up mid-body
(`IncompleteRead(300 bytes read, 2003 more expected)`), an https address answered by a server
that does not speak it, and a certificate not trusted (`CERTIFICATE_VERIFY_FAILED] certificate
verify failed: self-signed certificate (_ssl.c:1006)`). A real feed server on 127.0.0.1 (and
over TLS with a certificate made for the test), real SQLite."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY

INTERNALS = ("IncompleteRead", "_ssl.c", "] ", "Traceback", "SSL:")


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=200_000)


@pytest.fixture
def self_signed(tmp_path):
    """A feed server over TLS with a certificate it signed itself."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = FeedServer()
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    with server:
        yield server


def _error(db, url: str, fetcher) -> str:
    with transaction(db):
        source = add_source(db, kind="feed", location=url, every=60)
    result = poll_feed(db, source_row(db, source), fetcher=fetcher, now=at(0))
    assert result.error and not any(bit in result.error for bit in INTERNALS), result.error
    return result.error


def _feed() -> bytes:
    return rss([Item("urn:b:1", FERRY[0], FERRY[1], published=at(-5))])


def test_an_empty_answer_is_said_as_one(server, fresh_db, fetcher):
    """Before: AttributeError out of feedparser ('object has no attribute version')."""
    server.routes["/feed"] = Route(b"")
    error = _error(fresh_db, server.url("/feed"), fetcher)
    assert error == (f"{server.url('/feed')} answered with nothing in it (an empty page, no "
                     "feed); the site may be in the middle of an update, or the address is "
                     "wrong: check it in a browser")


def test_a_server_hanging_up_mid_body_is_said_as_one(server, fresh_db, fetcher):
    body = _feed()
    server.routes["/feed"] = Route(body, cut=300)
    error = _error(fresh_db, server.url("/feed"), fetcher)
    assert f"the server closed the connection after 300 of {len(body):,} bytes" in error


def test_https_to_a_server_that_does_not_speak_it_is_said_as_one(server, fresh_db, fetcher):
    server.routes["/feed"] = Route(_feed())
    url = server.url("/feed").replace("http://", "https://")
    error = _error(fresh_db, url, fetcher)
    assert "the server at 127.0.0.1 does not speak https on this port" in error, error


def test_a_certificate_not_trusted_is_said_as_one(self_signed, fresh_db, fetcher):
    self_signed.routes["/feed"] = Route(_feed())
    url = self_signed.url("/feed").replace("http://", "https://")
    error = _error(fresh_db, url, fetcher)
    assert "the certificate of 127.0.0.1 is not trusted (self-signed certificate)" in error, \
        error
