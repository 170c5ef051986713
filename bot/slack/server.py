"""The HTTP side: a WSGI router served by waitress, with Slack events, health and extra routes."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

import waitress
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore

log = logging.getLogger(__name__)
WSGIApp = Callable[[dict, Callable[..., Any]], Iterable[bytes]]
EVENTS_PATH = "/slack/events"


def build_router(*, slack: App | None, extra_routes: dict[str, WSGIApp] | None = None,
                 mode: str = "http") -> WSGIApp:
    """POST /slack/events to Bolt (when given), GET /health, and each extra route by path."""
    routes: dict[str, WSGIApp] = dict(extra_routes or {})
    if slack is not None:
        routes[EVENTS_PATH] = SlackRequestHandler(slack, path=EVENTS_PATH)

    def router(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path == "/health":
            return _json(start_response, "200 OK", {"status": "ok", "mode": mode})
        app = routes.get(path) or _prefix_match(routes, path)
        if app is None:
            return _json(start_response, "404 Not Found", {"error": f"no route {path}"})
        return app(environ, start_response)

    return router


def _prefix_match(routes: dict[str, WSGIApp], path: str) -> WSGIApp | None:
    for prefix, app in routes.items():
        if prefix != EVENTS_PATH and path.startswith(prefix.rstrip("/") + "/"):
            return app
    return None


def _json(start_response, status: str, payload: dict) -> list[bytes]:
    data = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data)))])
    return [data]


class HttpServer:
    """waitress in a background thread; ``port`` is the bound port (ask for 0 in tests)."""

    def __init__(self, app: WSGIApp, *, host: str, port: int, threads: int = 8) -> None:
        self._server = waitress.create_server(app, host=host, port=port, threads=threads,
                                              ident="wirewatch", asyncore_loop_timeout=0.2)
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
