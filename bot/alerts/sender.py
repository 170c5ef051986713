"""The outbox sender: posts pending alerts to Slack once each, in order, at Slack's pace."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlite_utils import Database

from bot.alerts.blocks import blocks_as_text
from bot.alerts.calls import (
    ANSWER_LATE_WAIT,
    LONGEST_WAIT,
    LOOKUP_TRIES,
    OUTAGE_WAIT,
    UNKNOWN_CODE,
    ChannelGone,
    Retry,
    call,
    error_code,
    open_direct,
    per_method,
    post_held,
    unknown_answer,
)
from bot.alerts.earlier_story import with_earlier_story
from bot.alerts.folded_story import with_folded_story
from bot.alerts.history import EARLIER_BOT, Progress, conversation, find_posted
from bot.alerts.instances import Instances
from bot.alerts.moved_report import with_moved_report
from bot.alerts.notify import text_with_mentions, with_mentions
from bot.alerts.pacing import Pacer, paced
from bot.alerts.pause import pause_channel
from bot.alerts.quote_alerts import QUOTE, alert_message
from bot.alerts.slack_clock import LATE_POST_WINDOW, UNKNOWN_MARGIN_S, SlackClock
from bot.alerts.strays import sweep
from bot.alerts.token import TokenDead, TokenState
from bot.clock_step import waiting
from bot.models import LookWindow, OutboxAlert, PostedMessage
from bot.models.times import utc_time
from bot.write_pause import WritePause
from storage import alerts as outbox
from storage.backoff import Backoff
from storage.channel_memory import remember_no_threads, takes_no_threads
from storage.channels import move_channel, moved_to
from storage.db import transaction
from storage.quote_subscriptions import quote_alert_notify
from storage.state import install_id
from storage.strays import watch_for_stray
from storage.subscriptions import story_notify
from storage.threads import (
    heads_thread,
    important_with_running,
    muted_with_running,
    posted_in,
    thread_root,
    tried_thread,
)

log = logging.getLogger(__name__)
EVENT_TYPE = "wirewatch_alert"
BACKOFF = Backoff(first=1.0, cap=300.0)
LONGEST_RETRY = max(BACKOFF.cap, LONGEST_WAIT)
"""The furthest an alert's next try is ever set, or its late wait if longer (a long client
timeout); one further off was set before the clock stepped back, and is due."""
# what Slack answers about a thread whose parent message was deleted (and had no replies)
THREAD_GONE = frozenset({"thread_not_found", "message_not_found", "invalid_thread_ts"})
# what Slack answers to any reply in a channel whose settings allow no threads
NO_THREADS = "restricted_action_non_threadable_channel"
ALL = "alerts"
"""A refused write holds all delivery: every channel's next step would write too."""


class Reach(Protocol):
    """Whether Slack's Web API answers this run (``bot.slack.identity.Identity``)."""

    def down(self) -> bool: ...

    def lost(self, reason: str, wait: float | None = None,
             now: datetime | None = None) -> None: ...

    def due(self, now: datetime) -> bool: ...

    def back(self) -> None: ...


