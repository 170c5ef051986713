"""urllib3 connections that connect only to addresses the policy allows, checked at connection
time (so DNS rebinding between a check and the connect cannot happen), and a deadline that cuts
off a whole request (connect, headers, body) however slowly the peer drips its bytes."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

from bot.ingest.addresses import AddressPolicy, AddressRefused

_current = threading.local()


class BlockedAddress(NewConnectionError):
    """The connection was refused by the address policy before any packet was sent."""

    def __init__(self, conn: HTTPConnection, refused: AddressRefused) -> None:
        super().__init__(conn, str(refused))
        self.refused = refused


class SocketCutoff:
    """Shuts the sockets of one request down when its time is up; a thread blocked reading
    them then fails at once instead of waiting for the next dripped byte."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def __enter__(self) -> SocketCutoff:
        _current.cutoff = self
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()
        _current.cutoff = None


def _shut(sock: socket.socket) -> None:
    """Already closed is fine: nothing is left to cut off."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Guarded(HTTPConnection):
    """Resolves the host itself, checks every address, connects to a checked one by number."""

    policy: AddressPolicy | None = None

    def _new_conn(self) -> socket.socket:
        if self.policy is None:
            return super()._new_conn()
        host = self._dns_host
        try:
            addresses = self.policy.addresses(host, self.port)
        except AddressRefused as exc:
            raise BlockedAddress(self, exc) from None
        except (socket.gaierror, UnicodeError) as exc:
            raise NameResolutionError(self.host, self, socket.gaierror(str(exc))) from exc
        return self._connect_any(addresses)

    def _connect_any(self, addresses: list[str]) -> socket.socket:
        failure: OSError | None = None
        for address in addresses:
            try:
                return connection.create_connection((address, self.port), self.timeout,
                                                    source_address=self.source_address,
                                                    socket_options=self.socket_options)
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"connecting to {self.host} timed out "
                                          f"(connect timeout={self.timeout})") from exc
            except OSError as exc:
                failure = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {failure}")

    def request(self, *args: Any, **kwargs: Any) -> None:
        """Connects if needed, sends; then the request's cutoff watches the socket."""
        super().request(*args, **kwargs)
        cutoff = getattr(_current, "cutoff", None)
        if cutoff is not None:
            cutoff.watch(self.sock)


class _GuardedTLS(_Guarded, HTTPSConnection):
    pass


def pool_manager(policy: AddressPolicy | None, *, proxy: str | None = None,
                 **kwargs: Any) -> urllib3.PoolManager:
    """A pool manager whose connections obey ``policy`` (None: a proxy the operator chose)."""
    plain = type("GuardedConnection", (_Guarded,), {"policy": policy})
    tls = type("GuardedTLSConnection", (_GuardedTLS,), {"policy": policy})
    pools = {
        "http": type("GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": plain}),
        "https": type("GuardedTLSPool", (HTTPSConnectionPool,), {"ConnectionCls": tls}),
    }
    manager = urllib3.ProxyManager(proxy, **kwargs) if proxy else urllib3.PoolManager(**kwargs)
    manager.pool_classes_by_scheme = pools
    return manager
