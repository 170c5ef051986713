"""HTTP GET for feeds and article pages, fenced in: http(s) only, public addresses only (checked
at connection time, every hop), one deadline for the whole request, a size cap, few hops."""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import getproxies_environment

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
    TimeoutError,
)

from bot import __version__
from bot.header_numbers import digits
from bot.ingest.addresses import (
    AddressPolicy,
    AddressRefused,
    fetched_at,
    no_proxy_matches,
    same_host,
)
from bot.ingest.bounds import shown_origin
from bot.ingest.fetch_words import broke_off, tls_problem
from bot.ingest.guarded import BlockedAddress, SocketCutoff, pool_manager
from bot.models import Transient
from bot.models.web_link import browser_slashes, numeric_host

USER_AGENT = (f"wirewatch/{__version__} (newsroom feed reader; "
              "+https://github.com/wirewatch/wirewatch)")
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
CHUNK = 64 * 1024
FEED_TYPES = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
              "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PASSING_STATUSES = (HTTPStatus.REQUEST_TIMEOUT, HTTPStatus.TOO_MANY_REQUESTS)
"""Answers below 500 that say "not now" rather than "never"."""


class FetchError(Transient):
    """A fetch failed; the message says what happened and what to do about it.

    ``may_pass``: the same request may well succeed in a few minutes (a timeout, a refused,
    reset or cut connection, a 5xx, 429 or 408 answer), so a caller with a fallback may wait
    for it; otherwise asking again would get the same answer (404, 403, too big, a refused
    address, a redirect loop, a name that does not resolve).
    """

    def __init__(self, reason: str, *, status: int | None = None,
                 may_pass: bool = False, retry_after: int = 0) -> None:
        super().__init__(reason)
        self.status = status
        self.may_pass = may_pass
        self.retry_after = retry_after
        """Seconds an error answer (a 429, a 503) asked to wait before the next request."""


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    """The final address, when every redirect on the way there was permanent (301, 308)."""

    @property
    def not_modified(self) -> bool:
        return self.status == HTTPStatus.NOT_MODIFIED


def check_scheme(url: str) -> None:
    """Refuse anything but http(s): a feed must never make wirewatch open a local file; and an
    address Python cannot read (``http://[::1``)."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"'{url[:200]}' is not a valid address ({exc})") from None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError(f"refusing to fetch '{url[:200]}': only http:// and https:// "
                         "addresses are fetched")


def check_address(url: str, policy: AddressPolicy) -> None:
    """Refuse, when a source is added, an address the fetcher would refuse anyway: a numeric
    address or ``localhost``, the host read as the fetch reads it (``http://10.0.0.1\\@a/`` is
    10.0.0.1). Names are not looked up here; every fetch checks what they resolve to at
    connection time. Anything but http(s) is left for the source's own check."""
    host = (fetched_at(url) or ("",))[0]
    literal = "127.0.0.1" if host == "localhost" or host.endswith(".localhost") else host
    try:
        policy.check(host, literal)
    except AddressRefused as exc:
        raise FetchError(str(exc)) from None
    except ValueError:
        return


def proxy_for(url: str, proxies: Mapping[str, str]) -> str | None:
    """The proxy to reach ``url`` through, from ``HTTP(S)_PROXY``-style settings honouring
    ``NO_PROXY`` (``no_proxy_matches``: its ports too); never for this machine's own
    addresses. The host is the one the fetch asks (``fetched_at``: ``http://A\\@B/`` is A), not
    ``urlsplit``'s (B); a port not written is the scheme's own."""
    scheme = urlsplit(url).scheme.lower()
    proxy = proxies.get(scheme)
    host, port = fetched_at(url) or ("", None)
    port = port or DEFAULT_PORTS.get(scheme, 0)
    if not proxy or _loopback(host) or no_proxy_matches(proxies.get("no", ""), host, port):
        return None
    return proxy


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    number = numeric_host(host)
    return number is not None and ipaddress.ip_address(number).is_loopback