class AlertSender:
    """Head-of-line per channel: a channel's alerts go out in the order they were queued."""

    def __init__(self, client: WebClient, *, per_channel_interval: float = 1.0,
                 token: TokenState | None = None, pacer: Pacer | None = None,
                 instances: Instances | None = None,
                 stopping: threading.Event | None = None,
                 late_wait: float = ANSWER_LATE_WAIT,
                 late_window: float = LATE_POST_WINDOW,
                 clock: SlackClock | None = None, reach: Reach | None = None) -> None:
        self.client = client
        self.reach = reach  # told of an outage, which holds every channel until it is over
        self.late_wait, self.late_window = late_wait, late_window  # seconds (tests: shorter)
        self.clock = clock or SlackClock()
        self.stopping = stopping or threading.Event()  # set: no further post this pass
        self.instances = instances or Instances()
        self.token = token or TokenState()
        self.pacer = pacer or Pacer(per_channel_interval)
        self.writes = WritePause("alert delivery")
        self._dm_channels: dict[str, str] = {}
        self._said: dict[int, str] = {}  # each waiting alert's retry reason last said at INFO
        self._lock = threading.Lock()

    def deliver(self, db: Database, *, now: datetime | None = None) -> int:
        """One pass over the outbox; returns how many alerts were posted (or found posted)."""
        now = now or datetime.now(UTC)
        with self._lock:
            if self.writes.paused(ALL, now) or not self.token.usable(self.client, now):
                return 0
            try:
                self.instances.register(db)
            except sqlite3.OperationalError as exc:  # no post before this run is recorded
                self.writes.failed(ALL, str(exc), now)
                return 0
            sent = 0
            seen: set[str] = set()
            pending = outbox.pending_alerts(db)
            self._forget_said({row.id for row in pending})
            for row in pending:
                if self.pacer.paused(now) or self.writes.paused(ALL, now) or \
                        not self.token.report().ok or self.stopping.is_set():
                    break
                if row.channel in seen:
                    continue
                seen.add(row.channel)
                if waiting(_parse(row.next_attempt_at), now, max(LONGEST_RETRY, self.late_wait)):
                    continue
                probe = self._down()  # while Slack is down, one alert asks for all, when due
                if probe and not self._due(now):
                    break
                done = self.pacer.in_turn(row.channel, now,
                                          partial(self._deliver_one, db, row, now))
                if done is None:
                    continue
                sent += done
                if probe and self._down():
                    break
            self._sweep_strays(db, now)
            return sent

    def _sweep_strays(self, db: Database, now: datetime) -> None:
        """Delete the strays Slack made of alerts posted again (``bot.alerts.strays``)."""
        if self.stopping.is_set() or self.pacer.paused(now) or not self.token.report().ok or \
                self._down():
            return
        try:
            sweep(db, self.client, now=now, first_look=self.late_wait, event_type=EVENT_TYPE,
                  install=install_id(db), seen=lambda channel, messages:
                  self.instances.look(self.client, channel, messages, now),
                  slack_now=self.clock.now(), pacer=self.pacer)
        except sqlite3.OperationalError as exc:
            self.writes.failed(ALL, str(exc), now)

    def _down(self) -> bool:
        return self.reach is not None and self.reach.down()

    def _due(self, now: datetime) -> bool:
        return self.reach is None or self.reach.due(now)

    def _deliver_one(self, db: Database, row: OutboxAlert, now: datetime) -> int:
        """One alert; a write the database refuses (at any step) holds all delivery a while."""
        try:
            posted = self._attempt(db, row, now)
        except sqlite3.OperationalError as exc:
            self.writes.failed(ALL, str(exc), now)
            return 0
        self.writes.worked(ALL)
        return posted

    def _attempt(self, db: Database, row: OutboxAlert, now: datetime) -> int:
        try:
            posted = self._post(db, row, now)
        except NothingAsked:
            return 0  # tells nothing of Slack: an outage's probe is still to be made
        except Retry as retry:
            self._retry_later(db, row, retry, now)
            self._heard(retry, now)
            return 0
        except TokenDead as dead:
            self._heard()
            self.token.fail(str(dead), now)
            return 0
        except ChannelGone as gone:
            self._heard()
            if moved_to(db, row.channel):  # its channel got a new id while it was on its way
                self._retry_later(db, row, Retry(f"channel moved ({gone})", 0, False), now)
            else:
                self._gone(db, row, str(gone))
            return 0
        except SlackApiError as exc:
            self._heard()
            self._close(db, row, "failed", error_code(exc))
            log.warning("alert %s to %s not posted: %s", row.id, row.channel,
                        error_code(exc))
            return 0
        except sqlite3.OperationalError:
            raise  # the database's fault, not the alert's: _deliver_one waits
        except Exception as exc:  # one broken alert must not hold up its channel
            log.exception("alert %s to %s could not be built; marked failed", row.id, row.channel)
            self._close(db, row, "failed", f"internal error: {exc.__class__.__name__}")
            return 0
        self._heard()
        self.pacer.posted(row.channel, now)
        return posted

    def _heard(self, retry: Retry | None = None, now: datetime | None = None) -> None:
        """What a try tells of Slack: down (a connection error, a 5xx: the run's outage, said
        once), or answering (anything Slack said: the outage, if any, is over); a try whose
        answer never came, or held back with no call made, tells neither."""
        if self.reach is None or (retry is not None and (retry.late or not retry.asked)):
            return
        if retry is not None and retry.outage:
            self.reach.lost(retry.reason, retry.wait, now)
        elif self.reach.down():
            self.reach.back()

    def _post(self, db: Database, row: OutboxAlert, now: datetime) -> int:
        """Post (or find posted) one alert, in its story's thread (for a story that continues a
        running one, the running story's: ``storage.threads.thread_root``); an alert whose
        thread someone deleted stands on its own instead, and starts the story's thread anew."""
        if not outbox.still_queued(db, row.id):
            raise NothingAsked
        followed = _follow_move(db, row)
        if followed is None:
            raise NothingAsked
        row = followed
        channel = self._channel_for(row.channel, now)
        if muted_with_running(db, row.story_id, [row.channel, channel]):
            self._close(db, row, "muted", None)
            raise NothingAsked
        if row.kind == QUOTE or row.story_id is None:
            return self._post_in(db, row, now, channel, None)
        root = _tried_root(db, row, row.story_id, channel)
        thread = None if takes_no_threads(db, channel, now) else root
        first = root is None or not posted_in(db, row.story_id, row.channel)
        tried = Place(root.ts if root else None)  # one in flight is looked for where it went
        try:
            return self._post_in(db, row, now, channel, thread.ts if thread else None,
                                 first=first, tried=tried)
        except NoThreads as refused:
            with transaction(db):
                remember_no_threads(db, channel, now)
            log.info("alert %s: %s takes no thread replies (its settings); the story's updates "
                     "there are posted on their own", row.id, row.channel)
            return self._post_in(db, row, now, channel, None, first=first, tried=tried,
                                 looked=refused.answered)
        except ThreadGone as reply:
            gone = root.ts if root else ""
            log.info("alert %s: the story's message %s in %s was deleted; posting on its own",
                     row.id, gone, row.channel)
            self._forget_thread(db, row, gone, now, answered=reply.answered)
            if self.stopping.is_set():
                return 0  # the next pass, or the next run at once, posts it on its own
            return self._post_in(db, row, now, channel, None, first=first)

    def _forget_thread(self, db: Database, row: OutboxAlert, gone: str, now: datetime, *,
                       answered: bool) -> None:
        """The story's thread here is gone; a reply Slack ``answered`` so (refused) will never
        be made: in the same transaction, the alert is due at once and not waited for as a try
        whose answer never came, so a run killed before its post on its own posts it promptly
        (an earlier try still in flight is still looked for first)."""
        with transaction(db):
            outbox.forget_thread(db, row.channel, gone, at=_iso(now))
            if answered:
                outbox.mark_retry(db, row.id, error="its thread was deleted; posting it on its "
                                  "own", next_attempt_at=_iso(now),
                                  in_flight=row.status == "sending", answered=True)

    def _told_before(self, db: Database, row: OutboxAlert, story_id: int, text: str,
                     blocks: list[dict], *, in_its_thread: bool = False
                     ) -> tuple[str, list[dict]]:
        """A story's first alert in the channel with what came before it: the earlier story it
        continues (not said ``in_its_thread``, the running story's, which that line would
        link; an update posted on its own, the first of its story here, says it too: a late
        copy's update names the running story it continues), and, for a new story, where the
        channel read its report before a later correction moved it."""
        if not in_its_thread:
            text, blocks = with_earlier_story(db, self.client, story_id=story_id,
                                              target=row.channel, text=text, blocks=blocks)
        if row.kind != "new" or row.article_id is None:
            return text, blocks
        return with_moved_report(db, self.client, story_id=story_id, article_id=row.article_id,
                                 target=row.channel, text=text, blocks=blocks)

    def _post_in(self, db: Database, row: OutboxAlert, now: datetime, channel: str,
                 thread_ts: str | None, *, first: bool = False,
                 tried: Place | None = None, looked: bool = False) -> int:
        """One try at one alert, in the thread ``thread_ts`` or at the top level; the story's
        ``first`` message here, or a reply sent to the channel too, pings (``_pings``). The
        first of a story in a running story's thread is sent to the channel too, and says what
        the story is as a message of its own would; so is an update of a story marked important
        there (or of a running story it continues). ``tried``: the thread (or top level) an
        alert in flight was tried in, where it is looked for, when it goes elsewhere now (its
        channel stopped taking replies); by default ``thread_ts``. ``looked``: this pass looked
        for it there already and found nothing, and its one try since was refused (made
        nothing): not read again."""
        install = install_id(db)
        stray_from = None
        if row.status == "sending":
            look_in = thread_ts if tried is None else tried.thread_ts
            settled = None if looked else self._settle_in_flight(db, row, now, channel, look_in,
                                                                 install)
            if settled is not None:
                return settled
            stray_from = _stray_from(row)
        text, blocks = self._composed(db, row, channel, thread_ts, first=first)
        self._mark_trying(db, row, now, channel, thread_ts, stray_from)
        broadcast = bool(thread_ts) and (first or important_with_running(
            db, row.story_id, [row.channel, channel]))
        target = _Target(channel=channel, thread_ts=thread_ts, broadcast=broadcast,
                         install=install)
        response = self._send(db, row, now, target, text, blocks,
                              pings=_pings(db, row, first or broadcast))
        self.clock.heard(str(response["ts"]))
        self._record(db, row, response.get("channel") or channel, response["ts"], thread_ts, now,
                     stray_from=stray_from, stray_thread=_stray_thread(row),
                     stray_top=_stray_top(row))
        return 1

    def _composed(self, db: Database, row: OutboxAlert, channel: str, thread_ts: str | None,
                  *, first: bool) -> tuple[str, list[dict]]:
        """The alert as posted at this place: on its own or a reply, with the story told
        before it and the later story folded into it."""
        own_thread = _own_thread(db, row, channel, thread_ts)
        text, blocks = alert_message(db, row, standalone=thread_ts is None or first,
                                     own_thread=own_thread)
        if row.story_id is not None and (row.kind == "new" or first and thread_ts is None):
            text, blocks = self._told_before(db, row, row.story_id, text, blocks,
                                             in_its_thread=not own_thread)
        if row.story_id is not None and row.article_id is not None:
            text, blocks = with_folded_story(db, self.client, story_id=row.story_id,
                                             article_id=row.article_id, target=row.channel,
                                             text=text, blocks=blocks,
                                             thread=(channel, thread_ts))
        return text, blocks

    def _send(self, db: Database, row: OutboxAlert, now: datetime, target: _Target, text: str,
              blocks: list[dict], *, pings: tuple[str, ...]) -> SlackResponse:
        """Posts with its mentions; blocks Slack refuses go again as plain text, and a dead
        token leaves an alert not yet in flight to be tried again."""
        try:
            return self._post_message(row, target, *with_mentions(text, blocks, pings))
        except TokenDead:
            if row.status != "sending":  # refused, so not posted: nothing to look for later
                with transaction(db):
                    outbox.mark_retry(db, row.id, error="token refused", in_flight=False,
                                      next_attempt_at=_iso(now))
            raise
        except SlackApiError as exc:
            log.warning("alert %s to %s refused by Slack (%s); sending it as plain text",
                        row.id, row.channel, error_code(exc))
            return self._post_message(row, target,
                                      text_with_mentions(blocks_as_text(blocks, text), pings),
                                      None)

    def _post_message(self, row: OutboxAlert, target: _Target, text: str,
                      blocks: list[dict] | None) -> SlackResponse:
        """One chat.postMessage, tagged so a later pass can find it; Slack's answers turned
        into the outbox's errors (a reply refused, a post held, an answer not known)."""
        try:
            return call(lambda: self.client.chat_postMessage(
                channel=target.channel, text=text, blocks=blocks,
                thread_ts=target.thread_ts, unfurl_links=False, unfurl_media=False,
                reply_broadcast=target.broadcast,
                metadata={"event_type": EVENT_TYPE,
                          "event_payload": {"alert_id": row.id, "story_id": row.story_id,
                                            "install": target.install,
                                            "boot": self.instances.boot}}))
        except Retry as retry:
            retry.answered = not retry.late
            raise
        except SlackApiError as exc:
            _raise_if_reply_refused(exc, target.thread_ts, answered=True)
            held = post_held(exc) or unknown_answer(exc)
            if held:
                raise held from exc
            raise

    def _mark_trying(self, db: Database, row: OutboxAlert, now: datetime, channel: str,
                     thread_ts: str | None, stray_from: float | None) -> None:
        """Kept before the post leaves, for a try whose answer never comes: looked for no sooner
        than the late wait, in the span of history its post can be in, and not posted again
        while Slack may still make it (``stray_from``: where the earlier tries' posts can be)."""
        with transaction(db):
            outbox.mark_sending(
                db, row.id, channel=channel, thread_ts=thread_ts,
                look_after=_iso(now + timedelta(seconds=self.late_wait)),
                window=self.clock.window(self.late_window),
                late_until=_iso(now + timedelta(seconds=self.late_window)),
                spanless_from=stray_from if row.look_from is None else None)

    def _settle_in_flight(self, db: Database, row: OutboxAlert, now: datetime, channel: str,
                          thread_ts: str | None, install: str) -> int | None:
        """An alert in flight when the sender stopped may be in Slack already: recorded if it
        is (1), marked failed if only the earlier bot user could tell (0); None: post it.
        Not there while Slack may still make the post of a try whose answer never came, or when
        the lookup read its newest page while Slack could (it read on from there later): Retry,
        to look again before any other try (a post it makes later is posted twice)."""
        progress = Progress.kept(row.look_cursor, conversation(channel, thread_ts), now)
        method = "conversations.replies" if thread_ts else "conversations.history"
        self.pacer.ask(method, now)  # held: nothing read, so no place to keep
        try:
            found = self._lookup(method, now, lambda: find_posted(
                self.client, channel=channel, thread_ts=thread_ts, event_type=EVENT_TYPE,
                key="alert_id", value=row.id, window=_window(row), install=install,
                seen=lambda messages: self.instances.look(self.client, channel, messages, now),
                progress=progress), thread_ts)
        except Retry:  # cut short: the next try, after a restart too, reads on from here
            with transaction(db):
                outbox.keep_look_cursor(db, row.id, progress.saved())
            raise
        if row.look_cursor and not found:  # read to its end: a later look begins at the newest
            with transaction(db):
                outbox.keep_look_cursor(db, row.id, None)
        if found:
            log.info("alert %s was already posted before a restart; recorded it", row.id)
            self._record(db, row, channel, found, thread_ts, now,
                         stray_from=_stray_from(row) if row.stray_from is not None else None,
                         stray_thread=row.stray_thread_ts, stray_top=row.stray_top_from)
            return 1
        if _tried_by_earlier_bot(row, channel):
            self._not_again(db, row)
            return 0
        if row.late_until and waiting(_parse(row.late_until), progress.began or now,
                                      self.late_window):
            raise Retry("not in Slack yet; Slack may still make the post of the try whose "
                        "answer never came", self.late_wait, True, late=True)
        return None

    def _lookup(self, method: str, now: datetime, request: Callable[[], str | None],
                thread_ts: str | None = None) -> str | None:
        """An "already posted?" lookup: a failure leaves the question open, so the alert waits
        (a deleted thread is an answer: the alert is not in it)."""
        try:
            return paced(self.pacer, method, now, request)
        except SlackApiError as exc:
            _raise_if_reply_refused(exc, thread_ts)
            raise Retry(f"could not check whether it was posted: {error_code(exc)}", 0,
                        True, refused=True) from exc

    def _record(self, db: Database, row: OutboxAlert, channel: str, ts: str,
                thread_ts: str | None, now: datetime, *, stray_from: float | None = None,
                stray_thread: str | None = None, stray_top: float | None = None) -> None:
        """Posted (or found posted); ``stray_from``: posted again after a try whose answer
        never came, whose post (a stray) Slack may make still, stamped from then on, in the
        thread ``stray_thread`` (None: where this post is); ``stray_top``: one such try went
        to the top level, its post stamped from then on (watched there too)."""
        with transaction(db):
            channel = moved_to(db, channel) or channel
            outbox.mark_sent(db, row.id, channel=channel, ts=ts, thread_ts=thread_ts,
                             sent_at=_iso(now))
            if stray_from is not None:
                watch_for_stray(db, row.id, stray_from=stray_from, since=_iso(now),
                                look_at=_iso(now + timedelta(seconds=self.late_wait)),
                                thread_ts=stray_thread, top_from=stray_top)
        self.instances.posted(channel, now)

    def _close(self, db: Database, row: OutboxAlert, status: str, error: str | None, *,
               may_be_posted: bool = False) -> None:
        with transaction(db):
            outbox.mark_done(db, row.id, status=status, error=error, may_be_posted=may_be_posted)

    def _gone(self, db: Database, row: OutboxAlert, reason: str) -> None:
        """The channel (or the person) refuses every post: fail this alert and pause what
        else would go there, so alerts stop failing one by one."""
        self._close(db, row, "failed", reason)
        log.warning("alert %s to %s not posted: %s", row.id, row.channel, reason)
        pause_channel(db, self.client, row.channel, reason=reason, clock=self.clock)

    def _channel_for(self, target: str, now: datetime) -> str:
        """A person's alerts go to their direct-message channel with the bot."""
        if not target.startswith(("U", "W")):
            return target
        if target not in self._dm_channels:
            opened = paced(self.pacer, "conversations.open", now,
                           lambda: self.client.conversations_open(users=target), via=open_direct)
            self._dm_channels[target] = opened["channel"]["id"]
        return self._dm_channels[target]

    def _retry_later(self, db: Database, row: OutboxAlert, retry: Retry, now: datetime) -> None:
        if retry.refused and row.attempts + 1 >= LOOKUP_TRIES:
            self._give_up_looking(db, row, retry)
            return
        if retry.rate_limited:
            delay = retry.delay
            if per_method(retry) is None:  # a method's hold was set where it was met (paced)
                self.pacer.rate_limited(delay, now, None if retry.everywhere else row.channel)
        else:
            delay = max(BACKOFF.delay(row.attempts + 1),
                        self.late_wait if retry.late else retry.delay)
        if retry.outage and self.reach is not None:  # due with the run's next ask (Retry-After)
            delay = max(min(delay, OUTAGE_WAIT), retry.wait or 0.0)
        if retry.dropped and retry.answered:  # a post's drop (``post`` marks it answered; a
            delay = max(delay, self.late_wait)  # lookup's posts nothing): looked for once Slack
            # cannot be making it, as a digest is; the run's asks go on meanwhile
        in_flight = retry.in_flight or row.status == "sending"
        with transaction(db):
            outbox.mark_retry(db, row.id, error=retry.reason, in_flight=in_flight,
                              next_attempt_at=_iso(now + timedelta(seconds=delay)),
                              count=retry.refused or retry.tried, answered=retry.answered,
                              held_at=_iso(now) if UNKNOWN_CODE in retry.reason else None)
        self._say_retry(row, retry.reason, delay)

    def _say_retry(self, row: OutboxAlert, reason: str, delay: float) -> None:
        """An alert's retry at INFO once per reason (a hold met again and again, a try at
        each ask of an outage, is DEBUG): a held channel would say it every second."""
        level = logging.DEBUG if self._said.get(row.id) == reason else logging.INFO
        self._said[row.id] = reason
        log.log(level, "alert %s to %s: %s; retrying in %.0f s", row.id, row.channel, reason,
                delay)

    def _forget_said(self, waiting: set[int]) -> None:
        """Only alerts still waiting are remembered (posted, failed or dropped: forgotten)."""
        self._said = {alert: reason for alert, reason in self._said.items() if alert in waiting}

    def _not_again(self, db: Database, row: OutboxAlert) -> None:
        """Posted, perhaps, by the bot user the app had before: only that bot could read its
        direct messages, so whether the person has it cannot be checked; posting could give
        it to them twice, so it is marked failed, loudly (as when lookups keep failing)."""
        self._close(db, row, "failed", EARLIER_BOT, may_be_posted=True)
        log.error("alert %s to %s: %s; marked failed, not posted again (it may have gone out)",
                  row.id, row.channel, EARLIER_BOT)

    def _give_up_looking(self, db: Database, row: OutboxAlert, retry: Retry) -> None:
        """Slack keeps refusing to say whether an alert was posted (say, the token lacks
        channels:history): waiting longer would hold up the whole channel for ever, and posting
        could post it twice, so it is marked failed, loudly."""
        self._close(db, row, "failed", retry.reason, may_be_posted=True)
        log.error("alert %s to %s: %s; given up after %d attempts (its posts and the lookups "
                  "after them); marked failed, not posted again (it may have gone out). If the "
                  "token lacks a scope, reinstall the app from slack/manifest.yml", row.id,
                  row.channel, retry.reason, row.attempts + 1)


