"""The fake servers' HTTP server: a client that hangs up (a fetcher's timeout, its size limit
reached, a test's deliberate reset) is one DEBUG line, as a real site shrugs it off, instead of
socketserver's 40-dash banner and traceback printed into the suite's output mid-run; any other
error in a handler is still printed whole."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HUNG_UP = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
log = logging.getLogger(__name__)


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

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
    shut down: the set-up every test-only endpoint repeated."""
    with QuietHTTPServer((host, 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield server
        finally:
            server.shutdown()
