"""Building the Bolt app from Settings: the Web API client, the services, every listener."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.error import BoltError
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.middleware.authorization import SingleTeamAuthorization
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

import handlers
from bot.alerts.slack_clock import SlackClock
from bot.config import ConfigError, Settings
from bot.redact import redact
from bot.slack.clients import app_client
from bot.slack.config import api_url
from bot.slack.failures import on_error
from bot.slack.respond import respond_once
from bot.slack.scopes import missing_scopes, scope_warning
from bot.slack.services import CONTEXT_KEY, Services
from bot.slack.unescape import unescape_command_text

log = logging.getLogger(__name__)
OTHER_TEAM = "This wirewatch is installed in another Slack workspace; it does not answer here."
NO_WORKSPACE = "This request names no Slack workspace; wirewatch does not answer it."
EVENTS = frozenset({"event_callback", "url_verification", "app_rate_limited"})
"""The Events API's payloads: the only ones Slack may send naming no workspace."""
OTHER_WORKSPACE_OF_ORG = ("This wirewatch is installed in another workspace of your organisation, "
                          "not org-wide; it answers only there. An organisation admin can "
                          "install it org-wide.")


def build_app(settings: Settings, *, services: Services, verify_token: bool = True,
              clock: SlackClock | None = None) -> App:
    """The app with every listener registered; raises ConfigError if Slack refuses the token.
    Start-up's answer tells ``clock`` Slack's time (its Date), for the delivery's first try."""
    client = app_client(settings)
    me = _check_token(client, settings) if verify_token else None
    if me is not None and clock is not None:
        clock.answered(me.headers)
    try:
        app = App(client=client, signing_secret=settings.slack_signing_secret or "",
                  token_verification_enabled=False, logger=_bolt_logger())
    except BoltError as exc:
        raise ConfigError(f"Slack app could not start: {exc}") from None
    if me is not None:
        _tell_bolt_who_we_are(app, me)
    app.use(_same_workspace(me))
    app.use(_attach(services))
    app.use(unescape_command_text)
    app.use(respond_once)
    app.error(on_error)
    handlers.register(app)
    return app


def _check_token(client: WebClient, settings: Settings) -> SlackResponse:
    """auth.test's answer (the team and enterprise the token belongs to); ConfigError when
    Slack refuses the token."""
    try:
        with quiet("slack_sdk.web.base_client"):
            me = client.auth_test()
        missing = missing_scopes(me.headers)
        if missing:
            log.warning(scope_warning(missing))
        return me
    except SlackApiError as exc:
        if exc.response.status_code >= 429:
            raise ConfigError(f"Slack's Web API at {api_url(settings)} is not answering "
                              f"(HTTP {exc.response.status_code}); try again shortly, or check "
                              "WIREWATCH_SLACK_API_URL") from None
        error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack ({error or 'no reason given'}); "
                          "copy it again from OAuth & Permissions") from None
    except OSError as exc:
        check = "WIREWATCH_SLACK_API_URL and " if settings.slack_api_url else ""
        raise ConfigError(f"cannot reach the Slack Web API at {api_url(settings)} "
                          f"({unreachable_why(exc)}); check {check}the network (and "
                          "HTTPS_PROXY, when one is needed)") from None


def unreachable_why(exc: OSError) -> str:
    """What the socket said ("Connection refused", "Name or service not known"), not only
    "URLError"; neither holds a token, which goes in a header."""
    reason = getattr(exc, "reason", None)
    cause = reason if isinstance(reason, OSError) else exc
    return redact(cause.strerror or str(reason or "") or cause.__class__.__name__)


def _tell_bolt_who_we_are(app: App, me: SlackResponse) -> None:
    """Bolt asks auth.test on the first request after a start, before that request is
    acknowledged: a slow or rate-limiting Slack at that moment made the command time out (or
    answered "install this app"). Start-up has the answer already; Bolt gets it."""
    for middleware in app._middleware_list:
        if isinstance(middleware, SingleTeamAuthorization) and not middleware.auth_test_result:
            middleware.auth_test_result = me


def _bolt_logger() -> logging.Logger:
    """Bolt's logger, without its start-up warning that `client` wins over the token it reads
    from SLACK_BOT_TOKEN itself: the client holds that same token, and a newcomer reading the
    warning looks for a mistake that is not there."""
    logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _NotTheTokenNotice) for f in logger.filters):
        logger.addFilter(_NotTheTokenNotice())
    return logger


class _NotTheTokenNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


@contextmanager
def quiet(name: str) -> Iterator[None]:
    """Silence an SDK logger during a start-up check that says what failed once, with the fix."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _same_workspace(me: SlackResponse | None) -> Callable[..., Any]:
    """Refuse requests from another workspace than the one the token was installed in; another
    workspace of the same Enterprise organisation is served only when the app is installed
    org-wide (auth.test's ``is_enterprise_install``): installed in one workspace, its topics
    and sources are that desk's, and another workspace of the organisation (where the app may
    be installed separately, with a database of its own) must not change them. An event naming
    no workspace is served only when it names no other organisation; anything else naming none
    is refused."""
    home = Home.of(me)

    def same_workspace(context: BoltContext, body: dict, next,
                       logger: logging.Logger) -> BoltResponse | None:
        event = body.get("type") in EVENTS
        if home.serves(context.team_id, context.enterprise_id, event=event):
            next()
            return None
        if not context.team_id and context.enterprise_id in (None, home.enterprise):
            logger.warning("refused a %s naming no Slack workspace: Slack names one in every "
                           "command, click and form; wirewatch is installed in %s",
                           body.get("type") or "command", home.team or home.enterprise)
            return BoltResponse(status=200, body=NO_WORKSPACE)
        if home.enterprise and context.enterprise_id == home.enterprise:
            logger.warning("refused a request from Slack workspace %s of organisation %s: "
                           "wirewatch is installed in workspace %s only, not org-wide (an "
                           "organisation admin can install it org-wide to serve every "
                           "workspace)", context.team_id, home.enterprise, home.team)
            return BoltResponse(status=200, body=OTHER_WORKSPACE_OF_ORG)
        logger.warning("refused a request from Slack workspace %s: wirewatch is installed in %s",
                       context.team_id, home.team)
        return BoltResponse(status=200, body=OTHER_TEAM)

    return same_workspace


@dataclass(frozen=True)
class Home:
    """Where the token was installed: its workspace, its organisation, and whether org-wide."""

    team: str | None = None
    enterprise: str | None = None
    org_wide: bool = False

    @classmethod
    def of(cls, me: SlackResponse | None) -> Home:
        if me is None:
            return cls()
        return cls(me.get("team_id"), me.get("enterprise_id"),
                   me.get("is_enterprise_install") is True)

    def serves(self, team: str | None, enterprise: str | None, *, event: bool = False) -> bool:
        """An event naming no workspace (``team_access_granted`` has ``team_id`` null) is served
        unless it names another organisation; a command, click or form naming none is not
        (Slack always names one: in an org-wide install's, ``user.team_id``)."""
        if self.team is None and not self.org_wide:
            return True
        if not team:
            return event and (enterprise is None or enterprise == self.enterprise)
        same_org = self.enterprise is not None and enterprise == self.enterprise
        return team == self.team or (self.org_wide and same_org)


def _attach(services: Services):
    def attach_services(context: BoltContext, next) -> None:
        context[CONTEXT_KEY] = services
        next()

    return attach_services
