"""App Home: published when opened, and again whenever something on it changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import Retry, error_code
from bot.alerts.held_back import (
    Turns,
    again_later,
    pacer_of,
    wait_before_again,
    waiting_for,
    why_again,
)
from bot.alerts.instances import Instances
from bot.alerts.pacing import listened
from bot.permissions import Action, may
from bot.slack.instance_status import instance_section
from bot.slack.membership import private_channels_left
from bot.slack.reach import Reach
from bot.slack.status import feed_trouble_section
from handlers.common import db_of, reach_of, role_answer, services
from handlers.home_view import home_blocks, short_home
from storage.db import db_file

log = logging.getLogger(__name__)
VIEW_REFUSALS = {"invalid_arguments", "invalid_blocks", "invalid_blocks_format", "too_many_blocks"}


def handle_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    publish_home(client, db_of(context), event["user"], reach=reach_of(context),
                 alarm=_alarm(context))


def _alarm(context: BoltContext) -> Callable[[Database], list[dict]] | None:
    if not may(role_answer(context).role, Action.SEE_SOURCE_ERRORS):
        return None
    return admin_alarm(services(context).instances)


def admin_alarm(instances: Instances) -> Callable[[Database], list[dict]]:
    """For an admin, another wirewatch posting with this app (``instance_section``), and the
    feeds failing or bringing nothing new: read in App Home's read transaction."""
    return lambda db: instance_section(instances, datetime.now(UTC)) + feed_trouble_section(db)


def publish_home(client: WebClient, db: Database, user: str | None,
                 notice: str | None = None, *, reach: Reach | None = None,
                 alarm: Callable[[Database], list[dict]] | None = None) -> None:
    """Refresh a person's App Home; a failure is logged once, never fails what they just did.

    ``notice`` goes at the top: App Home has no ephemeral answer, so a control that did nothing
    says why there (until the next refresh); a refresh overtaken by a newer one (not published,
    ``Turns.call_if_latest``) has its notice shown by the newer one (``Turns.carried``). A
    view Slack refuses as such (``VIEW_REFUSALS``) is replaced by a short one that says where
    everything is; refused even so, nothing more is tried until the next refresh. ``reach``:
    what a guest may read (``reach_of``); every path a guest can reach passes it, the others
    are members' (None: every topic). ``alarm``: blocks shown first, to an admin opening App
    Home."""
    if not user:
        return
    turns = publishes(db)
    turn = turns.take(user, notice)
    hidden = private_channels_left(client, user, pacer=pacer_of(db))
    notice = "\n".join(turns.carried(user, turn)) or None
    blocks = home_blocks(db, user, notice, hidden=hidden, reach=reach, alarm=alarm)
    view = {"type": "home", "blocks": blocks}
    try:
        if not turns.call_if_latest(user, turn, _publishing(client, db, user, view)):
            log.debug("App Home of %s not published: a newer one was made meanwhile", user)
    except Retry as held:  # views.publish held back (a 429's): published once the hold ends
        if not _publish_later(client, db, user, view, turn, held):
            log.warning("App Home of %s not refreshed: %s", user, held)
    except SlackApiError as exc:
        code = error_code(exc)
        if code not in VIEW_REFUSALS:
            if not _publish_later(client, db, user, view, turn, exc):
                log.warning("App Home of %s not refreshed: Slack answered %s", user, code)
            return
        longest = max((len(str((b.get("text") or {}).get("text") or "")) for b in blocks
                       if isinstance(b.get("text"), dict)), default=0)
        log.warning("App Home of %s refused by Slack (%s): %d blocks, longest text %d "
                    "characters; %s", user, code, len(blocks), longest,
                    "a short App Home pointing to the commands was published instead"
                    if _publish_short(client, user, notice, turn, turns)
                    else "the short one was refused too")
    except OSError as exc:
        if not _publish_later(client, db, user, view, turn, exc):
            log.warning("App Home of %s not refreshed: %s", user, exc.__class__.__name__)


def publishes(db: Database) -> Turns:
    """Each person's latest App Home of the bot running on ``db``: one Slack held back is
    published again only if no newer one came since; another bot's (another workspace's
    same user id) are its own."""
    return waiting_for(db_file(db)).turns


def _publish_later(client: WebClient, db: Database, user: str, view: dict, turn: int,
                   exc: Exception) -> bool:
    """Slack held the view back (429), or the call failed on the way (the SDK's one retry of
    a dropped connection too): published again later on the running bot's timer, unless a
    newer view was since; False when it will not be (the bot stops, too)."""
    wait = wait_before_again(exc, idempotent=True)
    if wait is None:
        return False

    waiting = waiting_for(db_file(db))

    def again() -> bool:
        return waiting.turns.call_if_latest(user, turn, _publishing(client, db, user, view))

    return again_later(again, wait, what=f"App Home of {user}", why=why_again(exc),
                       idempotent=True, waiting=waiting)


def _publishing(client: WebClient, db: Database, user: str,
                view: dict) -> Callable[[], object]:
    """views.publish of ``view``, kept to the running bot's hold of the method (a 429 the
    run or any listener met), and its own 429 held for all (``pacing.listened``)."""
    pacer = waiting_for(db_file(db)).pacer
    return lambda: listened(pacer, "views.publish",
                            lambda: client.views_publish(user_id=user, view=view))


def _publish_short(client: WebClient, user: str, notice: str | None, turn: int,
                   turns: Turns) -> bool:
    try:
        client.views_publish(user_id=user, view={"type": "home", "blocks": short_home(notice)})
        turns.shown(user, turn)
        return True
    except (SlackApiError, OSError, Retry):
        return False


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
