"""A stray: the post of a try whose answer never came, made by Slack after that try's late
window closed and the alert was posted again. It carries the alert's metadata, so it is found
in the try's span of history (the alert's recorded post left out) and deleted: the desk keeps
one copy, the one its story's thread hangs from. Digests are watched alike
(``bot.alerts.digest_strays``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import ChannelGone, Retry, error_code
from bot.alerts.history import Progress, conversation, find_posted
from bot.alerts.pacing import Pacer, paced
from bot.alerts.slack_clock import KNOWN_MARGIN_S
from bot.alerts.token import TokenDead
from bot.models import LookWindow
from bot.models.times import utc_time
from storage.db import transaction
from storage.strays import next_stray_look, strays_due

log = logging.getLogger(__name__)
STRAY_WATCH = 3600.0
"""Seconds after an alert is posted again that each look for a stray of its earlier try reads
the try's whole span: Slack makes a post it was late with within seconds or minutes, if at
all, and may stamp it with the try's time."""
LATE_STRAY_WATCH = 24 * 3600.0
"""Seconds the looks go on (each twice as long after the post as the one before: five more
after the hour), each reading only what Slack stamped since the look before (less
KNOWN_MARGIN_S): a post it makes hours late is stamped when made, so a day's watch in a busy
channel reads the hours between looks, not the day. A stray made later than this stays."""
LOOKS_A_PASS = 3
"""Looks in one pass of the sender, each one conversation (an alert watched in a thread and at
the top level has two), so a run of them never holds it up."""
Seen = Callable[[str, list[dict]], Collection[str]]


@dataclass(frozen=True)
class Stray:
    """What a stray is: its metadata (``event_type``, ``key`` == ``value``), where it can be
    (``channel``, ``thread_ts``, from ``stray_from`` on by Slack's clock), and the post kept
    (``ts``); ``name`` says whose it is in the log."""

    name: str
    event_type: str
    key: str
    value: object
    channel: str
    thread_ts: str | None
    ts: str
    stray_from: float


def sweep(db: Database, client: WebClient, *, now: datetime, first_look: float,
          event_type: str, install: str, seen: Seen, slack_now: float | None = None,
          pacer: Pacer | None = None) -> int:
    """Look for the strays of the watched alerts that are due; returns how many were deleted.
    ``seen`` gives the ts of another wirewatch run's posts among a conversation's messages;
    ``slack_now``: Slack's time as the looks begin (``SlackClock.now``); ``pacer``: the run's,
    whose holds of a method (a 429's) the looks keep to, and add to."""
    looks = Looks(client, now, first_look, install, seen, slack_now, pacer)
    deleted = 0
    for watch in strays_due(db, now=iso(now), limit=LOOKS_A_PASS):
        stray = Stray(f"alert {watch.alert_id}", event_type, "alert_id", watch.alert_id,
                      watch.channel, watch.thread_ts, watch.ts, watch.stray_from)
        deleted += looks.one(db, stray, watch.cursor, watch.since,
                             record=partial(next_stray_look, db, watch.alert_id,
                                            top_level=watch.top_level))
    return deleted


@dataclass(frozen=True)
class Looks:
    """One sweep's looks for strays, alerts' and digests' alike: when each watch looks next and
    where it reads on from is one rule for both."""

    client: WebClient
    now: datetime
    first_look: float
    install: str
    seen: Seen
    slack_now: float | None
    pacer: Pacer | None = None

    def one(self, db: Database, stray: Stray, cursor: str | None, since: str, *,
            record: Callable[..., None]) -> int:
        """Look for ``stray`` (watched since ``since``, read on from ``cursor``); ``record``
        (its watch's ``next_*_look``) keeps when the next look is and where it reads from.
        Returns how many were deleted."""
        now = self.now
        progress = Progress.kept(cursor, conversation(stray.channel, stray.thread_ts), now)
        found, held, read = self.look(stray, progress)
        with transaction(db):
            if held is None:
                record(next_look(since, now, self.first_look),
                       stray_from=read_on_from(stray, since, now, self.slack_now, read=read))
            else:  # cut short: read on from its page once Slack lets it
                record(iso(now + timedelta(seconds=held)), progress.saved())
        return found


    def look(self, stray: Stray, progress: Progress) -> tuple[int, float | None, bool]:
        """How many strays it deleted (0 or 1); when Slack held a page of history back (a 429)
        after the first, how many seconds it asked to wait: the look reads on from that page
        then (``progress``), however many pages back the stray is in a busy channel; and
        whether it read its whole span."""
        try:
            found = self._find(stray, progress)
            if found is None:
                return 0, None, True
            paced(self.pacer, "chat.delete", self.now,
                  lambda: self.client.chat_delete(channel=stray.channel, ts=found))
        except Retry as retry:
            _not_looked(stray, str(retry))
            return 0, retry.delay if retry.rate_limited and progress.cursor else None, False
        except (TokenDead, ChannelGone, SlackApiError) as exc:
            _not_looked(stray, error_code(exc) if isinstance(exc, SlackApiError) else str(exc))
            return 0, None, False
        log.warning("%s: Slack made the post of a try whose answer never came after it was "
                    "posted again (%s in %s); deleted it, the post %s stays", stray.name, found,
                    stray.channel, stray.ts)
        return 1, None, True

    def _find(self, stray: Stray, progress: Progress) -> str | None:
        """The stray's ts in its conversation (None: not there), through the run's pacer."""
        def others(messages: list[dict]) -> Collection[str]:
            return {stray.ts, *self.seen(stray.channel, messages)}

        method = "conversations.replies" if stray.thread_ts else "conversations.history"
        return paced(self.pacer, method, self.now, lambda: find_posted(
            self.client, channel=stray.channel, thread_ts=stray.thread_ts,
            event_type=stray.event_type, key=stray.key, value=stray.value,
            window=LookWindow(stray.stray_from), install=self.install, seen=others,
            progress=progress))


def next_look(since: str, now: datetime, first_look: float) -> str | None:
    """When a watch begun at ``since`` looks next (None: its day is over)."""
    start = utc_time(since)
    waited = max((now - start).total_seconds(), first_look)
    if waited >= LATE_STRAY_WATCH:
        return None
    return iso(start + timedelta(seconds=min(2 * waited, LATE_STRAY_WATCH)))


def read_on_from(stray: Stray, since: str, now: datetime, slack_now: float | None, *,
                 read: bool) -> float:
    """Where the next look begins: the try's span for looks within the hour; past it, what
    Slack stamped since this look began, once this look read its whole span (``read``)."""
    waited = (now - utc_time(since)).total_seconds()
    if not read or slack_now is None or 2 * waited < STRAY_WATCH:
        return stray.stray_from
    return max(stray.stray_from, slack_now - KNOWN_MARGIN_S)



def _not_looked(stray: Stray, reason: str) -> None:
    log.info("%s: could not look for a stray copy in %s (%s); looked for again later",
             stray.name, stray.channel, reason)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
