"""The summary endpoint's HTTP: no redirect followed, and one deadline for the whole answer."""

from __future__ import annotations

import http.client
import socket
import urllib.request
from typing import Any

from bot.ingest.guarded import SocketCutoff


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed: urllib would send the Authorization header (the API key)
    on to whatever address it names, another host or plain http alike."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def opener(cutoff: SocketCutoff) -> urllib.request.OpenerDirector:
    """An opener whose sockets ``cutoff`` shuts down when its time is up: a socket timeout
    bounds each read only, so an endpoint dripping a byte at a time held the caller for ever."""
    plain = _watched(http.client.HTTPConnection, cutoff)
    tls = _watched(http.client.HTTPSConnection, cutoff)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(plain, req)

    class Tls(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(tls, req)

    return urllib.request.build_opener(NoRedirects, Plain, Tls)


def _watched(base: type[http.client.HTTPConnection], cutoff: SocketCutoff) -> Any:
    """``base`` whose every new socket (a proxy's tunnel's too) is watched by ``cutoff``."""

    def connected(*args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        cutoff.watch(sock)
        return sock

    class Watched(base):  # type: ignore[valid-type, misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connected

    return Watched
