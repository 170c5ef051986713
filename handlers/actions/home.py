"""App Home controls: change how often a subscription comes, remove it, unmute a story."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.held_back import pacer_of
from bot.models import Subscription
from bot.permissions import AFTER_ACK_WAIT, Action
from bot.slack.after_ack import answered
from bot.slack.membership import in_channel
from handlers.actions.mute import unmute
from handlers.common import (
    answer,
    clicked_in,
    db_of,
    reach_of,
    refused,
    row_id,
    services,
    story_of,
)
from handlers.events.app_home import publish_home
from handlers.home_view import (
    HOME_MODE,
    HOME_QUOTES_REMOVE,
    HOME_REMOVE,
    UNMUTE,
    in_direct_messages,
)
from storage import subscriptions as subs
from storage.alerts import is_muted
from storage.articles import now_iso
from storage.db import transaction
from storage.mutes import muted_by
from storage.quote_subscriptions import quote_subscriptions_set_up_by, remove_quote_subscription

GONE = ("That subscription is no longer there (removed meanwhile, or its topic); nothing was "
        "changed.")


def handle_mode(ack: Ack, body: dict, action: dict, client: WebClient,
                context: BoltContext) -> None:
    ack()
    user = (body.get("user") or {}).get("id")
    if _refused_here(client, context, user, Action.SUBSCRIBE):
        return
    sub_id, _, mode = str((action.get("selected_option") or {}).get("value") or "").partition(":")
    db = db_of(context)
    row = _own_subscription(db, sub_id, user)
    if row is not None and _not_theirs(client, db, user, row.target_type, row.target_id):
        return
    kept = False
    if row is not None and mode in subs.MODES:
        with transaction(db):  # read again: another hand may have removed it, or its topic
            kept = subs.set_mode(db, row.id, mode, at=now_iso())
    publish_home(client, db, user, notice=None if kept or _stored(db, sub_id) else GONE)


def handle_remove(ack: Ack, body: dict, action: dict, client: WebClient,
                  context: BoltContext) -> None:
    ack()
    user = (body.get("user") or {}).get("id")
    db = db_of(context)
    if _refused_here(client, context, user, Action.SUBSCRIBE):
        return
    row = _own_subscription(db, str(action.get("value") or ""), user)
    if row is not None and _not_theirs(client, db, user, row.target_type, row.target_id):
        return
    if row is not None:
        with transaction(db):
            subs.unsubscribe(db, topic_id=row.topic_id, target_type=row.target_type,
                             target_id=row.target_id)
    publish_home(client, db, user)


def handle_quotes_remove(ack: Ack, body: dict, action: dict, client: WebClient,
                         context: BoltContext) -> None:
    ack()
    user = (body.get("user") or {}).get("id")
    db = db_of(context)
    if _refused_here(client, context, user, Action.SUBSCRIBE):
        return
    value = str(action.get("value") or "")
    row = next((q for q in quote_subscriptions_set_up_by(db, user) if str(q.id) == value),
               None) if value.isdigit() and user else None
    if row is not None and _not_theirs(client, db, user, row.target_type, row.target_id):
        return
    if row is not None:  # theirs, or one they set up: a forged value removes nothing else
        with transaction(db):
            remove_quote_subscription(db, row.id, row.target_id)
    publish_home(client, db, user)


def handle_home_unmute(ack: Ack, body: dict, action: dict, respond: Respond,
                       client: WebClient, context: BoltContext) -> None:
    ack()
    user = (body.get("user") or {}).get("id")
    value, _, channel = str(action.get("value") or "").partition(":")
    db = db_of(context)
    story = story_of(db, value)
    line = refused(context, Action.MUTE, wait=AFTER_ACK_WAIT)
    if line and body.get("response_url"):
        answer(respond, line)
    notice = None if body.get("response_url") else line
    if story is not None and channel and not line:
        if not is_muted(db, story, [channel]):
            where = "this channel" if clicked_in(body) == channel else "that channel"
            notice = (f"That story is no longer muted in {where} (someone unmuted it "
                      "meanwhile); nothing was changed.")
            if body.get("response_url"):
                answer(respond, notice)
                notice = None
        elif _may_unmute(db, body, story, channel):
            if clicked_in(body) != channel and not in_direct_messages(channel) and \
                    _not_theirs(client, db, user, "channel", channel):
                return
            unmute(client, db, story_id=story, channel=channel, user=user,
                   clock=services(context).clock)
    publish_home(client, db, user, notice=notice,
                 reach=reach_of(context, wait=AFTER_ACK_WAIT) if line else None)


def _refused_here(client: WebClient, context: BoltContext, user: str | None,
                  action: Action) -> bool:
    """Whether the person may not do ``action``; if so App Home, which has no ephemeral
    answer, is published again with the line that says who may (as a command would say)."""
    line = refused(context, action, wait=AFTER_ACK_WAIT)
    if line:
        publish_home(client, db_of(context), user, notice=line,
                     reach=reach_of(context, wait=AFTER_ACK_WAIT))
    return line is not None


def _may_unmute(db: Database, body: dict, story_id: int, channel: str) -> bool:
    """Anyone may from that channel's own "Muted" message (Slack names the channel clicked
    in); from App Home, whose button value anyone could forge, only the person who muted it."""
    user = (body.get("user") or {}).get("id")
    return clicked_in(body) == channel or (bool(user) and
                                           muted_by(db, story_id=story_id, channel=channel) == user)


def _not_theirs(client: WebClient, db: Database, user: str | None, target_type: str,
                channel: str) -> bool:
    """Whether ``user``, changing from App Home what ``channel`` follows (a subscription they
    set up, a mute they made), is not in it now (a private channel they left or were removed
    from); if so, or if Slack did not say, App Home is published again saying so."""
    if target_type != "channel" or not user:
        return False
    inside = in_channel(client, channel, user, pacer=pacer_of(db))
    if inside:
        return False
    publish_home(client, db, user, notice=(
        "You are not in that private channel: only its members can change what it follows. "
        "Nothing was changed." if inside is False else "Slack did not say whether you are in "
        "that channel, so nothing was changed; try again in a moment."))
    return True


def _stored(db: Database, sub_id: str) -> bool:
    """Whether the subscription a control was shown for is stored still (theirs or not)."""
    number = row_id(sub_id)
    return number is not None and subs.subscription(db, number) is not None


def _own_subscription(db: Database, sub_id: str, user: str | None) -> Subscription | None:
    """The subscription, if this person may change it (theirs, or one they set up)."""
    number = row_id(sub_id)
    if number is None or not user:
        return None
    found = subs.subscription(db, number)
    return found if found and user in (found.target_id, found.created_by) else None

def register(app: App) -> None:
    app.action(HOME_MODE)(answered(handle_mode))
    app.action(HOME_REMOVE)(answered(handle_remove))
    app.action(HOME_QUOTES_REMOVE)(answered(handle_quotes_remove))
    app.action(UNMUTE)(answered(handle_home_unmute))