def _window(row: OutboxAlert) -> LookWindow:
    """Where its last try's post can be; for a try made before windows were kept, anywhere
    since a day before it was queued."""
    if row.look_from is None:
        return LookWindow(_parse(row.created_at).timestamp() - UNKNOWN_MARGIN_S)
    return LookWindow(row.look_from, row.look_until)


def _stray_from(row: OutboxAlert) -> float | None:
    """Where the posts of the alert's tries whose answers never came can be (the earliest's
    span on; its last try's too when no answer came to it, or when it was kept with no span):
    Slack may make them still, after the alert is posted again or one of them is found."""
    spanless = row.look_from is None  # kept before windows were: its answer is not known
    spans = [row.stray_from, _window(row).oldest if row.late_until or spanless else None]
    return min((oldest for oldest in spans if oldest is not None), default=None)


def _stray_thread(row: OutboxAlert) -> str | None:
    """The thread the posts of its tries whose answers never came can be in (``_stray_from``'s
    tries): the earliest's kept, else its last try's when no answer came to it."""
    last_unanswered = bool(row.late_until) or row.look_from is None
    last = row.thread_ts if last_unanswered and not row.tried_top_level else None
    return row.stray_thread_ts or last


def _stray_top(row: OutboxAlert) -> float | None:
    """Where the posts of its tries at the top level whose answers never came can be (the
    earliest's span on, or its last try's when no answer came to it): watched there as well
    when the thread of such a try is watched (``_stray_thread``)."""
    last = _window(row).oldest if row.late_until and row.tried_top_level else None
    return min((oldest for oldest in (row.stray_top_from, last) if oldest is not None),
               default=None)


