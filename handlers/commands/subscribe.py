"""/subscribe and /unsubscribe: a channel (or, with `me`, a person by DM) follows a topic."""

from __future__ import annotations

from dataclasses import dataclass, replace

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.notify import NotifyError, new_groups, notifies, notify_for, split_notify
from bot.alerts.pause import resume_person
from bot.config import Settings
from bot.models import Topic
from bot.permissions import Action, Role, may, whom_to_ask
from bot.slack.after_ack import answered
from bot.slack.command_words import ADD_TOPIC, notify_whom
from bot.slack.membership import can_post_here
from bot.topic_names import close_names, slack_typed
from handlers.commands import quote_subscribe as quotes
from handlers.commands.group_dm import (
    between_people,
    group_dm_advice,
    group_dm_stop,
    usage_note,
)
from handlers.commands.named_channel import (
    CHANNEL_NAMED,
    shown_notify,
    type_it_there,
    without_channels,
)
from handlers.commands.paused import paused_note, resume_lines
from handlers.common import (
    answer,
    asks_help,
    db_of,
    echo,
    groups_refused,
    join_lines,
    mode_words,
    no_topic_named,
    posted_when,
    requires,
    role_answer,
    services,
    too_long,
    unquote,
    user_text,
)
from handlers.events.app_home import publish_home
from storage import subscriptions as subs
from storage.articles import now_iso
from storage.db import transaction
from storage.quote_subscriptions import quote_subscriptions_of
from storage.topics import get_topic, list_topics, topic_stored

USAGE = ("Usage: `/subscribe TOPIC [realtime|hourly|daily]` subscribes this channel (realtime "
         "by default) · `… notify {whom}` pings them on each new story (`notify "
         "none` stops) · `/subscribe me TOPIC …` sends it to you by direct message · "
         "`/unsubscribe [me] TOPIC` stops it · `/subscribe quotes person:NAME` follows a "
         "person's new quotes")


def usage(role: Role) -> str:
    """The usage as this person may use it: a user group to notify is an admin's to set, as
    `/wirewatch help` and ``groups_refused`` have it."""
    return USAGE.format(whom=notify_whom(role))


def usage_of(context: BoltContext, command: dict, verb: str = "subscribe") -> str:
    """The usage, and what it needs added where ``/verb`` is typed (``usage_note``)."""
    said = usage(role_answer(context).role)
    here = usage_note(command, verb)
    return f"{said} {here}" if here else said


def may_notify_groups(context: BoltContext) -> bool:
    """Whether this person may set a user group to notify (an error tells only them how)."""
    return may(role_answer(context).role, Action.NOTIFY_GROUPS)


@dataclass(frozen=True)
class Request:
    """A parsed /subscribe or /unsubscribe: who, which topic, which mode; ``notify`` is the
    text after the word notify (None without it); ``mode_given`` says the mode was typed."""

    target_type: str
    target_id: str
    topic: str
    mode: str
    notify: str | None = None
    mode_given: bool = True


def parse(text: str, *, channel: str, user: str) -> Request:
    text, notify = split_notify(text)
    words = text.split(" ")
    personal = words[0].lower() == "me" or channel.startswith("D")
    if words[0].lower() == "me":
        words = words[1:]
    mode, given = "realtime", False
    if len(words) > 1 and words[-1].lower() in subs.MODES:
        mode, given = words.pop().lower(), True
    topic = unquote(" ".join(words))
    if personal:
        return Request("user", user, topic, mode, notify, given)
    return Request("channel", channel, topic, mode, notify, given)


def _request_and_topic(db: Database, text: str,
                       command: dict) -> tuple[Request, Topic | None]:
    """The parsed request and the topic it names (None when there is no such topic)."""
    request = parse(text, channel=command.get("channel_id", ""), user=command.get("user_id", ""))
    return request, (get_topic(db, request.topic) if request.topic else None)


def handle_subscribe(ack: Ack, command: dict, respond: Respond, client: WebClient,
                     context: BoltContext) -> None:
    ack()
    if line := too_long(command):
        answer(respond, line)
        return
    text = user_text(command.get("text"))
    db = db_of(context)
    if not text:
        answer(respond, current(db, command, usage_of(context, command)))
        return
    if asks_help(text):
        answer(respond, usage_of(context, command))
        return
    resume_person(db, command.get("user_id", ""))
    if quotes.is_quotes(text):
        said, stored = _quotes_answer(db, text, command, client, context), True
    else:
        said, stored = _topic_answer(db, text, command, client, context)
    answer(respond, said)
    if stored:
        publish_home(client, db, command.get("user_id"))


def _quotes_answer(db: Database, text: str, command: dict, client: WebClient,
                   context: BoltContext) -> str:
    """`/subscribe quotes …` followed (``quote_subscribe.subscribe_text``), or why not."""
    return quotes.subscribe_text(
        db, text, command, can_post=lambda channel: _quotes_in_group_dm(command, text) or
        can_post_here(db, client, channel),
        groups_refused=lambda added: groups_refused(context, added),
        settings=services(context).settings, groups=lambda: may_notify_groups(context),
        to_typist=lambda: _to_typist(client, command, text, f"/subscribe {text}"))


