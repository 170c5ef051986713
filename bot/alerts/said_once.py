"""A message the app says outside the outbox (an unmute, in its channel; a channel's pause,
told by direct message): made again when Slack held it back (429: not taken); when its answer
was lost (a dropped connection, a timeout, a 5xx, a proxy's page), first looked for by its
metadata, and made again only if not there. Said once, never twice; each step on a timer of
its own, so no listener's thread waits. Kept in the database until settled
(``storage.sayings``): a restart while one waits says it still (``resume``), looking first when
a try was under way as the run stopped."""

from __future__ import annotations

import logging
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import (
    POSTS_REFUSED,
    WORKSPACE_WAIT,
    ChannelGone,
    Retry,
    call,
    error_code,
    open_direct,
    unknown_answer,
)
from bot.alerts.held_back import AGAIN_WAIT, HELD_BACK_WAIT, TRIES, waiting_for
from bot.alerts.history import find_posted
from bot.alerts.slack_clock import SlackClock, late_waits
from bot.alerts.token import TokenDead
from bot.models import LookWindow
from storage.db import db_file, open_db, transaction
from storage.sayings import Kept, again, keep, resumed, settled, take_turn

log = logging.getLogger(__name__)
EVENT_TYPE = "wirewatch_said"
UNOPENED_WAIT = WORKSPACE_WAIT
"""Seconds before a person's direct messages that Slack would not open for a reason of the
app's (POSTS_REFUSED: the token lacks im:write, until the app is reinstalled) are asked for
again; no try is spent, nothing was said."""


class Unopened(Exception):
    """Slack will not open the person's direct messages yet, for a reason of the app's."""


@dataclass(frozen=True)
class Saying:
    """What to say where (``channel``, or a ``person``'s direct messages): ``key`` (with this
    database's ``install`` id) marks the message, so a try whose answer was lost is found in
    ``window`` (by Slack's clock: ``window_now``); ``what`` names it in the log."""

    channel: str | None
    text: str
    key: str
    install: str
    what: str
    window: LookWindow
    person: str | None = None


def window_now(clock: SlackClock, client: WebClient) -> LookWindow:
    """Where in its conversation's history a message said from now on can be: its tries, each
    wait at most HELD_BACK_WAIT or the client's late wait, by Slack's clock (this machine's may
    be out by days)."""
    return clock.window(max(HELD_BACK_WAIT, late_wait(client)) * TRIES)


def late_wait(client: WebClient) -> float:
    """How long after a try whose answer never came it is looked for: three of ``client``'s
    timeouts (``slack_clock.late_waits``), as the outbox waits; a look sooner may miss a post
    Slack is still making, and say it twice."""
    return late_waits(float(client.timeout))[0]


def say_once(db: Database, client: WebClient, saying: Saying) -> None:
    """Keep it, then say it now; a try that fails is settled later (see the module)."""
    with transaction(db):
        keep(db, Kept(saying.key, saying.channel, saying.person, saying.text, saying.install,
                      saying.what, saying.window, time.time(), TRIES, False, None, 0))
    _attempt(db, client, saying.key, 0)


def resume(db: Database, client: WebClient) -> int:
    """At start: each saying an earlier run left unsettled is tried when due (a try under way
    as that run stopped: three client timeouts after it, looked for first); how many."""
    with transaction(db):
        kept = resumed(db)
    path, waiting = db_file(db), waiting_for(db_file(db))
    for saying in kept:
        due = max(saying.due, (saying.tried_at or 0.0) + late_wait(client))
        waiting.later(max(due - time.time(), 0.0), _fire, path, client, saying.key, saying.turn)
    if kept:
        log.info("%d messages an earlier run had not said yet (or not known said): tried "
                 "again", len(kept))
    return len(kept)


def _fire(path: Path, client: WebClient, key: str, turn: int) -> None:
    with closing(open_db(path, migrate=False)) as db:
        _attempt(db, client, key, turn)


def _attempt(db: Database, client: WebClient, key: str, turn: int) -> None:
    with transaction(db):
        kept = take_turn(db, key, turn, now=time.time())
    if kept is None:  # settled, or a later run's timer has it
        return
    try:
        channel = kept.channel or _direct(client, kept.person)
        if kept.look_first and _found(client, kept, channel):
            log.info("%s: said already (its answer was lost); not said again", kept.what)
        else:
            _say(client, kept, channel)
    except Unopened as unopened:
        _held(db, client, kept, str(unopened))
        return
    except Retry as retry:
        _later(db, client, kept, retry)
        return
    except (TokenDead, ChannelGone, SlackApiError) as exc:
        log.warning("%s: not said: %s", kept.what,
                    error_code(exc) if isinstance(exc, SlackApiError) else str(exc))
    with transaction(db):
        settled(db, kept.key)


