"""``wirewatch -v`` says where the server listens as an address a person can open.

It said "listening on http://0.0.0.0:3000": the listen-all address, which no browser or curl
reaches on every system. The run banner gives one already (``bot.listen_address``); the log
line now does too, and says other machines use this host's name. Real servers, real log."""

from __future__ import annotations

import logging
import socket
import urllib.request

import pytest

from bot.http_server import HttpServer
from tests.stopping import LAST_RESORT_S


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def listening_line(caplog, host: str) -> str:
    server = HttpServer(hello, host=host, port=0)
    with caplog.at_level(logging.INFO, logger="bot.http_server"):
        server.start()
    try:
        lines = [r.getMessage() for r in caplog.records if "listening on" in r.getMessage()]
        assert len(lines) == 1, lines
        url = lines[0].split("listening on ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(url + "/health", timeout=LAST_RESORT_S) as reply:
            assert reply.read() == b"ok"
        return lines[0]
    finally:
        server.stop()


def test_listening_on_all_interfaces_logs_an_address_to_open(caplog):
    line = listening_line(caplog, "0.0.0.0")
    assert "0.0.0.0" not in line
    assert line.startswith("listening on http://127.0.0.1:")
    assert "all interfaces" in line and "this host's name or address" in line


def test_listening_on_one_address_logs_that_address_alone(caplog):
    line = listening_line(caplog, "127.0.0.1")
    assert line.startswith("listening on http://127.0.0.1:")
    assert "all interfaces" not in line


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback on this host")
def test_listening_on_all_ipv6_interfaces_logs_the_loopback(caplog):
    line = listening_line(caplog, "::")
    assert line.startswith("listening on http://[::1]:")
