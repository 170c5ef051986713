"""The fake servers' HTTP server: a client that hangs up (a fetcher's timeout, its size limit
reached, a test's deliberate reset) is one DEBUG line, as a real site shrugs it off, instead of
socketserver's 40-dash banner and traceback printed into the suite's output mid-run; any other
error in a handler is still printed whole."""

from __future__ import annotations

import logging
import sys
from http.server import ThreadingHTTPServer
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