class Fetcher:
    """Connection pools shared by every poll; safe to use from several threads.

    ``policy`` says which addresses may be fetched (public ones by default); a source added
    with ``--allow-private`` is fetched with ``allow_private=True``. ``proxies`` maps a scheme
    to a proxy URL (and "no" to a NO_PROXY list); by default they come from the environment,
    as curl and pip take them. ``concurrency``: the requests made at once (the threads that
    share it); each host's pool keeps that many connections, so none is dropped for want of
    room (urllib3's "Connection pool is full, discarding connection") when feeds share a host.
    """

    def __init__(self, *, limits: FetchLimits | None = None, user_agent: str = USER_AGENT,
                 proxies: Mapping[str, str] | None = None,
                 policy: AddressPolicy | None = None, concurrency: int = 4) -> None:
        self.limits = limits or FetchLimits()
        self.policy = policy or AddressPolicy()
        self.proxies = dict(getproxies_environment() if proxies is None else proxies)
        self._headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
        self._timeout = urllib3.Timeout(connect=self.limits.connect_timeout,
                                        read=self.limits.read_timeout)
        options: dict[str, Any] = {"num_pools": 64, "maxsize": max(concurrency, 1),
                                   "retries": False, "block": False, "timeout": self._timeout}
        self._pools = {False: pool_manager(self.policy, **options),
                       True: pool_manager(self.policy.opened(), **options)}
        self._proxy_pools: dict[str, tuple[urllib3.PoolManager, dict[str, str]]] = {}
        self._options = options
        self._running: set[SocketCutoff] = set()
        self._closed = False
        self._lock = threading.Lock()

    def _route(self, url: str, *, allow_private: bool) -> tuple[urllib3.PoolManager,
                                                                 dict[str, str]]:
        """The pool that sends ``url``, and headers the proxy needs on a plain-http request
        (an https request sends them once, on the tunnel's CONNECT)."""
        proxy = proxy_for(url, self.proxies)
        if proxy is None:
            return self._pools[allow_private], {}
        if not allow_private:
            self._check_behind_proxy(url)
        if proxy not in self._proxy_pools:
            auth = urllib3.util.parse_url(proxy).auth
            headers = urllib3.make_headers(proxy_basic_auth=unquote(auth)) if auth else {}
            pool = pool_manager(None, proxy=proxy, proxy_headers=headers or None,
                                **self._options)
            self._proxy_pools[proxy] = (pool, headers)
        pool, headers = self._proxy_pools[proxy]
        return pool, headers if urlsplit(url).scheme.lower() == "http" else {}

    def _check_behind_proxy(self, url: str) -> None:
        """The proxy connects, so check what the name means here; a name only the proxy can
        resolve is left to the proxy's own rules."""
        host, port = fetched_at(url) or ("", None)
        try:
            self.policy.addresses(host, port or 80)
        except AddressRefused as exc:
            raise FetchError(str(exc)) from None
        except (OSError, UnicodeError):
            return

    def close(self) -> None:
        """On shutdown: cut off every request in flight (each fails at once with a FetchError)
        and refuse new ones."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        for cutoff in running:
            cutoff.expire()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = FEED_TYPES, allow_private: bool = False) -> Response:
        """GET ``url``, following a few redirects; a 304 comes back with an empty body.

        One deadline covers everything: connecting, the headers, every redirect, the body.
        ``allow_private`` trusts ``url``'s own host: a redirect to another host is checked as
        any address is.
        """
        headers = {**self._headers, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with SocketCutoff(self.limits.total_timeout) as cutoff:
            with self._lock:
                if self._closed:
                    raise FetchError(f"not fetching {shown_origin(url)}: wirewatch is shutting "
                                     "down", may_pass=True)
                self._running.add(cutoff)
            try:
                return self._follow(url, headers, cutoff, allow_private=allow_private)
            except FetchError:
                if self._closed:
                    raise FetchError(f"{shown_origin(url)}: cut off, wirewatch is shutting down",
                                     may_pass=True) from None
                if cutoff.expired:
                    raise FetchError(self._too_slow(url), may_pass=True) from None
                raise
            finally:
                with self._lock:
                    self._running.discard(cutoff)

    def _too_slow(self, url: str) -> str:
        return (f"{shown_origin(url)} took longer than {self.limits.total_timeout:.0f} s "
                "(connecting, headers and body together); the site is too slow")

    def _follow(self, url: str, headers: dict[str, str], cutoff: SocketCutoff, *,
                allow_private: bool) -> Response:
        visited: list[str] = []
        permanent = True
        while True:
            check_scheme(url)
            if url in visited:
                raise FetchError(f"redirect loop: {shown_origin(url)} leads back to an address "
                                 "already visited; fix the address or ask the publisher")
            if len(visited) > self.limits.max_redirects:
                raise FetchError(f"more than {self.limits.max_redirects} redirects starting at "
                                 f"{shown_origin(visited[0])}; use the final address instead")
            visited.append(url)
            trusted = allow_private and same_host(url, visited[0])
            response = self._open(url, headers, allow_private=trusted,
                                  came_from=visited[-2] if len(visited) > 1 else None)
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                _discard(response)
                permanent = permanent and response.status in PERMANENT
                url = _joined(url, location)
                continue
            try:
                result = self._finish(url, response, cutoff.at)
            except BaseException:
                _discard(response)
                raise
            response.release_conn()
            moved = len(visited) > 1 and permanent
            return replace(result, moved_to=url) if moved else result

    def _waited(self, exc: TimeoutError) -> str:
        """What was waited for, in words: urllib3 says `Read timed out. (read timeout=20.0)`."""
        if isinstance(exc, ReadTimeoutError):
            return f"no answer within {self.limits.read_timeout:g} s"
        if isinstance(exc, ConnectTimeoutError):
            return f"no connection within {self.limits.connect_timeout:g} s"
        return _short(exc)

    def _open(self, url: str, headers: dict[str, str], *, allow_private: bool,
              came_from: str | None = None) -> urllib3.BaseHTTPResponse:
        host = (fetched_at(url) or ("",))[0]
        try:
            pool, proxy_headers = self._route(url, allow_private=allow_private)
            return pool.request("GET", url, headers={**headers, **proxy_headers},
                                redirect=False, preload_content=False)
        except BlockedAddress as exc:
            raise FetchError(_refused(exc.refused, came_from)) from None
        except ProxyError as exc:
            proxy = urllib3.util.parse_url(proxy_for(url, self.proxies) or "")
            raise FetchError(f"cannot reach {host} through the proxy {proxy.host}:{proxy.port} "
                             f"({_short(exc)}); check HTTP_PROXY/HTTPS_PROXY and NO_PROXY",
                             may_pass=True) from exc
        except NameResolutionError as exc:
            raise FetchError(f"cannot resolve host name {host}; check the address") from exc
        except NewConnectionError as exc:
            raise FetchError(f"cannot connect to {host} ({_short(exc)}); the site may be "
                             "down", may_pass=True) from exc
        except TimeoutError as exc:
            raise FetchError(f"timed out waiting for {host} ({self._waited(exc)}); the site "
                             "may be down or slow", may_pass=True) from exc
        except SSLError as exc:
            raise FetchError(tls_problem(exc, host)) from exc
        except ValueError as exc:
            raise FetchError(f"request to {host} failed: {_short(exc)}") from exc
        except (HTTPError, OSError) as exc:
            raise FetchError(f"request to {host} failed: {_short(exc)}", may_pass=True) from exc

    def _finish(self, url: str, response: urllib3.BaseHTTPResponse, deadline: float) -> Response:
        status = response.status
        if status == HTTPStatus.NOT_MODIFIED:
            return Response(url=url, status=status, body=b"")
        if status >= 400 or status in REDIRECTS:
            raise FetchError(_status_reason(status), status=status,
                             may_pass=status in PASSING_STATUSES or status >= 500,
                             retry_after=_retry_after(response.headers.get("Retry-After")))
        return Response(
            url=url,
            status=status,
            body=self._read(url, response, deadline),
            content_type=response.headers.get("Content-Type"),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )

    def _read(self, url: str, response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
        cap = self.limits.max_bytes
        declared = response.headers.get("Content-Length", "")
        if digits(declared) and int(declared) > cap:
            raise FetchError(_too_big(url, cap))
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.read1(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise FetchError(_too_big(url, cap))
                if time.monotonic() > deadline:
                    raise FetchError(self._too_slow(url), may_pass=True)
                chunks.append(chunk)
        except TimeoutError as exc:
            raise FetchError(f"timed out reading {shown_origin(url)}; the site is too slow",
                             may_pass=True) from exc
        except (HTTPError, OSError) as exc:
            raise FetchError(f"download of {shown_origin(url)} broke off: "
                             f"{broke_off(exc, received=size)}", may_pass=True) from exc
        return b"".join(chunks)


def _joined(url: str, location: str) -> str:
    """Where a redirect leads, as a browser reads the Location (``browser_slashes``: the fetch
    then asks, and is checked for, the host a browser would); one Python cannot read is the
    server's fault, said as such (it raised out of the whole poll before, every time)."""
    try:
        return urljoin(browser_slashes(url), browser_slashes(location.strip()))
    except ValueError as exc:
        raise FetchError(f"{url[:200]} redirects to '{location[:200]}', which is not a valid "
                         f"address ({exc}); ask the publisher") from None