def _say(client: WebClient, kept: Kept, channel: str) -> None:
    """One try; an answer that says nothing final (``calls.unknown_answer``) is a Retry, and
    one the post's (``answered``, as the sender's post marks it: ``_late``)."""
    try:
        call(lambda: client.chat_postMessage(
            channel=channel, text=kept.text, unfurl_links=False, unfurl_media=False,
            metadata={"event_type": EVENT_TYPE,
                      "event_payload": {"said": kept.key, "install": kept.install}}))
    except Retry as retry:
        retry.answered = not retry.late
        raise
    except SlackApiError as exc:
        step = unknown_answer(exc)
        if step:
            raise step from exc
        raise


def _direct(client: WebClient, person: str | None) -> str:
    """The person's direct messages with the bot (opening them takes nothing Slack shows), as
    the sender opens them (``calls.open_direct``): an answer that says nothing final is a
    Retry; a refusal of the app's (the token lacks im:write) is Unopened; a person nobody can
    reach (``calls.UNREACHABLE``: the account gone, or hidden from the app) is ChannelGone."""
    try:
        return str(open_direct(lambda: client.conversations_open(users=person))["channel"]["id"])
    except Retry as retry:
        cause = retry.__cause__
        if isinstance(cause, SlackApiError) and error_code(cause) in POSTS_REFUSED:
            raise Unopened(retry.reason) from retry
        raise


def _found(client: WebClient, kept: Kept, channel: str) -> bool:
    """Whether the message is in its conversation, in the span its tries can be."""
    return call(lambda: find_posted(
        client, channel=channel, thread_ts=None, event_type=EVENT_TYPE, key="said",
        value=kept.key, window=kept.window, install=kept.install)) is not None


def _held(db: Database, client: WebClient, kept: Kept, reason: str) -> None:
    """Asked again in UNOPENED_WAIT, for as long as Slack will not open the conversation (the
    person's alerts wait so too), its tries kept: said once the app may open it."""
    with transaction(db):
        turn = again(db, kept.key, due=time.time() + UNOPENED_WAIT, tries=kept.tries,
                     look_first=kept.look_first, answered=True)
    log.info("%s: not said yet: %s; asked again in %.0f s", kept.what, reason, UNOPENED_WAIT)
    _arm(db, client, kept, turn, UNOPENED_WAIT)


def _later(db: Database, client: WebClient, kept: Kept, retry: Retry) -> None:
    """Held back: again after its Retry-After; answer lost: looked for, three client timeouts
    on when Slack may still be making it (``_late``), else in AGAIN_WAIT."""
    late = _late(retry)
    wait = retry.delay if retry.rate_limited else late_wait(client) if late else AGAIN_WAIT
    look_first = kept.look_first or retry.in_flight
    with transaction(db):
        if kept.tries <= 1 or (wait > HELD_BACK_WAIT and not late):
            settled(db, kept.key)
            turn = None
        else:
            turn = again(db, kept.key, due=time.time() + wait, tries=kept.tries - 1,
                         look_first=look_first, answered=not retry.in_flight)
    if turn is None:
        _given_up(kept, retry, wait, look_first=look_first)
        return
    _arm(db, client, kept, turn, wait)


def _late(retry: Retry) -> bool:
    """Slack may still be making the post after the try failed: no answer came in time, or
    the post left and no answer of Slack's came back (its connection dropped, a proxy's page
    answered); a lookup's or an opening's failure posts nothing."""
    return retry.late or (retry.dropped and retry.answered)


def _given_up(kept: Kept, retry: Retry, wait: float, *, look_first: bool) -> None:
    """Why it is not tried again (a 429 asking longer than anyone is looking, or its tries
    spent), and what is known: a try whose answer was lost (a dropped connection, a 5xx) may
    have been said; only tries Slack held back or refused are known not said."""
    why = f"{retry.reason}, for {wait:.0f} s: longer than anyone waits for it" \
        if wait > HELD_BACK_WAIT and not _late(retry) else \
        f"not tried again after {TRIES} tries; the last: {retry.reason}"
    if look_first:
        log.warning("%s: not known said (%s); Slack may have said it from an earlier try "
                    "whose answer was lost", kept.what, why)
    else:
        log.warning("%s: not said (%s)", kept.what, why)


def _arm(db: Database, client: WebClient, kept: Kept, turn: int, wait: float) -> None:
    """The next try on the running bot's timer; none once it stops: kept in the database
    (its turn and when due), said by the next start (``resume``)."""
    if not waiting_for(db_file(db)).later(wait, _fire, db_file(db), client, kept.key, turn):
        log.info("%s: not tried again: the bot stops; the next start says it", kept.what)
