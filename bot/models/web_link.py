"""An http(s) link read as a browser opens it (the WHATWG URL standard, which Slack's client
follows), for every place that shows a link or reads its host: Python's ``urlsplit`` reads
``https://a\\@b/`` as host b where a browser goes to a. The link shown, the host ``source:``
matches and the page fetched are all read here, so they are one host."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlunsplit

WEB_SCHEMES = frozenset({"http", "https"})
ANY_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
SCHEME = re.compile(ANY_SCHEME.pattern + r"[/\\]{2}")
"""A browser reads what follows two slashes (``/`` or ``\\``, in any order) as the host
whatever page the link is on; after one or none, as a path of that page's own site."""
AUTHORITY_END = re.compile(r"[/\\?#]")
QUERY_START = re.compile(r"[?#]")
HOST_NAME = re.compile(r"[\w.\-]+")
NUMBER_PART = re.compile(r"0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*")
ENDS_IN_NUMBER = re.compile(r"(?:^|\.)(?:[0-9]+|0[xX][0-9a-fA-F]*)\.?$")


@dataclass(frozen=True)
class WebLink:
    scheme: str
    host: str
    """As written, percent escapes read; ``name`` is how it compares."""
    port: str
    path: str
    """Its backslashes read as slashes, as a browser reads them in an http(s) path."""
    query: str
    fragment: str

    @property
    def name(self) -> str:
        """The host in one spelling: lower case, a number as its address."""
        return numeric_host(self.host) or self.host.lower()

    @property
    def url(self) -> str:
        """The link in a form every reader takes to the same host and page, without the
        credentials a browser would send and no reader should see."""
        where = f"{self.host}:{self.port}" if self.port else self.host
        return urlunsplit((self.scheme, where, self.path, self.query, self.fragment))


def web_link(url: str) -> WebLink | None:
    """``url`` as a browser opens it; None for anything but http(s), and for a link a browser
    could read two ways or not at all (no host, one slash after the scheme, a space or control
    character, a host a browser would spell another way than written)."""
    if any(c.isspace() or not c.isprintable() for c in url):
        return None
    scheme = SCHEME.match(url)
    if not scheme or scheme[1].lower() not in WEB_SCHEMES:
        return None
    rest = url[scheme.end():].lstrip("/\\")
    end = AUTHORITY_END.search(rest)
    authority, rest = (rest[:end.start()], rest[end.start():]) if end else (rest, "")
    where = _host_and_port(authority.rpartition("@")[2])
    if where is None:
        return None
    rest, hashed, fragment = rest.partition("#")
    path, _, query = rest.partition("?")
    return WebLink(scheme[1].lower(), *where, path.replace("\\", "/"), query,
                   fragment if hashed else "")


def browser_slashes(url: str) -> str:
    """``url`` (http(s), or relative to such a page) with each backslash a browser reads as a
    slash, all before the query, written as one, and the slashes before a host as two: urllib3
    and ``urljoin`` then ask the host and path a browser opens (``https://a\\@b/x`` is
    ``https://a/@b/x``, ``\\\\b/x`` is ``//b/x``, ``http:///a`` is ``http://a``)."""
    scheme = ANY_SCHEME.match(url)
    if scheme and scheme[1].lower() not in WEB_SCHEMES:
        return url
    query = QUERY_START.search(url)
    end = query.start() if query else len(url)
    head, start = url[:end].replace("\\", "/"), scheme.end() if scheme else 0
    if head[start:].startswith("//"):
        head = head[:start] + "//" + head[start:].lstrip("/")
    return head + url[end:]


def _host_and_port(written: str) -> tuple[str, str] | None:
    if written.startswith("["):
        host, close, port = written.partition("]")
        host += close
        if port and not port.startswith(":"):
            return None
        port = port[1:]
    else:
        host, _, port = written.partition(":")
    if port and not (port.isascii() and port.isdigit() and int(port) <= 65535):
        return None
    shown = _host(unquote(host))
    return (shown, port) if shown else None


def _host(host: str) -> str | None:
    """The host as written, when a browser reads it as written: a name, an IPv6 address in
    brackets, an IPv4 one in any of its old spellings (shown as the address it is)."""
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host[1:-1])}]" if host.endswith("]") else None
        except ValueError:
            return None
    if not HOST_NAME.fullmatch(host) or host.strip(".") == "":
        return None
    if ENDS_IN_NUMBER.search(host):
        return numeric_host(host)
    if host.isascii():
        return host
    try:
        same = host.encode("idna").decode("idna") == host.lower()
    except UnicodeError:
        return None
    return host if same else None


def numeric_host(host: str) -> str | None:
    """The address a host written as a number is, as the system resolver reads it (and so the
    fetch connects to it): IPv6 in any spelling, IPv4 in the old forms too (``127.1``,
    ``0x7f.1``, ``2130706433``, ``017700000001``: octal, hex, the last part filling the rest);
    None for a name."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(NUMBER_PART.fullmatch(part) for part in parts):
        return None
    numbers = [int(part, 0) if part[:2].lower() == "0x" else int(part, 8 if part[0] == "0" else 10)
               for part in parts]
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (4 - len(leading)):
        return None
    value = sum(n << 8 * (3 - i) for i, n in enumerate(leading)) + last
    return str(ipaddress.IPv4Address(value))