@dataclass(frozen=True)
class Place:
    """Where a try went in its conversation: the thread ``thread_ts``, or the top level."""

    thread_ts: str | None


@dataclass(frozen=True)
class _Target:
    """Where one post goes, and what it carries besides the alert: whether a reply is sent
    to the channel too, and the install that tags it."""

    channel: str
    thread_ts: str | None
    broadcast: bool
    install: str


def _tried_by_earlier_bot(row: OutboxAlert, channel: str) -> bool:
    """Its last try went to another conversation with this person than the bot's own now: the
    app was installed again as another bot user since (a bot keeps one with each person)."""
    return row.channel.startswith(("U", "W")) and row.posted_channel not in (None, channel)


def _own_thread(db: Database, row: OutboxAlert, channel: str, thread_ts: str | None) -> bool:
    """Whether a reply goes in its own story's thread, not the running story's: in another's,
    an update says which event it updates, whatever its headline (``blocks._heads_its_thread``),
    and a new story leads with what it adds to the running story (``blocks.develops``)."""
    if thread_ts is None or row.story_id is None or row.kind not in ("new", "update"):
        return True
    return heads_thread(db, row.story_id, channel, thread_ts)


def _tried_root(db: Database, row: OutboxAlert, story_id: int, channel: str
                ) -> PostedMessage | None:
    """The thread the story's alert goes in (None: the top level); for one in flight, where
    its try went while that still stands, whatever story heads it, so the "already posted?"
    lookup reads there and a stray is watched for there (a fold since may have brought the
    story another thread, its first, or taken it out of the running story it was tried in)."""
    if row.status != "sending":
        return _thread_here(thread_root(db, story_id, row.channel), channel)
    if row.tried_top_level:
        return None
    tried = tried_thread(db, row.channel, row.thread_ts) if row.thread_ts else None
    return _thread_here(tried or thread_root(db, story_id, row.channel), channel)


