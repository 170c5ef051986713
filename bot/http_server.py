"""waitress serving one WSGI app on a background thread, stopped cleanly from any thread;
and the gate that checks Slack's requests before anything reads or parses them."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import waitress
from slack_sdk.signature import SignatureVerifier
from waitress import wasyncore

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]
MAX_BODY = 10 * 1024 * 1024
SLACK_MAX_BODY = 1024 * 1024


class HttpServer:
    """waitress in a background thread; ``port`` is the bound port (ask for 0 in tests)."""

    def __init__(self, app: WSGIApp, *, host: str, port: int, threads: int = 8,
                 max_body: int = MAX_BODY) -> None:
        """``max_body``: waitress answers 413 to a larger body before reading it (its own
        default is 1 GiB, buffered to disk before any route could check a token)."""
        # waitress reads the loop timeout as whole seconds: 0.2 would become 0, a busy loop
        self._server = waitress.create_server(app, host=host, port=port, threads=threads,
                                              ident="wirewatch", asyncore_loop_timeout=1,
                                              max_request_body_size=max_body)
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


@dataclass(frozen=True)
class SlackGate:
    """Slack's requests checked before Bolt reads or parses them.

    The declared length must be within ``max_bytes`` (Slack always declares it), the timestamp
    a number and the signature valid; anything else is refused here, so a forged request never
    reaches a listener or the error handler (which would answer its forged response_url).
    """

    app: WSGIApp
    signing_secret: str
    max_bytes: int = SLACK_MAX_BODY

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        declared = environ.get("CONTENT_LENGTH") or ""
        if not declared.isdigit():
            return _refuse(start_response, "411 Length Required", "send a Content-Length")
        if int(declared) > self.max_bytes:
            return _refuse(start_response, "413 Content Too Large",
                           f"Slack requests are at most {self.max_bytes} bytes")
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
        if not timestamp.isdigit() or not signature:
            return _refuse(start_response, "401 Unauthorized", "not signed by Slack")
        body = environ["wsgi.input"].read(int(declared))
        if not SignatureVerifier(self.signing_secret).is_valid(body, timestamp, signature):
            return _refuse(start_response, "401 Unauthorized", "not signed by Slack")
        return self.app({**environ, "wsgi.input": io.BytesIO(body)}, start_response)


def _refuse(start_response: Callable[..., Any], status: str, why: str) -> list[bytes]:
    data = json.dumps({"error": why}).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]
