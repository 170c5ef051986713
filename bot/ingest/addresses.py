"""Which addresses feeds and article pages may be fetched from: public ones, plus the networks
the operator names (``WIREWATCH_ALLOW_NETWORKS``), so a feed can never reach into the
newsroom's own network, the cloud metadata service or this machine."""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from urllib3.util import parse_url

from bot.models.web_link import numeric_host

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
SHARED = ipaddress.ip_network("100.64.0.0/10")
WEB_PORTS = (None, 80, 443)
NAT64 = ipaddress.ip_network("64:ff9b::/96")
CIDR_ENTRY = re.compile(r"(.+/\d+)(?::(\d+))?")
"""A ``NO_PROXY`` network, with a port after its prefix length or not."""
log = logging.getLogger(__name__)


class AddressRefused(Exception):
    """A host name resolves to (or is) an address wirewatch must not fetch from."""

    def __init__(self, host: str, address: str, why: str) -> None:
        named = host if host == address else f"{host} ({address})"
        super().__init__(f"refusing to fetch from {named}: a {why} address, inside a private "
                         "network or this machine; an operator can allow a network with "
                         "WIREWATCH_ALLOW_NETWORKS, or add the feed with "
                         "`wirewatch sources add --allow-private`")
        self.host = host
        self.address = address


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the order the system gives them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def why_internal(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public address, or None when it is one. IPv6 site-local
    (``fec0::/10``, deprecated but still routed inside some networks) is one Python counts as
    global."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return "IPv4-mapped IPv6"
    kind, inside = _carried(ip)
    if inside is not None:
        carried = why_internal(inside)
        return f"{kind} IPv6 (carrying the {carried} {inside})" if carried else None
    site_local = isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local
    checks = (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
              ("link-local", ip.is_link_local), ("site-local", site_local),
              ("multicast", ip.is_multicast),
              ("shared (CGNAT)", ip in SHARED), ("reserved", ip.is_reserved),
              ("private", ip.is_private), ("non-global", not ip.is_global))
    return next((name for name, hit in checks if hit), None)


def _carried(ip: IPAddress) -> tuple[str, ipaddress.IPv4Address | None]:
    """The IPv4 address an IPv6 one reaches through a translator: a 6to4 relay, or the NAT64
    gateway of an IPv6-only network (``64:ff9b::/96``, what DNS64 answers for an IPv4-only
    site), judged as that address is: a public site is fetched, an internal one refused."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return "", None
    if ip in NAT64:
        return "NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return "6to4", ip.sixtofour


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses, and ``allow``; ``any_address`` for a source the operator added with
    ``--allow-private``. ``resolver`` is injectable so tests can point names anywhere."""

    allow: tuple[IPNetwork, ...] = ()
    any_address: bool = False
    resolver: Resolver = system_resolver

    @classmethod
    def allowing(cls, blocks: Iterable[str], *, resolver: Resolver = system_resolver
                 ) -> AddressPolicy:
        """Public addresses plus ``blocks`` (CIDRs, as in WIREWATCH_ALLOW_NETWORKS)."""
        return cls(allow=tuple(ipaddress.ip_network(b, strict=False) for b in blocks),
                   resolver=resolver)

    def check(self, host: str, address: str) -> None:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.any_address or any(ip in net for net in self.allow if ip.version == net.version):
            return
        why = why_internal(ip)
        if why:
            raise AddressRefused(host, address, why)

    def addresses(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, each checked; one bad one refuses them all (a
        name that answers both public and internal addresses is a rebinding attempt)."""
        number = numeric_host(host)
        found = [number] if number else self.resolver(host, port)
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
        for address in found:
            self.check(host, address)
        return found

    def opened(self) -> AddressPolicy:
        return AddressPolicy(allow=self.allow, any_address=True, resolver=self.resolver)


def same_host(link: str, feed: str) -> bool:
    """Whether ``link`` is on the feed's own host and port (http and https's usual ports alike):
    what ``--allow-private`` trusts of a feed's entry links. An intranet feed relaying outside
    feeds passes their links on, and one to the metadata service or another internal host must
    not be fetched for it."""
    ours, theirs = fetched_at(feed), fetched_at(link)
    if ours is None or theirs is None:
        return False
    ports = (ours[1], theirs[1])
    same_port = ports[0] == ports[1] or all(port in WEB_PORTS for port in ports)
    return ours[0] == theirs[0] and same_port


def fetched_at(url: str) -> tuple[str, int | None] | None:
    """The host and port the fetch connects to for ``url``, read as urllib3 (the fetch) reads
    it, not as ``urlsplit`` does (``http://a\\@b/`` is host a to one, b to the other), in one
    spelling: punycode (IDNA), lower case, no trailing dot. None when the fetch cannot read it."""
    try:
        parts = parse_url(url)
    except ValueError:
        return None
    host = (parts.host or "").rstrip(".").lower()
    return (numeric_host(host) or host, parts.port) if host else None


def no_proxy_matches(no_proxy: str, host: str, port: int) -> bool:
    """Whether a ``NO_PROXY`` list sends ``host`` (as ``fetched_at`` gives it) on ``port``
    direct, as curl and requests read it: ``*`` is every host; an entry is the host or a
    domain it is in (leading dots ignored), read in ``fetched_at``'s spelling (punycode); an
    entry with a port (``wire.example:8080``, ``[2001:db8::1]:3128``) matches that port only."""
    if no_proxy.strip() == "*":
        return True
    for entry in no_proxy.split(","):
        name = entry.strip().lstrip(".")
        if not name:
            continue
        listed, listed_port = _no_proxy_entry(name)
        if listed_port in (None, port) and _listed(host, listed):
            return True
    return False


def _listed(host: str, listed: str | IPNetwork | None) -> bool:
    """``host`` is the entry's name or in its domain, or an address in its network (a name is
    not resolved to be matched, as curl does not)."""
    if isinstance(listed, str):
        return host == listed or host.endswith(f".{listed}")
    try:
        return listed is not None and ipaddress.ip_address(host) in listed
    except ValueError:
        return False


def _no_proxy_entry(name: str) -> tuple[str | IPNetwork | None, int | None]:
    """A bare IPv6 address has no port; an entry the fetch cannot read is kept as written; a
    network (``10.0.0.0/8``, ``[2001:db8::]/32``, ``192.168.7.0/24:8080``) as one, None when
    malformed (``_no_proxy_network``)."""
    if "/" in name:
        found = CIDR_ENTRY.fullmatch(name)
        network, port = (found.group(1), found.group(2)) if found else (name, None)
        return _no_proxy_network(network), int(port) if port else None
    address = numeric_host(name)
    if address is not None:
        return address, None
    return fetched_at(f"http://{name}/") or (name.lower(), None)


@functools.lru_cache(maxsize=64)
def _no_proxy_network(entry: str) -> IPNetwork | None:
    """The network a ``NO_PROXY`` entry names, host bits allowed as curl allows them; a
    malformed one is logged (once: every fetch reads the list) and ignored."""
    try:
        return ipaddress.ip_network(entry.replace("[", "").replace("]", ""), strict=False)
    except ValueError:
        log.warning("NO_PROXY entry %r is not a network (as 10.0.0.0/8 or 2001:db8::/32): "
                    "ignored", entry)
        return None
