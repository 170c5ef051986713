"""A real HTTP server on 127.0.0.1 serving feeds and pages, good and broken, for source tests."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler

from bot.ingest.addresses import AddressPolicy
from bot.ingest.fetch import Fetcher, FetchLimits
from tests.fakes.quiet_http import QuietHTTPServer
from tests.stopping import LAST_RESORT_S

# The feed server on 127.0.0.1 stands in for public sites: these tests allow loopback by name,
# as an operator would with WIREWATCH_ALLOW_NETWORKS (everything else stays refused).
LOOPBACK_NETWORK = "127.0.0.0/8"


def no_dns(host: str, port: int) -> list[str]:
    """Tests never ask a real DNS server: names other than localhost do not resolve."""
    if host == "localhost":
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


LOOPBACK = AddressPolicy.allowing([LOOPBACK_NETWORK], resolver=no_dns)


def quick_fetcher(max_bytes: int) -> Fetcher:
    """A fetcher of the loopback server for a test of a timeout: a read stalled 0.5 s fails."""
    return Fetcher(limits=FetchLimits(connect_timeout=2, read_timeout=0.5, total_timeout=1.5,
                                      max_bytes=max_bytes), policy=LOOPBACK)


def loopback_fetcher(max_bytes: int = FetchLimits.max_bytes) -> Fetcher:
    """A fetcher of the loopback server for a test whose point is not a timeout: the server
    answers at once, so its time limits fire only on a hang (``LAST_RESORT_S``), never on a
    loaded machine's slow turn; ``max_bytes`` as the test's feeds need."""
    return Fetcher(limits=FetchLimits(connect_timeout=LAST_RESORT_S, read_timeout=LAST_RESORT_S,
                                      total_timeout=LAST_RESORT_S, max_bytes=max_bytes),
                   policy=LOOPBACK)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    """Sent as Last-Modified; an If-Modified-Since naming it is answered 304."""
    delay: float = 0.0
    drip: float = 0.0
    gzip: bool = False
    declare_length: bool = True
    hold: threading.Event | None = None
    cut: int | None = None
    """Send only this many bytes of the body (its full length declared), then hang up."""
    stall: threading.Event | None = None
    """Send the status line, then a header line every half second until set: an answer that
    keeps a client's read timeout from running out (its total one still does)."""


class FeedServer:
    """Routes are set by tests while it runs; every request is recorded with its headers."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.holding = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append((self.path, dict(self.headers)))
                server.answer(self, server.routes.get(self.path))

            def log_message(self, *args) -> None:
                pass

        self.httpd = QuietHTTPServer((host, 0), Handler)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def base(self) -> str:
        host = self.httpd.server_address[0]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def long_url(self, path: str) -> str:
        """``path``'s address made some 50,000 characters long by its query (a hostile link;
        the server answers a longer one 414)."""
        return self.url(path) + "?" + "&".join(f"ref{n}=quay" for n in range(5_000))

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def answer(self, handler: BaseHTTPRequestHandler, route: Route | None) -> None:
        if route is None:
            route = Route(b"not here", status=404, content_type="text/plain")
        if route.hold is not None:
            self.holding.set()
            route.hold.wait(LAST_RESORT_S)
        time.sleep(route.delay)
        if (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
                route.last_modified
                and handler.headers.get("If-Modified-Since") == route.last_modified):
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = gzip.compress(route.body) if route.gzip else route.body
        handler.send_response(route.status)
        if route.stall is not None:
            self._stall(handler, route.stall)
        handler.send_header("Content-Type", route.content_type)
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        if route.etag:
            handler.send_header("ETag", route.etag)
        if route.last_modified:
            handler.send_header("Last-Modified", route.last_modified)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if route.declare_length:
            handler.send_header("Content-Length", str(len(body)))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._write(handler, body, route)

    def _stall(self, handler: BaseHTTPRequestHandler, until: threading.Event) -> None:
        """A line every half second, so the client waits for ``until`` (or ``LAST_RESORT_S``)."""
        self.holding.set()
        deadline = time.monotonic() + LAST_RESORT_S
        handler.flush_headers()
        while not until.wait(0.5) and time.monotonic() < deadline:
            handler.send_header("X-Still-Working", "1")
            handler.flush_headers()

    def _write(self, handler: BaseHTTPRequestHandler, body: bytes, route: Route) -> None:
        if route.cut is not None:
            handler.wfile.write(body[:route.cut])
            handler.close_connection = True
            return
        if not route.drip:
            handler.wfile.write(body)
            return
        for index in range(0, len(body), 64):
            handler.wfile.write(body[index:index + 64])
            handler.wfile.flush()
            time.sleep(route.drip)

    def __enter__(self) -> FeedServer:
        self.httpd.start()
        return self

    def __exit__(self, *exc) -> None:
        for route in self.routes.values():
            for event in (route.hold, route.stall):
                if event is not None:
                    event.set()
        self.httpd.stop()


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    text: str = ""
    link: str | None = None
    published: datetime | None = None
    full: bool = True
    outlet: str | None = None
    """The entry's own ``<source>``: the outlet an aggregator says it relays."""


def rss(items: list[Item], *, title: str = "Harbour Gazette") -> bytes:
    """An RSS 2.0 feed; full items carry content:encoded, teasers only a description."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
             f"<channel><title>{escape(title)}</title><link>http://example.invalid/</link>",
             "<description>Test feed</description>"]
    for item in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in item.text.split("\n\n") if p)
        parts.append("<item>")
        parts.append(f"<guid isPermaLink=\"false\">{escape(item.guid)}</guid>")
        parts.append(f"<title>{escape(item.title)}</title>")
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.outlet:
            parts.append(f'<source url="http://example.invalid/rss">{escape(item.outlet)}</source>')
        if item.full:
            parts.append(f"<description>{escape(item.text[:120])}</description>")
            parts.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
        else:
            parts.append(f"<description>{escape(item.text)}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def page(title: str, text: str) -> bytes:
    """An article page with navigation furniture around the story."""
    body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Copyright Harbour Gazette. All rights reserved.</footer>"
            "</body></html>").encode()


BASE_TIME = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=6)
"""Recent, so that entries dated from it are fresh enough to alert."""


def at(minutes: int) -> datetime:
    return BASE_TIME + timedelta(minutes=minutes)
