"""People's accounts looked at again on a schedule: a deactivation (or a member made a guest,
or back) whose ``user_change`` never reached the bot (its endpoint down past Slack's retries,
the event lost) left their subscriptions posting to direct messages nobody reads until a
restart opened them anew. users.info says it; ``follow_account`` acts on it as on the event."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import ChannelGone, Retry, call, error_code
from bot.alerts.token import TokenDead
from bot.slack.guest_accounts import ACCOUNT_PAUSES, account_gone, follow_account
from storage.followers import people_following

log = logging.getLogger(__name__)
PER_ROUND = 50
"""People looked at in one round (one users.info each): well within Slack's pace for it
(Tier 4, 100 a minute); more are taken in turn by the next rounds."""
NOT_FOUND = "user_not_found"


@dataclass
class Round:
    looked: int = 0
    changed: int = 0
    cut: str | None = None  # why the round stopped early: the rest wait for the next


class AccountCheck:
    """Takes the people with direct-message subscriptions in turn, ``PER_ROUND`` a round."""

    def __init__(self) -> None:
        self._after = ""
        self._lock = threading.Lock()

    def run(self, db: Database, client: WebClient, stopping: threading.Event) -> Round:
        """One round; a stop ends it after the call under way."""
        with self._lock:
            people = people_following(db, after=self._after, limit=PER_ROUND,
                                      paused_for=ACCOUNT_PAUSES)
            done = Round()
            for person in people:
                done.cut = "the bot stops" if stopping.is_set() else \
                    self._look(db, client, person, done)
                if done.cut:
                    log.info("accounts looked at: %d, then stopped (%s); the rest next round",
                             done.looked, done.cut)
                    return done
                self._after = person
            if len(people) < PER_ROUND:
                self._after = ""  # the next round begins again at the first
            return done

    def _look(self, db: Database, client: WebClient, person: str, done: Round) -> str | None:
        """One person's account; why the round stops here, or None."""
        try:
            profile = call(lambda: client.users_info(user=person))["user"]
        except (Retry, TokenDead) as stop:
            return str(stop)
        except ChannelGone as gone:
            done.looked += 1
            if str(gone) == NOT_FOUND:
                done.changed += account_gone(db, person, NOT_FOUND)
            return None
        except SlackApiError as exc:
            log.info("account of %s not looked at: %s", person, error_code(exc))
            return None
        done.looked += 1
        if isinstance(profile, dict):
            done.changed += follow_account(db, {**profile, "id": person})
        return None