def _thread_here(root: PostedMessage | None, channel: str) -> PostedMessage | None:
    """The story's thread, if it is in the conversation the alert goes to: a person's story
    started with the bot user the app had before is in that bot's direct messages, where a
    reply from this one would never show (Slack takes it, and nobody sees it)."""
    if root is None or (root.channel and root.channel != channel):
        return None
    return root


def _follow_move(db: Database, row: OutboxAlert) -> OutboxAlert | None:
    """An alert queued to a channel's old id (just before or as its rows moved to the new id,
    channel_id_changed) moves there first; None when the new id already had it (the old row
    is dropped, so it is never posted twice)."""
    new = moved_to(db, row.channel)
    if new is None:
        return row
    with transaction(db):
        move_channel(db, row.channel, new)
        kept = outbox.alert_channel(db, row.id) == new
    log.info("alert %s: channel %s is now %s; %s", row.id, row.channel, new,
             "moved there" if kept else "dropped (the new id has it)")
    return replace(row, channel=new) if kept else None


def _pings(db: Database, row: OutboxAlert, loud: bool) -> tuple[str, ...]:
    """Whom an alert pings: for a quote alert (each stands alone), whom the quote
    subscriptions that picked it notify; for a story's first message in the channel, or an
    update sent to the channel too (``loud``), whom the channel's topic subscriptions do."""
    if row.kind == QUOTE:
        return quote_alert_notify(db, row.id)
    if loud and row.story_id is not None:
        return story_notify(db, row.channel, row.story_id)
    return ()


