"""A summary endpoint that drips its answer never holds the ingest thread past its timeout.

``WIREWATCH_SUMMARY_TIMEOUT`` bounded each socket read, not the answer: an endpoint (a stuck
gateway, a model server streaming by mistake, an address someone else took over) sending a
byte now and then, within the timeout each, held every new story's article, and the one
ingest thread with it, for as long as it kept dripping. The endpoint is a real server on
127.0.0.1; the answer it drips would take 30 s, the timeout is 1 s."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from bot.config import Settings
from bot.nlp.summary import summariser_from
from tests.fakes.quiet_http import HUNG_UP, serving

SENTENCES = [
    "Ferry crews at the port of Eastwick stopped work on Monday over a new timetable.",
    "Their union said about 200 members had joined the stoppage after talks failed.",
]
REPLY = b'{"choices": [{"message": {"content": "Dripped summary of the stoppage."}}]}'
DRIPS = 600
"""Bytes dripped one at a time, ``GAP`` apart: 30 s in all, against a 1 s timeout."""
GAP = 0.05


class Dripping(BaseHTTPRequestHandler):
    """Answers every POST a byte at a time: the head (``where == "head"``) or the body."""

    where = "body"
    url = ""
    finished = threading.Event()
    """Set when every byte went out: the client waited for the whole drip."""
    hung_up = threading.Event()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        pad = b" " * (DRIPS - len(REPLY)) + REPLY
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        if self.where == "head":
            drip, rest = b"X-Pad: " + b"a" * DRIPS, b"\r\nContent-Length: %d\r\n\r\n" % len(REPLY)
            self.wfile.write(head)
            rest += REPLY
        else:
            self.wfile.write(head + b"Content-Length: %d\r\n\r\n" % len(pad))
            drip, rest = pad, b""
        try:
            for n in range(len(drip)):
                self.wfile.write(drip[n:n + 1])
                self.wfile.flush()
                if self.hung_up.wait(GAP):
                    return
            self.wfile.write(rest)
            self.wfile.flush()
            type(self).finished.set()
        except HUNG_UP:
            type(self).hung_up.set()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint(request) -> Iterator[type[Dripping]]:
    class Endpoint(Dripping):
        where = request.param
        finished = threading.Event()
        hung_up = threading.Event()

    with serving(Endpoint) as server:
        Endpoint.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        yield Endpoint
        Endpoint.hung_up.set()


@pytest.mark.parametrize("endpoint", ["body", "head"], indirect=True)
def test_a_dripping_summary_endpoint_is_cut_off_at_its_timeout(endpoint, caplog):
    """Before: the call waited for the last byte (30 s) and used the dripped reply."""
    settings = Settings(summary_url=endpoint.url, summary_model="tiny", summary_timeout=1.0)
    with caplog.at_level(logging.WARNING, logger="bot.nlp.summary"):
        summary = summariser_from(settings).summarise(title="Ferry crews stop work",
                                                      sentences=SENTENCES)
    assert not endpoint.finished.is_set(), "the whole drip was waited for"
    assert summary and summary[0] == SENTENCES[0], "the extractive summary stands in"
    assert "no whole answer within 1 s" in caplog.text
