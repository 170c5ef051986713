"""Building the Bolt app from Settings: the Web API client, the services, every listener."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.error import BoltError
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.middleware.authorization import SingleTeamAuthorization
from slack_sdk.web import SlackResponse

import handlers
from bot.alerts.slack_clock import SlackClock
from bot.config import ConfigError, Settings
from bot.slack.clients import app_client
from bot.slack.failures import on_error
from bot.slack.identity import Identity
from bot.slack.listener_pool import ListenerPool
from bot.slack.respond import respond_once
from bot.slack.services import CONTEXT_KEY, Services
from bot.slack.unescape import unescape_command_text

log = logging.getLogger(__name__)
OTHER_TEAM = "This wirewatch is installed in another Slack workspace; it does not answer here."
NO_WORKSPACE = "This request names no Slack workspace; wirewatch does not answer it."
NOT_YET = ("wirewatch cannot reach Slack's Web API yet (it started while Slack was not "
           "answering); try again in a minute.")
EVENTS = frozenset({"event_callback", "url_verification", "app_rate_limited"})
"""The Events API's payloads: the only ones Slack may send naming no workspace."""
OTHER_WORKSPACE_OF_ORG = ("This wirewatch is installed in another workspace of your organisation, "
                          "not org-wide; it answers only there. An organisation admin can "
                          "install it org-wide.")


def build_app(settings: Settings, *, services: Services, verify_token: bool = True,
              clock: SlackClock | None = None, identity: Identity | None = None,
              listeners: ListenerPool | None = None) -> App:
    """The app with every listener registered; raises ConfigError if Slack refuses the token.
    Slack not answering does not stop it: ``identity`` (made here when not given) asks again
    later. The answer tells ``clock`` Slack's time (its Date), for the delivery's first try.
    ``listeners``: the threads its listeners run on, which a stop waits for within its bound."""
    client = app_client(settings)
    try:
        app = App(client=client, signing_secret=settings.slack_signing_secret or "",
                  token_verification_enabled=False, logger=_bolt_logger(),
                  listener_executor=listeners or ListenerPool())
    except BoltError as exc:
        raise ConfigError(f"Slack app could not start: {exc}") from None
    known = None
    if verify_token:
        known = identity or Identity(client, settings)
        known.first()
        known.on_answer(lambda me: _learn(app, me, clock))
    app.use(_same_workspace(known))
    app.use(_attach(services))
    app.use(unescape_command_text)
    app.use(respond_once)
    app.error(on_error)
    handlers.register(app)
    return app


def _learn(app: App, me: SlackResponse, clock: SlackClock | None) -> None:
    """What Slack's answer tells: Bolt who the token is, the clock Slack's time."""
    if clock is not None:
        clock.answered(me.headers)
    _tell_bolt_who_we_are(app, me)


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


def _same_workspace(identity: Identity | None) -> Callable[..., Any]:
    """Refuse requests from another workspace than the one the token was installed in; another
    workspace of the same Enterprise organisation is served only when the app is installed
    org-wide (auth.test's ``is_enterprise_install``): installed in one workspace, its topics
    and sources are that desk's, and another workspace of the organisation (where the app may
    be installed separately, with a database of its own) must not change them. An event naming
    no workspace is served only when it names no other organisation; anything else naming none
    is refused. Until Slack first answers (``identity`` knows no workspace yet), nothing is
    served: whose request it is cannot be told."""

    def same_workspace(context: BoltContext, body: dict, next,
                       logger: logging.Logger) -> BoltResponse | None:
        if identity is not None and identity.me is None:
            logger.warning("refused a %s: Slack's Web API has not answered this run yet, so "
                           "which workspace wirewatch is installed in is not known",
                           body.get("type") or "command")
            return BoltResponse(status=200, body=NOT_YET)
        home = Home.of(identity.me if identity is not None else None)
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