def _topic_answer(db: Database, text: str, command: dict, client: WebClient,
                  context: BoltContext) -> tuple[str, bool]:
    """`/subscribe TOPIC …` answered, and whether the subscription was stored (App Home then
    shows it)."""
    request, topic = _request_and_topic(db, text, command)
    if topic is None:
        return unknown(db, request, verb="subscribe", adds=who_adds(context),
                       usage=usage_of(context, command)), False
    notify, refusal = _notify_of(request, context)
    if refusal is None:
        refusal = _refusal(db, request, topic, notify, command, client, context)
    if refusal is not None:
        return refusal, False
    again = _typed_again(replace(request, target_type="channel"), "subscribe", topic.name)
    note = _to_typist(client, command, text, again) if request.target_type == "user" else None
    return _subscribe(db, request, topic.id, topic.name, notify, command,
                      settings=services(context).settings, note=note), True


def _notify_of(request: Request,
               context: BoltContext) -> tuple[tuple[str, ...] | None, str | None]:
    """Whom the subscription notifies (None: no notify list), or why that list is refused."""
    try:
        return notify_for(request.notify, request.target_type,
                          groups=request.notify is None or may_notify_groups(context)), None
    except NotifyError as exc:
        return None, (str(exc) if request.target_type == "user" else
                      f"{exc} Nothing was subscribed.")


def _refusal(db: Database, request: Request, topic: Topic, notify: tuple[str, ...] | None,
             command: dict, client: WebClient, context: BoltContext) -> str | None:
    """Why nothing is stored: the person may not add the user groups the notify list adds, or
    the bot cannot post in the channel (a group DM, a channel it is not in)."""
    had = subs.find_subscription(db, topic_id=topic.id, target_type=request.target_type,
                                 target_id=request.target_id)
    if refusal := groups_refused(context, new_groups(notify, had.notify if had else ())):
        return refusal
    if request.target_type != "channel":
        return None
    refusal = _topic_in_group_dm(command, request, topic.name) or \
        can_post_here(db, client, request.target_id)
    return f"{refusal} Nothing was subscribed." if refusal else None


def _topic_in_group_dm(command: dict, request: Request, name: str) -> str | None:
    """``group_dm_advice`` for a topic: the command as typed for a channel, and for oneself
    (a person's subscription notifies nobody else)."""
    mine = replace(request, target_type="user", notify=None)
    return group_dm_advice(command, there=_typed_again(request, "subscribe", name),
                           mine=_typed_again(mine, "subscribe", name))


def _quotes_in_group_dm(command: dict, text: str) -> str | None:
    """``group_dm_advice`` for quotes: the command as typed, and for oneself."""
    return group_dm_advice(command, there=f"/subscribe {text}",
                           mine=f"/subscribe me {split_notify(text)[0]}")


def _to_typist(client: WebClient, command: dict, text: str, there: str) -> str | None:
    """``between_people`` for a subscription not typed with `me` (so of the conversation)."""
    return None if _typed_me(text) else between_people(client, command, there=there)


def _typed_me(text: str) -> bool:
    return text.split(" ")[0].lower() == "me"


def _subscribe(db: Database, request: Request, topic_id: int, name: str,
               notify: tuple[str, ...] | None, command: dict, *, settings: Settings,
               note: str | None = None) -> str:
    """Store the subscription; the answer says what it is now (when a digest new to it comes
    too), whom it notifies included, then the ``note``."""
    kind, target = request.target_type, request.target_id
    with transaction(db):
        if not topic_stored(db, topic_id):  # removed while Slack was asked about the channel
            return f"*{echo(name, 100)}* was removed meanwhile: nothing was subscribed."
        before = subs.find_subscription(db, topic_id=topic_id, target_type=kind,
                                        target_id=target)
        mode = request.mode
        if before is not None and notify is not None and not request.mode_given:
            mode = before.mode  # `/subscribe TOPIC notify …` changes who, not how often
        outcome = subs.subscribe(db, topic_id=topic_id, target_type=kind, target_id=target,
                                 mode=mode, created_by=command.get("user_id"), at=now_iso(),
                                 notify=notify)
        after = subs.find_subscription(db, topic_id=topic_id, target_type=kind,
                                       target_id=target)
    where = "You" if request.target_type == "user" else "This channel"
    verb = {"added": "will now get", "changed": "now gets", "unchanged": "already gets"}[outcome]
    if where == "You":
        verb = verb.removesuffix("s")
    shown = after.notify if after else ()
    when = posted_when(mode, settings) if before is None or before.mode != mode else ""
    said = f"{where} {verb} *{echo(name, 100)}* {mode_words(mode)}{when}{notifies(shown, notify)}."
    return f"{said} {note}" if note else said


