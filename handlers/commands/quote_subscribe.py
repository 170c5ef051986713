"""/subscribe quotes QUERY and /unsubscribe quotes QUERY: follow a person's words."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.notify import NotifyError, new_groups, notifies, notify_for, split_notify
from bot.alerts.quote_alerts import QuoteQueryError, check_quote_query
from bot.config import Settings
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
    refusal = can_post(target_id) if target_type == "channel" else None
    if refusal:
        return f"{refusal} Nothing was subscribed."
    key = {"query": query, "target_type": target_type, "target_id": target_id}
    had = store.find_quote_subscription(db, **key)
    refusal = groups_refused(new_groups(notify, had.notify if had else ()))
    if refusal:
        return refusal
    note = to_typist() if target_type == "user" else None
    with transaction(db):
        before = store.find_quote_subscription(db, **key)
        if before is not None and notify is not None and not given:
            mode = before.mode  # `… notify …` changes who, not how often
        outcome = store.subscribe_quotes(db, **key, mode=mode, notify=notify,
                                         created_by=command.get("user_id"), at=now_iso())
        after = store.find_quote_subscription(db, **key)
    where = "You" if target_type == "user" else "This channel"
    how = _how_often(mode, each=outcome == "added")
    if before is None or before.mode != mode:
        how += posted_when(mode, settings)
    how += notifies(after.notify if after else (), notify)
    if outcome != "added":
        verb = {"changed": "now gets", "unchanged": "already gets"}[outcome]
        verb = verb.removesuffix("s") if target_type == "user" else verb
        said = f"{where} {verb} quotes for `{echo(query, 300)}` {how}."
    else:
        said = (f"{where} will get each new quote for `{echo(query, 300)}` {how}: the quote, the "
                "speaker's role, the article and the link. Quotes a story already had stay quiet.")
    return f"{said} {note}" if note else said


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
