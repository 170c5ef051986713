"""The address a person can open for a server, whatever address it listens on."""

from __future__ import annotations

import ipaddress

ALL_IPV4, ALL_IPV6 = "0.0.0.0", "::"


def url_to_open(host: str, port: int, path: str = "") -> str:
    """``http://HOST:PORT/PATH`` with an address a browser or curl on this machine reaches:
    a server listening on all interfaces (0.0.0.0, ::) is opened at the loopback address."""
    shown = {ALL_IPV4: "127.0.0.1", ALL_IPV6: "::1", "": "127.0.0.1"}.get(host.strip(), host)
    if _is_ipv6(shown):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{path}"


def on_all_interfaces(host: str) -> bool:
    return host.strip() in (ALL_IPV4, ALL_IPV6, "")


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False
