"""waitress serving one WSGI app on a background thread, stopped cleanly from any thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

import waitress
from waitress import wasyncore

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]


class HttpServer:
    """waitress in a background thread; ``port`` is the bound port (ask for 0 in tests)."""

    def __init__(self, app: WSGIApp, *, host: str, port: int, threads: int = 8) -> None:
        # waitress reads the loop timeout as whole seconds: 0.2 would become 0, a busy loop
        self._server = waitress.create_server(app, host=host, port=port, threads=threads,
                                              ident="wirewatch", asyncore_loop_timeout=1)
        self._thread = threading.Thread(target=self._server.run, name="wirewatch-http",
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def start(self) -> None:
        self._thread.start()
        log.info("listening on http://%s:%s", self._server.effective_host, self.port)

    def stop(self) -> None:
        """Close every socket from inside the server's own loop, then let its workers finish."""
        server = self._server
        if self._thread.is_alive():
            try:
                server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            except OSError:
                log.debug("http server loop had already closed its sockets")
            self._thread.join(timeout=10)
        else:
            wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown()
