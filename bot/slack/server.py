"""The HTTP side: a WSGI router served by waitress, with Slack events, health and extra routes."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.alerts.token import TokenReport
from bot.http_server import FirstTime, Head, Refusal, Screen, SlackGate, WSGIApp, json_refusal
from bot.slack.identity import Unanswered

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


def build_router(*, slack: App | None, extra_routes: dict[str, WSGIApp] | None = None,
                 mode: str = "http", signing_secret: str | None = None,
                 health: Callable[[], TokenReport] | None = None,
                 web_api: Callable[[], Unanswered | None] | None = None,
                 first_time: FirstTime | None = None,
                 link: Callable[[], datetime | None] | None = None) -> WSGIApp:
    """POST /slack/events to Bolt (when given, behind the signature gate, which serves each
    request once when given ``first_time``), GET /health (503 while Slack refuses the bot
    token, while ``web_api`` says why Slack has not answered this run yet, or while ``link``
    says since when Socket Mode's connection is down), and each extra route by path."""
    routes: dict[str, WSGIApp] = dict(extra_routes or {})
    if slack is not None:
        routes[EVENTS_PATH] = SlackGate(SlackRequestHandler(slack, path=EVENTS_PATH),
                                        signing_secret=signing_secret or "",
                                        first_time=first_time)
    return Router(routes, mode, health, link, web_api)


@dataclass(frozen=True)
class Router:
    """A WSGI app routing by path; ``screen`` lets the server refuse a body before reading it
    where no route takes one, and asks the route's own screen otherwise."""

    routes: dict[str, WSGIApp]
    mode: str = "http"
    health: Callable[[], TokenReport] | None = None
    link: Callable[[], datetime | None] | None = None
    web_api: Callable[[], Unanswered | None] | None = None

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path == "/health":
            return _health(start_response, self.mode, self.health() if self.health else None,
                           self.link() if self.link else None,
                           self.web_api() if self.web_api else None)
        app = self.routes.get(path) or _prefix_match(self.routes, path)
        if app is None:
            return _json(start_response, "404 Not Found", {"error": f"no route {path}"})
        return app(environ, start_response)

    def screen(self, head: Head) -> Refusal | None:
        path = head.path or "/"
        if path == "/health":
            return json_refusal("413 Content Too Large", "GET /health takes no body")
        app = self.routes.get(path) or _prefix_match(self.routes, path)
        if app is None:
            return json_refusal("404 Not Found", f"no route {path}")
        screen: Screen | None = getattr(app, "screen", None)
        return screen(head) if screen is not None else None


def _health(start_response, mode: str, token: TokenReport | None,
            link_down: datetime | None, unanswered: Unanswered | None = None) -> list[bytes]:
    if token is not None and not token.ok:
        return _unwell(start_response, mode, f"Slack refused the bot token ({token.reason}); "
                       "alerts are not being sent", token.since)
    if unanswered is not None:
        state = "no longer reachable" if unanswered.answered_before else "not reachable yet"
        return _unwell(start_response, mode, f"{unanswered.reason}: Slack is {state}; "
                       "articles are ingested and alerts wait in the outbox until it answers "
                       "(asked again with backoff)", unanswered.since)
    if link_down is not None:
        return _unwell(start_response, mode, LINK_DOWN, link_down)
    return _json(start_response, "200 OK", {"status": "ok", "mode": mode})


LINK_DOWN = ("the Socket Mode connection to Slack is down: slash commands, clicks and events "
             "are not received until it is back (wirewatch reconnects by itself); alerts are "
             "sent as usual")


def _unwell(start_response, mode: str, reason: str, since: datetime | None) -> list[bytes]:
    return _json(start_response, "503 Service Unavailable",
                 {"status": "error", "mode": mode, "reason": reason,
                  "since": since.isoformat(timespec="seconds") if since else None})


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
