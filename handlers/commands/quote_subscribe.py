"""/subscribe quotes QUERY and /unsubscribe quotes QUERY: follow a person's words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from bot.alerts.notify import NotifyError, new_groups, notifies, notify_for, split_notify
from bot.alerts.quote_alerts import QuoteQueryError, check_quote_query
from bot.config import Settings
from bot.models import QuoteSubscription
from handlers.commands.named_channel import (
    CHANNEL_NAMED,
    shown_notify,
    type_it_there,
    without_channels,
)
from handlers.commands.paused import paused_note
from handlers.common import echo, posted_when, quote_mode_words
from storage import quote_subscriptions as store
from storage.articles import now_iso
from storage.db import transaction

KEYWORD = "quotes"
USAGE = ('`/subscribe quotes person:"Ada Brandt" [realtime|hourly|daily]` alerts this channel '
         "when she is quoted saying something new (`person:Brandt AND strike`: only in articles "
         "about a strike; `/subscribe me quotes …` by direct message; `/unsubscribe quotes …` "
         "stops it)")


def is_quotes(text: str) -> bool:
    words = text.split(" ", 2)
    return bool(words) and (words[0].lower() == KEYWORD or
                            (len(words) > 1 and words[0].lower() == "me"
                             and words[1].lower() == KEYWORD))


def _target(text: str, command: dict) -> tuple[str, str, str]:
    """(target type, target id, query) of a `[me] quotes QUERY` command text."""
    words = text.split(" ")
    personal = words[0].lower() == "me" or command.get("channel_id", "").startswith("D")
    if words[0].lower() == "me":
        words = words[1:]
    query = " ".join(words[1:]).strip()
    if personal:
        return "user", command.get("user_id", ""), query
    return "channel", command.get("channel_id", ""), query


def subscribe_text(db: Database, text: str, command: dict,
                   can_post: Callable[[str], str | None],
                   groups_refused: Callable[[tuple[str, ...]], str | None],
                   settings: Settings, groups: Callable[[], bool] = lambda: True,
                   to_typist: Callable[[], str | None] = lambda: None) -> str:
    """Follow the quotes; ``can_post(channel)`` says why the bot cannot post in a channel
    (as `/subscribe TOPIC` checks it), or None; ``groups_refused(added)`` why the person may
    not add those user groups to notify, or None; ``groups()``: they may (how to pick one is
    said to them alone; asked only of a notify list). A digest new to it says when it is
    posted, as a topic's does; a person's subscription ends with ``to_typist()`` (why it is
    theirs alone), when that says anything."""
    text, notify_text = split_notify(text)
    if elsewhere := _named_elsewhere(text, notify_text, "subscribe"):
        return elsewhere
    asked = _asked(text, notify_text, command, groups)
    if isinstance(asked, str):
        return asked
    if refusal := _refusal(db, asked, can_post, groups_refused):
        return refusal
    note = to_typist() if asked.target_type == "user" else None
    said = _said(asked, _stored(db, asked, command), settings)
    return f"{said} {note}" if note else said


@dataclass(frozen=True)
class _Asked:
    """A `/subscribe [me] quotes QUERY [MODE] [notify …]` read: whose, which query, how often
    (``mode_given``: typed), whom it notifies (None: no notify list)."""

    target_type: str
    target_id: str
    query: str
    mode: str
    mode_given: bool
    notify: tuple[str, ...] | None

    @property
    def key(self) -> dict[str, str]:
        return {"query": self.query, "target_type": self.target_type,
                "target_id": self.target_id}


@dataclass(frozen=True)
class _Stored:
    """The subscription before and after it was stored, how, and the mode it now has."""

    before: QuoteSubscription | None
    outcome: str
    after: QuoteSubscription | None
    mode: str


def _asked(text: str, notify_text: str | None, command: dict,
           groups: Callable[[], bool]) -> _Asked | str:
    """The request read, or the answer why it cannot be: no query, one that reads as none, or
    a notify list refused."""
    target_type, target_id, query = _target(text, command)
    head, _, last = query.rpartition(" ")
    given = bool(head) and last.lower() in store.MODES
    mode = last.lower() if given else "realtime"
    query = head.strip() if given else query
    if not query:
        return f"Whose quotes? {USAGE}"
    try:
        check_quote_query(query)
        notify = notify_for(notify_text, target_type,
                            groups=notify_text is None or groups())
    except QuoteQueryError as exc:
        return f"Could not follow “{echo(query, 200)}”: {echo(str(exc), 300)}. {USAGE}"
    except NotifyError as exc:
        return str(exc) if target_type == "user" else f"{exc} Nothing was subscribed."
    return _Asked(target_type, target_id, query, mode, given, notify)


def _refusal(db: Database, asked: _Asked, can_post: Callable[[str], str | None],
             groups_refused: Callable[[tuple[str, ...]], str | None]) -> str | None:
    """Why nothing is stored: the bot cannot post in the channel, or the person may not add
    the user groups the notify list adds."""
    refusal = can_post(asked.target_id) if asked.target_type == "channel" else None
    if refusal:
        return f"{refusal} Nothing was subscribed."
    had = store.find_quote_subscription(db, **asked.key)
    return groups_refused(new_groups(asked.notify, had.notify if had else ()))


def _stored(db: Database, asked: _Asked, command: dict) -> _Stored:
    """Stored in one transaction; a notify list typed without a mode keeps the one it had."""
    with transaction(db):
        before = store.find_quote_subscription(db, **asked.key)
        mode = asked.mode
        if before is not None and asked.notify is not None and not asked.mode_given:
            mode = before.mode  # `… notify …` changes who, not how often
        outcome = store.subscribe_quotes(db, **asked.key, mode=mode, notify=asked.notify,
                                         created_by=command.get("user_id"), at=now_iso())
        after = store.find_quote_subscription(db, **asked.key)
    return _Stored(before, outcome, after, mode)


def _said(asked: _Asked, stored: _Stored, settings: Settings) -> str:
    """What the subscription is now: how often (when a digest new to it comes), whom it
    notifies."""
    where = "You" if asked.target_type == "user" else "This channel"
    how = _how_often(stored.mode, each=stored.outcome == "added")
    if stored.before is None or stored.before.mode != stored.mode:
        how += posted_when(stored.mode, settings)
    how += notifies(stored.after.notify if stored.after else (), asked.notify)
    query = echo(asked.query, 300)
    if stored.outcome != "added":
        verb = {"changed": "now gets", "unchanged": "already gets"}[stored.outcome]
        verb = verb.removesuffix("s") if asked.target_type == "user" else verb
        return f"{where} {verb} quotes for `{query}` {how}."
    return (f"{where} will get each new quote for `{query}` {how}: the quote, the speaker's "
            "role, the article and the link. Quotes a story already had stay quiet.")


def _how_often(mode: str, *, each: bool) -> str:
    """How the quotes come, said of each new quote ("as it appears") or of them all."""
    if mode == "realtime":
        return "as it appears" if each else "as they appear"
    return f"in an {mode} digest" if mode == "hourly" else f"in a {mode} digest"


def _named_elsewhere(text: str, notify: str | None, verb: str) -> str | None:
    """A channel named in the command (`/subscribe quotes person:Brandt #pub`): where to type
    what, as `/subscribe #pub TOPIC` is told; None when it names none. Before, its mention was
    read as words of the query and the quotes followed in the channel typed in."""
    named = CHANNEL_NAMED.search(text)
    if named is None:
        return None
    words = without_channels(text).split(" ")
    if words[0].lower() == "me":
        words = words[1:]
    return type_it_there(verb, f"/{verb} {' '.join(words)}{shown_notify(notify)}",
                         named.group(1))


def unsubscribe_text(db: Database, text: str, command: dict) -> str:
    if elsewhere := _named_elsewhere(text, None, "unsubscribe"):
        return elsewhere
    target_type, target_id, query = _target(text, command)
    if not query:
        return f"Whose quotes? {USAGE}"
    with transaction(db):
        removed = store.unsubscribe_quotes(db, query=query, target_type=target_type,
                                           target_id=target_id)
    where = "You" if target_type == "user" else "This channel"
    if removed:
        return f"{where} will no longer get quotes for `{echo(query, 300)}`."
    return f"{where} did not follow quotes for `{echo(query, 300)}`. {USAGE}"


def quote_lines(db: Database, target_ids: list[str]) -> list[str]:
    """The quote subscriptions' lines of `/subscribe`'s listing, in a topic's words."""
    return [f"• quotes for `{echo(r.query, 200)}` "
            f"{quote_mode_words(r.mode)}"
            f"{' (to you by DM)' if r.target_type == 'user' else ''}{notifies(r.notify)}"
            f"{paused_note(r)}" for r in store.quote_subscriptions_of(db, target_ids)]
