"""The fake servers' HTTP server: a client that hangs up (a fetcher's timeout, its size limit
reached, a test's deliberate reset) is one DEBUG line, as a real site shrugs it off, instead of
socketserver's 40-dash banner and traceback printed into the suite's output mid-run; any other
error in a handler is still printed whole. Closed, it leaves no thread behind: a request
thread still finishing could print into a later test's capture or hold its port."""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.stopping import joined

HUNG_UP = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
log = logging.getLogger(__name__)


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    """``server_close`` waits for the request threads itself, bounded (socketserver's own
    wait has no bound, and waits for a keep-alive connection the client never closes)."""

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._handling: dict[threading.Thread, socket.socket] = {}
        self._handling_lock = threading.Lock()
        self._serving: threading.Thread | None = None

    def start(self) -> Self:
        """Serve on a thread of its own, asking every 50 ms whether to stop."""
        self._serving = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True,
                                         name=f"fake-http-{self.server_address[1]}")
        self._serving.start()
        return self

    def stop(self) -> None:
        """Stop serving and close (``server_close``); returns once no thread of it runs."""
        if self._serving is not None:
            self.shutdown()
            joined(self._serving)
            self._serving = None
        self.server_close()

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._handle, args=(request, client_address),
                                  daemon=True)
        with self._handling_lock:
            self._handling[thread] = request
        thread.start()

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._handling_lock:
                self._handling.pop(threading.current_thread(), None)

    def server_close(self) -> None:
        """No new connection, then every open one shut for reading, so that a handler waiting
        for a keep-alive client's next request (one the client's pool never sends) reads the
        end and returns; one still answering finishes its answer. Each handler is waited for
        (``joined``: a hang fails the test)."""
        super().server_close()
        with self._handling_lock:
            handling = dict(self._handling)
        for request in handling.values():
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RD)
        for thread in handling:
            joined(thread)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A hang-up logged at DEBUG; anything else as socketserver prints it."""
        error = sys.exc_info()[1]
        if isinstance(error, HUNG_UP):
            log.debug("client %s hung up: %r", client_address, error)
            return
        super().handle_error(request, client_address)


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1"
            ) -> Iterator[QuietHTTPServer]:
    """``handler`` answering on a free port of ``host`` on its own thread for the block, then
    stopped: the set-up every test-only endpoint repeated."""
    server = QuietHTTPServer((host, 0), handler).start()
    try:
        yield server
    finally:
        server.stop()
