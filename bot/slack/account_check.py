"""People's accounts looked at again on a schedule: a deactivation (or a member made a guest,
or back) whose ``user_change`` never reached the bot (its endpoint down past Slack's retries,
the event lost) left their subscriptions posting to direct messages nobody reads until a
restart opened them anew. users.info says it; ``follow_account`` acts on it as on the event."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import ChannelGone, Retry, error_code
from bot.alerts.pacing import Pacer, paced
from bot.alerts.token import TokenDead
from bot.slack.guest_accounts import ACCOUNT_PAUSES, account_gone, follow_account
from storage.db import transaction
from storage.followers import people_following
from storage.state import get_state, set_state

log = logging.getLogger(__name__)
T = TypeVar("T")
STOPS = "the bot stops"
"""Why a round ended at a stop (the next round, another run's, begins at that person)."""
PER_ROUND = 50
"""People looked at in one round (one users.info each): well within Slack's pace for it
(Tier 4, 100 a minute); more are taken in turn by the next rounds."""
NOT_FOUND = "user_not_found"
"""users.info's word that no account has this id in the workspace (erased, or never one here):
nobody can be reached, so their subscriptions pause."""
NOT_VISIBLE = "user_not_visible"
"""users.info's word that the account exists but the bot may not see it (another
organisation's, one an admin keeps from apps): nothing of its state, and a direct message may
still reach them, so ``conversations.open``, the sender's own question, decides."""
PLACE = "account_check_after"
"""Where the turn is (the last person looked at), kept in the database: a run restarted before
its second round began again at the first, so those after the first 50 were never looked at."""


@dataclass
class Round:
    looked: int = 0
    changed: int = 0
    cut: str | None = None  # why the round stopped early: the rest wait for the next


class AccountCheck:
    """Takes the people with direct-message subscriptions in turn, ``PER_ROUND`` a round."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def run(self, db: Database, client: WebClient, stopping: threading.Event,
            pacer: Pacer | None = None) -> Round:
        """One round; a stop ends it after the call under way. ``pacer``: the run's, whose
        hold of users.info (a 429's, for every caller) the round waits out, then goes on."""
        pacer = pacer or Pacer()
        with self._lock:
            after = get_state(db, PLACE) or ""
            people = people_following(db, after=after, limit=PER_ROUND,
                                      paused_for=ACCOUNT_PAUSES)
            done = Round()
            for person in people:
                done.cut = self._turn(db, (client, pacer), person, done, stopping)
                if done.cut:
                    log.info("accounts looked at: %d, then stopped (%s); the rest next round",
                             done.looked, done.cut)
                    break
                after = person
            if not done.cut and len(people) < PER_ROUND:
                after = ""  # the next round begins again at the first
            with transaction(db):
                set_state(db, PLACE, after)
            return done

    def _turn(self, db: Database, asking: tuple[WebClient, Pacer], person: str, done: Round,
              stopping: threading.Event) -> str | None:
        """One person's look, each call once Slack's hold of its method is over (waited out
        here, so the round goes on from this person and call): why the round stops, or None."""
        if stopping.is_set():
            return STOPS
        try:
            return _look(db, _Asking(*asking, stopping, done), person)
        except _Stopped:
            return STOPS


@dataclass
class _Asking:
    """What a look asks Slack with: the run's client and Pacer, its stop, the round so far."""

    client: WebClient
    pacer: Pacer
    stopping: threading.Event
    done: Round

    def ask(self, method: str, request: Callable[[], T]) -> T:
        """``paced``, a 429's hold of ``method`` (this call's or another caller's) waited out
        and the call made again; _Stopped when the bot stops meanwhile."""
        while True:
            try:
                return paced(self.pacer, method, datetime.now(UTC), request)
            except Retry as held:
                if not held.rate_limited or held.everywhere:
                    raise
                log.info("accounts looked at: %d; Slack holds %s back %.0f s (rate limited), "
                         "then the round goes on", self.done.looked, held.method or method,
                         held.delay)
                if self.stopping.wait(held.delay):
                    raise _Stopped from held


class _Stopped(Exception):
    """The bot stops while a look waits out a hold: the round ends at once."""


def _look(db: Database, asking: _Asking, person: str) -> str | None:
    """One person's account; why the round stops here, or None."""
    done = asking.done
    try:
        profile = asking.ask("users.info",
                             lambda: asking.client.users_info(user=person))["user"]
    except (Retry, TokenDead) as stop:
        return str(stop)
    except ChannelGone as gone:
        done.looked += 1
        if str(gone) == NOT_FOUND:
            done.changed += account_gone(db, person, NOT_FOUND)
        return _reachable(db, asking, person) if str(gone) == NOT_VISIBLE else None
    except SlackApiError as exc:
        log.info("account of %s not looked at: %s", person, error_code(exc))
        return None
    done.looked += 1
    if isinstance(profile, dict):
        done.changed += follow_account(db, {**profile, "id": person})
    return None


def _reachable(db: Database, asking: _Asking, person: str) -> str | None:
    """Whether Slack opens a direct message with a person users.info does not show: refused
    (``user_not_visible``, ``invalid_user_combination``) pauses them as the sender would; opened,
    nothing changes. Why the round stops here, or None."""
    try:
        asking.ask("conversations.open",
                   lambda: asking.client.conversations_open(users=person))
    except (Retry, TokenDead) as stop:
        return str(stop)
    except ChannelGone as gone:
        asking.done.changed += account_gone(db, person, str(gone))
    except SlackApiError as exc:
        log.info("direct messages of %s not opened: %s", person, error_code(exc))
    return None