class ThreadGone(Exception):
    """The message an update was to thread under was deleted (with no replies, it is gone);
    ``answered``: said in answer to the reply's post, not to a lookup."""

    def __init__(self, code: str, *, answered: bool = False) -> None:
        super().__init__(code)
        self.answered = answered


class NothingAsked(Exception):
    """The alert was settled with no post tried (gone, dropped in a channel's move, muted):
    its try says nothing of whether Slack answers (``AlertSender._heard``)."""


class NoThreads(Exception):
    """The channel's settings allow no threads: Slack refuses every reply there;
    ``answered``: said in answer to the reply's post (so the try was looked for before it)."""

    def __init__(self, code: str, *, answered: bool = False) -> None:
        super().__init__(code)
        self.answered = answered


def _raise_if_reply_refused(exc: SlackApiError, thread_ts: str | None, *,
                            answered: bool = False) -> None:
    """A reply refused for its thread (gone) or its channel (no threads there): the caller
    posts the update on its own instead."""
    if thread_ts and error_code(exc) in THREAD_GONE:
        raise ThreadGone(error_code(exc), answered=answered) from exc
    if thread_ts and error_code(exc) == NO_THREADS:
        raise NoThreads(error_code(exc), answered=answered) from exc


def _parse(value: str | None) -> datetime:
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    return utc_time(value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