def handle_unsubscribe(ack: Ack, command: dict, respond: Respond, client: WebClient,
                       context: BoltContext) -> None:
    ack()
    if line := too_long(command):
        answer(respond, line)
        return
    text = user_text(command.get("text"))
    db = db_of(context)
    if not text or asks_help(text):
        answer(respond, usage_of(context, command, "unsubscribe"))
        return
    if quotes.is_quotes(text):
        stop = None if _typed_me(text) or CHANNEL_NAMED.search(text) else \
            group_dm_stop(command, mine=f"/unsubscribe me {text}")
        answer(respond, stop or quotes.unsubscribe_text(db, text, command))
        publish_home(client, db, command.get("user_id"))
        return
    request, topic = _request_and_topic(db, text, command)
    if topic is None:
        answer(respond, unknown(db, request, verb="unsubscribe", adds=who_adds(context),
                               usage=usage_of(context, command, "unsubscribe")))
        return
    if request.target_type == "channel" and (stop := group_dm_stop(
            command, mine=_typed_again(replace(request, target_type="user"), "unsubscribe",
                                       topic.name))):
        answer(respond, stop)
        return
    with transaction(db):
        removed = subs.unsubscribe(db, topic_id=topic.id, target_type=request.target_type,
                                   target_id=request.target_id)
    where = "You" if request.target_type == "user" else "This channel"
    name = echo(topic.name, 100)
    answer(respond, f"{where} will no longer get *{name}*." if removed else
           f"{where} {'were' if where == 'You' else 'was'} not subscribed to *{name}*.")
    publish_home(client, db, command.get("user_id"))


def current(db: Database, command: dict, usage: str) -> str:
    targets = [command.get("channel_id", ""), command.get("user_id", "")]
    rows = subs.subscriptions_of(db, targets)
    followed = quotes.quote_lines(db, targets)
    if not rows and not followed:
        return "Nothing subscribed here yet. " + usage
    lines = ["*Subscriptions*"]
    lines += [f"• *{echo(r.topic, 100)}* {mode_words(r.mode)}"
              f"{' (to you by DM)' if r.target_type == 'user' else ''}"
              f"{notifies(r.notify)}{paused_note(r)}" for r in rows]
    lines += followed
    resumes = resume_lines([*rows, *quote_subscriptions_of(db, targets)])
    return join_lines(lines + resumes + [usage])


def who_adds(context: BoltContext) -> str:
    """Who adds a topic, said to this person: themselves, or an admin and whom to ask."""
    if may(role_answer(context).role, Action.MANAGE_TOPICS):
        return f"Add one with {ADD_TOPIC}."
    asked = whom_to_ask(services(context).settings.admins)
    return f"A wirewatch admin adds one with {ADD_TOPIC} ({asked})."


def unknown(db: Database, request: Request, *, verb: str, adds: str, usage: str) -> str:
    """No such topic; when all but the last word name one (`Port strike weekly`), the last
    word is a mode mistyped, and that is what is said (two modes typed, both named); a name
    near a topic's (``close_names``) is offered back as the ``/verb`` command to type again, with
    what else was typed (``me``, the mode, who to notify)."""
    name = request.topic
    if named := CHANNEL_NAMED.search(name):
        return _type_it_there(db, request, verb, named.group(1))
    head, _, last = name.rpartition(" ")
    if head and get_topic(db, unquote(head)) is not None:
        if last.lower() in subs.MODES and request.mode_given:
            return (f"Two modes typed, `{last.lower()}` and `{request.mode}`: give one "
                    "(`realtime`: each alert as it happens, the default; `hourly` or `daily`: "
                    f"a digest). Nothing was changed. {usage}")
        return (f"“{echo(last, 40)}” is not how often: `realtime` (each alert as it happens, "
                f"the default), `hourly` or `daily` (a digest). {usage}")
    topics = list_topics(db)
    if meant := close_names(name, [t.name for t in topics]):
        return no_topic_named(name, [(m, echo(_typed_again(request, verb, m), 400))
                                     for m in meant])
    names = ", ".join(echo(t.name, 60) for t in topics[:20]) or "none yet"
    what = no_topic_named(name) if name else "Which topic?"
    return f"{what} Topics: {names}. {adds} {usage}"


def _type_it_there(db: Database, request: Request, verb: str, channel: str) -> str:
    """A channel named in the command (`/subscribe #pub Port strike`): the command acts where
    it is typed, so the answer says where to type what. Before: "No topic named “#pub Port
    strike”", or, named last, "“#pub” is not how often", and a new admin looked for a typo."""
    rest = unquote(without_channels(request.topic))
    topic = get_topic(db, rest) if rest else None
    meant = [topic.name] if topic else close_names(rest, [t.name for t in list_topics(db)], 1)
    again = _typed_again(replace(request, target_type="channel"), verb,
                         (meant or [rest or "TOPIC"])[0])
    return type_it_there(verb, again, channel)


def _typed_again(request: Request, verb: str, topic: str) -> str:
    """The command as typed, with the topic named as meant."""
    me = "me " if request.target_type == "user" else ""
    mode = f" {request.mode}" if request.mode_given else ""
    return f"/{verb} {me}{slack_typed(topic)}{mode}{shown_notify(request.notify)}"


def register(app: App) -> None:
    members = [requires(Action.SUBSCRIBE)]
    app.command("/subscribe", middleware=members)(answered(handle_subscribe))
    app.command("/unsubscribe", middleware=members)(answered(handle_unsubscribe))