def _refused(refused: AddressRefused, came_from: str | None) -> str:
    """Why an address was refused; for a redirect's, from where (``--allow-private`` trusts the
    host it was given, not where that host sends a fetch)."""
    if came_from is None:
        return str(refused)
    return (f"a redirect from {shown_origin(came_from)} leads to {refused.host}: {refused} "
            "(`--allow-private` trusts the host it is given, not the hosts it redirects to)")


def _discard(response: urllib3.BaseHTTPResponse) -> None:
    """Close a response not read to the end, so its connection is never reused half-read."""
    response.close()
    response.release_conn()


GONE = (404, 410)
NO_FEED_HERE = ("no feed at this address now (a typo, or the feed moved); find its address, "
                "then remove this source and add that one")
"""A feed's 404 or 410, said alike when it is added, at each poll, by `sources list` and
`/wirewatch status` (the polls' "re-add the source" contradicted `sources add`)."""


def answered(status: int) -> str:
    """What the server said, without the advice for a feed's owner (an article page's failure
    is not fixed by re-adding a source or polling less often)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    said = f"the server answered {status} {phrase}"
    return f"{said}: a problem on the site's side" if status >= 500 else said


def _retry_after(value: str | None) -> int:
    """Retry-After in seconds: a short run of ASCII digits, or an HTTP date read from now (a
    past or malformed one: 0); the server's text. Capped with the backoff
    (``storage.sources.record_failure``)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return int(value) if len(value) <= 10 else 0
    try:
        until = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return 0
    if until.tzinfo is None:  # "-0000": UTC, its offset not known to the sender
        until = until.replace(tzinfo=UTC)
    return max(0, math.ceil((until - datetime.now(UTC)).total_seconds()))


def _status_reason(status: int) -> str:
    said = answered(status)
    if status in GONE:
        return f"{said}: {NO_FEED_HERE}"
    if status in (401, 403):
        return f"{said}: the site refuses access (login needed or robots blocked)"
    if status == 429:
        return f"{said}: polled too often; wirewatch backs off (consider a larger --every)"
    if status >= 500:
        return said
    if status in REDIRECTS:
        return f"{said} without a Location to go to; check the address"
    return f"{said}; check the address"


def _too_big(url: str, cap: int) -> str:
    return (f"{shown_origin(url)} is larger than the {cap / 1e6:.0f} MB limit "
            "(WIREWATCH_FETCH_MAX_MB); is this really a feed or article page?")


def _short(exc: BaseException) -> str:
    text = str(exc.args[-1] if exc.args else exc)
    return text.split(": ", 1)[-1][:200]
