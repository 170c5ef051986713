"""Hourly and daily digests: one message per period per subscription, none when nothing happened."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot.alerts.calls import (
    ANSWER_LATE_WAIT,
    LOOKUP_TRIES,
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
from bot.alerts.came_from import shown_source
from bot.alerts.digest_blocks import DigestItem, digest_blocks, digest_plain, digest_text
from bot.alerts.digest_flight import InFlight, keep_in_flight, read_in_flight, strays_from
from bot.alerts.digest_links import with_thread_links
from bot.alerts.digest_siblings import ALERTED, listed_elsewhere, topic_query
from bot.alerts.digest_strays import sweep_digests, watch
from bot.alerts.held_back import pacer_of
from bot.alerts.history import EARLIER_BOT, Progress, Seen, conversation, find_posted
from bot.alerts.instances import Instances
from bot.alerts.notify import text_with_mentions, with_mentions
from bot.alerts.pacing import Pacer, paced
from bot.alerts.pause import pause_channel
from bot.alerts.sender import BACKOFF, Reach
from bot.alerts.slack_clock import LATE_POST_WINDOW, UNKNOWN_MARGIN_S, SlackClock
from bot.alerts.token import TokenDead, TokenState
from bot.clock_step import waiting
from bot.models import LookWindow, Subscription, TopicEvent
from bot.models.times import utc_time
from bot.stories.left_out import leaves_in
from bot.stories.stored_queries import stored_query
from storage import subscriptions as subs
from storage.alerts import (
    alerted_events,
    moved_first_reports,
    record_told,
    told_of,
    topic_events_between,
)
from storage.db import transaction
from storage.digest_owed import keep_owed, owed_back
from storage.held_digests import clear_held, held_tries, mark_held
from storage.state import install_id
from storage.stories import folded_story
from storage.threads import muted_with_running

log = logging.getLogger(__name__)
EVENT_TYPE = "wirewatch_digest"


@dataclass(frozen=True)
class Period:
    """The span a digest covers: ``since`` <= event time <= ``until`` (both UTC; an event a
    digest took is not read again, ``topic_events_between``); ``boundary``
    gives the subscription's latest period boundary at or before a moment."""

    since: datetime
    until: datetime
    boundary: Callable[[datetime], datetime]


def period_end(now: datetime, *, mode: str, tz: ZoneInfo, daily_hour: int) -> datetime:
    """The latest period boundary at or before ``now``, in the newsroom's time zone."""
    local = now.astimezone(tz)
    if mode == "hourly":
        return local.replace(minute=0, second=0, microsecond=0)
    # fold=0: on the night clocks go back the daily hour comes twice, and the day ends at the
    # first of them only (a skipped hour, fold=0, reads as the moment clocks went forward)
    boundary = local.replace(hour=daily_hour, minute=0, second=0, microsecond=0, fold=0)
    if boundary.astimezone(UTC) > now:
        boundary = (boundary - timedelta(days=1)).replace(hour=daily_hour, fold=0)
    return boundary


@dataclass
class Lookups:
    """A run's digests in flight, looked for as its alerts are: first three of the client's
    timeouts after a try whose answer never came, then again before each pass until its late
    window closes (``slack_clock.late_waits``), in the span of history its post can be in by
    Slack's clock (the run's ``clock``, which its posts set)."""

    late_wait: float = ANSWER_LATE_WAIT
    late_window: float = LATE_POST_WINDOW
    clock: SlackClock = field(default_factory=SlackClock)
    pacer: Pacer | None = None  # the pass's: a lookup keeps to a method's hold as others do


def send_due_digests(db: Database, client: WebClient, *, now: datetime, timezone: str = "UTC",
                     daily_hour: int = 8, pacer: Pacer | None = None,
                     token: TokenState | None = None, instances: Instances | None = None,
                     stopping: threading.Event | None = None,
                     lookups: Lookups | None = None, reach: Reach | None = None) -> int:
    """Post every digest whose period ended by ``now``, at the alerts' pace; returns how many.
    ``instances``: this run's, whose boot id each digest carries beside the database's id, and
    which is shown what a lookup reads (``bot.alerts.instances``); ``stopping`` set: no
    further digest (the run is stopping; the one under way is settled by the next run);
    ``lookups``: the run's, for digests in flight (``Lookups``); ``reach``: the run's outage,
    which a digest that finds Slack down marks as an alert does, and which the rest wait for.
    ``pacer``: by default the database's (``held_back.pacer_of``): one called alone (from the
    command line) keeps to a running bot's holds, which are kept in the database."""
    tz = ZoneInfo(timezone)
    pacer, token = pacer or pacer_of(db), token or TokenState()
    lookups = replace(lookups or Lookups(), pacer=pacer)
    if not token.usable(client, now):
        return 0
    posted = 0
    for sub in subs.digest_subscriptions(db):
        if pacer.paused(now) or not token.report().ok or (stopping and stopping.is_set()) or \
                (reach is not None and reach.down()):
            break
        since = _parse(sub.last_digest_at or sub.created_at)
        end = _held_end(db, sub, since, period_end(now, mode=sub.mode, tz=tz,
                                                   daily_hour=daily_hour))
        if since >= end or _backing_off(db, sub, now):
            continue
        period = Period(since, end, partial(period_end, mode=sub.mode, tz=tz,
                                            daily_hour=daily_hour))
        posted += pacer.in_turn(sub.target_id, now, partial(
            _try_one, db, client, sub, period, tz, pacer, token, now, instances, lookups,
            reach)) or 0
    if not (pacer.paused(now) or not token.report().ok or (stopping and stopping.is_set()) or
            (reach is not None and reach.down())):
        _sweep(db, client, now, instances, lookups, pacer)
    return posted


def _sweep(db: Database, client: WebClient, now: datetime, instances: Instances | None,
           lookups: Lookups, pacer: Pacer) -> None:
    """Delete the strays Slack made of digests posted again (``bot.alerts.digest_strays``)."""
    def seen(channel: str, messages: list[dict]) -> Collection[str]:
        return () if instances is None else instances.look(client, channel, messages, now)

    sweep_digests(db, client, now=now, first_look=lookups.late_wait, event_type=EVENT_TYPE,
                  install=install_id(db), seen=seen, slack_now=lookups.clock.now(),
                  pacer=pacer)


def _try_one(db: Database, client: WebClient, sub: Subscription, period: Period, tz: ZoneInfo,
             pacer: Pacer, token: TokenState, now: datetime,
             instances: Instances | None, lookups: Lookups, reach: Reach | None = None) -> int:
    """One digest; a passing failure is retried on a later pass (the period stays open); a
    digest Slack refuses outright goes as plain text, and refused even so is skipped."""
    try:
        sent = _send_or_fall_back(db, client, sub, period, tz, instances, now, lookups)
    except Retry as retry:
        if retry.rate_limited and per_method(retry) is None:  # a method's: held where met
            pacer.rate_limited(retry.delay, now, None if retry.everywhere else sub.target_id)
        outage = reach if retry.outage else None  # the run's, said once there
        if outage is not None:
            outage.lost(retry.reason, retry.wait, now)
        said = outage is None and retry.asked  # a hold's pass called nothing: its 429 said it
        log.log(logging.WARNING if said else logging.INFO,
                "digest for %s on %r not posted yet (%s); will retry%s", sub.target_id,
                sub.topic, retry.reason, _held(db, sub, retry, now))
        return 0
    except TokenDead as dead:
        token.fail(str(dead), now)
        return 0
    except ChannelGone as gone:
        pause_channel(db, client, sub.target_id, reason=str(gone), clock=lookups.clock)
        return 0
    except SlackApiError as exc:
        log.error("digest for %s on %r refused by Slack (%s), even as plain text; the digest "
                  "up to %s is skipped so the next ones still come", sub.target_id, sub.topic,
                  error_code(exc), _iso(period.until))
        _done(db, sub, _iso(period.until), _items(db, sub, period))
        return 0
    if sent:
        pacer.posted(sub.target_id, now)
    return sent


def _held(db: Database, sub: Subscription, retry: Retry, now: datetime) -> str:
    """A try Slack refused without saying it did nothing final (a code nobody knows: shown
    held; direct messages it would not open) is counted, and the next waits as an alert's
    would (``sender.BACKOFF``, up to 5 minutes), after a restart too; when, said for the log."""
    if not (retry.tried or UNKNOWN_CODE in retry.reason):
        return ""
    tries = held_tries(db, sub.id)[0] + 1
    next_try = now + timedelta(seconds=BACKOFF.delay(tries))
    with transaction(db):
        mark_held(db, sub.id, error=retry.reason, at=_iso(now), next_try=_iso(next_try))
    return f" after {_iso(next_try)} (try {tries})"


def _backing_off(db: Database, sub: Subscription, now: datetime) -> bool:
    """The digest's last try was refused so (``_held``) and its next is not due yet."""
    next_try = held_tries(db, sub.id)[1]
    return bool(next_try) and waiting(_parse(next_try), now, BACKOFF.cap)


def _send_or_fall_back(db: Database, client: WebClient, sub: Subscription, period: Period,
                       tz: ZoneInfo, instances: Instances | None, now: datetime,
                       lookups: Lookups) -> int:
    """Slack refusing the message itself (invalid_blocks, msg_blocks_too_long …) would refuse
    it again at every pass, holding the period open for ever: send it once as plain text."""
    try:
        return _send_one(db, client, sub, period, tz, now, instances=instances,
                         lookups=lookups)
    except SlackApiError as exc:
        log.warning("digest for %s on %r refused by Slack (%s); sending it as plain text",
                    sub.target_id, sub.topic, error_code(exc))
    return _send_one(db, client, sub, period, tz, now, instances=instances,
                     lookups=lookups, plain=True)


def _send_one(db: Database, client: WebClient, sub: Subscription, period: Period,
              tz: ZoneInfo, now: datetime, *, instances: Instances | None = None,
              lookups: Lookups, plain: bool = False) -> int:
    """Post the period's digest at most once: one in flight when a pass stopped is settled
    first, and the next is marked in flight (with its conversation) before it is posted.
    ``plain``: Slack just refused this pass's blocks (so did not post them), after the pass
    settled what was in flight: nothing to look for (a look needs the history scope)."""
    taken = _items(db, sub, period)
    until = _iso(period.until)
    if not taken.items:
        with transaction(db):
            subs.set_last_digest(db, sub.id, until, taken.last_event)
            keep_owed(db, sub.id, owed=taken.owed, settled=taken.settled)
            clear_held(db, sub.id)
        return 0
    channel = _channel(client, sub, lookups.pacer, now)
    payload = f"{sub.id}@{until}"
    install = install_id(db)
    seen = None if instances is None else \
        (lambda messages: instances.look(client, channel, messages, datetime.now(UTC)))
    earlier = read_in_flight(db, sub.id)
    settled = None if plain else _settle_in_flight(db, client, sub, channel,
                                                   (payload, now, lookups), period.until,
                                                   install, seen)
    if settled is not None:
        found, ts = settled
        watched = _stray_watch(earlier, period.until, (channel, ts), now, lookups) \
            if earlier.stray_from is not None and ts else None
        _done(db, sub, until, taken, watched, delivered=bool(found))
        return found
    items = with_thread_links(db, client, sub.target_id, taken.items)
    flight = replace(_trying(lookups, payload, channel, now), stray_from=strays_from(
        earlier, _day_before(period.until)) if earlier.payload == payload else None)
    with transaction(db):
        keep_in_flight(db, sub.id, flight)
    text, blocks = _message(sub, items, period.since.astimezone(tz), plain=plain,
                            elsewhere=taken.elsewhere)
    try:
        response = call(lambda: client.chat_postMessage(
            channel=channel, text=text, blocks=blocks,
            unfurl_links=False, unfurl_media=False,
            metadata={"event_type": EVENT_TYPE,
                      "event_payload": {"digest": payload, "install": install,
                                        "boot": instances.boot if instances else ""}}))
    except (SlackApiError, Retry, TokenDead) as exc:
        step = (post_held(exc) or unknown_answer(exc)) if isinstance(exc, SlackApiError) \
            else None
        _answered(db, sub, flight, step or exc, earlier)
        if step:
            raise step from exc
        raise
    ts = str(response.get("ts") or "")
    lookups.clock.heard(ts)
    if instances is not None:
        instances.posted(channel, datetime.now(UTC))
    return _done(db, sub, until, taken, _stray_watch(flight, period.until, (channel, ts), now,
                                                     lookups, last_answered=True),
                 delivered=True)


def _stray_watch(flight: InFlight, until: datetime, where: tuple[str, str], now: datetime,
                 lookups: Lookups, *, last_answered: bool = False) -> StrayWatchOf | None:
    """What the digest posted (or found) ``where`` is watched for: the posts of its tries
    whose answers never came (``flight``'s; not its last try's when ``last_answered``);
    None when there were none."""
    tried = replace(flight, late_until="") if last_answered else flight
    stray_from = strays_from(tried, _day_before(until))
    if stray_from is None or not where[1]:
        return None
    return StrayWatchOf(flight.payload, where, stray_from, now, lookups.late_wait)


@dataclass(frozen=True)
class StrayWatchOf:
    """A digest to watch for strays once its period is closed (``digest_strays.watch``)."""

    payload: str
    where: tuple[str, str]
    stray_from: float
    now: datetime
    first_look: float


def _day_before(until: datetime) -> float:
    """Where a try kept before windows were can be: a day before its period's end on."""
    return until.timestamp() - UNKNOWN_MARGIN_S


def _trying(lookups: Lookups, payload: str, channel: str, now: datetime) -> InFlight:
    """Kept before the post leaves, for a try whose answer never comes: looked for no sooner
    than the late wait, in the span its post can be in, not posted again in the late window."""
    return InFlight(payload, channel, _iso(now), lookups.clock.window(lookups.late_window),
                    _iso(now + timedelta(seconds=lookups.late_window)))


def _answered(db: Database, sub: Subscription, flight: InFlight, exc: Exception,
              earlier: InFlight) -> None:
    """Slack answered the try (a refusal, of the message or of the token, a 429: not posted; a
    5xx, a dropped connection: done with it), or never had it (a refused connection: not
    posted), so it will not make the post later: no late window; looked for when it may have
    been posted, and not at all when neither it nor an ``earlier`` try of this digest may be
    in Slack (posted at the next pass as if never tried)."""
    if isinstance(exc, Retry) and exc.late:
        return
    posted_maybe = isinstance(exc, Retry) and exc.in_flight
    kept = None if not posted_maybe and earlier.payload != flight.payload else \
        replace(flight, late_until="", tried=flight.tried if posted_maybe else "")
    with transaction(db):
        keep_in_flight(db, sub.id, kept)


def _settle_in_flight(db: Database, client: WebClient, sub: Subscription, channel: str,
                      wanted: tuple[str, datetime, Lookups], until: datetime, install: str,
                      seen: Seen | None) -> tuple[int, str] | None:
    """A digest in flight when the last pass stopped may be in Slack: 1 and its ts if it is,
    0 if only the bot user the app had before could tell (a person's direct messages with it:
    said, not posted again, as alerts are); None: post it (a channel's new id holds its messages).
    ``wanted``: the digest's payload, the pass's moment and the run's lookups. Looked for only
    once Slack has had the late wait to finish the post, and not posted again while its late
    window is open, nor when the lookup read its newest page while it was (Retry: Slack may
    still make it, or made it above the pages read on from); a lookup Slack cuts short (a 429)
    reads on from its page at the next pass, after a restart too."""
    payload, now, lookups = wanted
    flight = read_in_flight(db, sub.id)
    if flight.payload != payload:
        return None
    if flight.tried and waiting(_parse(flight.tried) + timedelta(seconds=lookups.late_wait),
                                now, lookups.late_wait):
        raise Retry("Slack may still be posting the one under way", 0, True)
    if lookups.pacer is not None:
        lookups.pacer.ask("conversations.history", now)
    progress = Progress.kept(flight.cursor, conversation(channel, None), now)
    try:
        found = _look(db, (client, lookups.pacer, now), sub, flight, progress,
                      (channel, install, seen),
                      flight.window or LookWindow(until.timestamp() - UNKNOWN_MARGIN_S))
    except LookupsRefused as refused:
        log.error("digest for %s on %r up to %s: %s, %d times; skipped, not posted again (it "
                  "may have gone out). If the token lacks a history scope, reinstall the app "
                  "from slack/manifest.yml", sub.target_id, sub.topic, _iso(until), refused,
                  LOOKUP_TRIES)
        return 0, ""
    if found:
        return 1, found
    if flight.late_until and waiting(_parse(flight.late_until), progress.began or now,
                                     lookups.late_window):
        raise Retry("not in Slack yet; Slack may still make the post of the try whose answer "
                    "never came", 0, True, late=True)
    if sub.target_type != "user" or flight.channel in ("", channel):
        return None
    log.error("digest for %s on %r up to %s: %s; skipped, not posted again (it may have gone "
              "out)", sub.target_id, sub.topic, _iso(until), EARLIER_BOT)
    return 0, ""


def _look(db: Database, asking: tuple[WebClient, Pacer | None, datetime], sub: Subscription,
          flight: InFlight, progress: Progress, where: tuple[str, str, Seen | None],
          window: LookWindow) -> str | None:
    """The digest's post, looked for in ``window`` of the conversation, reading on from where
    a lookup Slack cut short stopped; that place kept when Slack cuts this one short too, and
    dropped when this one reads to its end (a later look begins at the newest page)."""
    channel, install, seen = where
    client, pacer, now = asking
    try:
        found = _lookup(pacer, now, lambda: find_posted(
            client, channel=channel, thread_ts=None, event_type=EVENT_TYPE, key="digest",
            value=flight.payload, window=window, install=install, seen=seen,
            progress=progress))
    except Retry as retry:
        refused = flight.refused + retry.refused
        if refused >= LOOKUP_TRIES:
            raise LookupsRefused(retry.reason) from retry
        with transaction(db):
            keep_in_flight(db, sub.id, replace(flight, cursor=progress.saved(),
                                               refused=refused))
        raise
    if flight.cursor and not found:
        with transaction(db):
            keep_in_flight(db, sub.id, replace(flight, cursor=None))
    return found


def _message(sub: Subscription, items: list[DigestItem], since: datetime, *,
             plain: bool, elsewhere: dict[str, int]) -> tuple[str, list[dict] | None]:
    """The digest's text and blocks, pinging whom the subscription notifies once, at its top."""
    if plain:
        return text_with_mentions(digest_plain(sub.topic, sub.mode, items, elsewhere),
                                  sub.notify), None
    return with_mentions(digest_text(sub.topic, sub.mode, items),
                         digest_blocks(sub.topic, sub.mode, items, since, elsewhere),
                         sub.notify)


def _held_end(db: Database, sub: Subscription, since: datetime, end: datetime) -> datetime:
    """The end of the period whose digest is in flight, when it is still open: a pass after
    the next period's end settles that digest (it may be in Slack) before listing its stories
    again in a longer one. A subscription resumed or changed since starts afresh."""
    owner, _, until = read_in_flight(db, sub.id).payload.partition("@")
    if owner != str(sub.id) or not until:
        return end
    held = _parse(until)
    return held if since < held < end else end


def _lookup(pacer: Pacer | None, now: datetime, request: Callable[[], str | None]) -> str | None:
    """Like the alerts' lookup: an unanswered "already posted?" waits for the next pass; one
    Slack refused is counted (``LookupsRefused`` once it has been LOOKUP_TRIES times)."""
    try:
        return paced(pacer, "conversations.history", now, request)
    except SlackApiError as exc:
        raise Retry(f"could not check whether it was posted: {error_code(exc)}", 0,
                    True, refused=True) from exc


class LookupsRefused(Exception):
    """Slack refused to say whether the digest in flight was posted LOOKUP_TRIES times (say,
    the token lacks the history scope): waiting longer would hold every later digest of the
    subscription for ever, and posting could post it twice, so its period is skipped."""


def _done(db: Database, sub: Subscription, until: str, taken: Taken,
          watched: StrayWatchOf | None = None, *, delivered: bool = False) -> int:
    """The period is done (posted, found posted, or skipped): the next digest starts after it;
    ``watched``: its post is watched for strays of its tries whose answers never came;
    ``delivered`` (posted or found): its reader was told of the stories it lists
    (``record_told``), in the same transaction, so a crash never keeps one without the other."""
    with transaction(db):
        subs.set_last_digest(db, sub.id, until, taken.last_event, taken.moved)
        keep_owed(db, sub.id, owed=taken.owed, settled=taken.settled)
        if delivered:
            record_told(db, sub.target_id, [item.story_id for item in taken.items])
        keep_in_flight(db, sub.id, None)
        clear_held(db, sub.id)
        if watched is not None:
            watch(db, subscription_id=sub.id, payload=watched.payload, where=watched.where,
                  stray_from=watched.stray_from, now=watched.now,
                  first_look=watched.first_look)
    return 1


@dataclass(frozen=True)
class Taken:
    """A digest's items; the last event taken, after which the next digest starts (whatever
    the clock said when it came); and the moved first reports it lists as their story's start
    (read after the move: a later digest must not list them new again)."""

    items: list[DigestItem]
    last_event: int | None
    moved: tuple[int, ...]
    elsewhere: dict[str, int] = field(default_factory=dict)
    """Where else (mrkdwn: another topic's digest, alerts) the conversation gets how many of
    this period's stories, not listed in this digest."""
    owed: tuple[int, ...] = ()
    """The events left out for an alert of their own still to go there (queued, in flight):
    listed by a later digest if it fails for good (``storage.digest_owed``)."""
    settled: tuple[int, ...] = ()
    """The events earlier digests owed that this one gave back, or whose alert was posted."""


def _items(db: Database, sub: Subscription, period: Period) -> Taken:
    """One item per story, in the order stories first appeared in the period; none for a
    muted story, for an article the topic's exclusions (NOT, ``source:``) leave out, or for a
    story the conversation gets otherwise (``listed_elsewhere``: counted in ``Taken.elsewhere``).
    An event an earlier digest left out for an alert that has since failed for good comes first
    (``owed_back``): the reader got neither."""
    events = topic_events_between(db, sub.topic_id, _iso(period.since), _iso(period.until),
                                  after=sub.last_digest_event)
    back, settled = owed_back(db, sub.id, sub.target_id)
    read = sorted({e.event_id: e for e in [*back, *events]}.values(), key=lambda e: e.event_id)
    stories: dict[int, DigestItem] = {}
    moved: list[int] = []
    elsewhere: dict[str, set[int]] = {}
    query = stored_query(topic_query(db, sub.topic_id))
    listed = listed_elsewhere(db, sub, read)
    for event in _with_moved_first_reports(db, read, sub, period):
        if muted_with_running(db, event.story_id, [sub.target_id]) or \
                not leaves_in(db, query, event.article_id):
            continue
        if event.event_id in listed:
            elsewhere.setdefault(listed[event.event_id], set()).add(event.story_id)
            continue
        item = stories.get(event.story_id)
        if item is None:
            stories[event.story_id] = DigestItem(
                story_id=event.story_id, is_new=_starts(db, event, sub),
                headline=event.title, url=event.url,
                source=shown_source(event.source, event.url, event.origin),
                whats_new=event.whats_new, articles=1, joined=_joined(db, event))
            if event.verdict == "new" and event.moved_at is not None:
                moved.append(event.event_id)
        else:
            stories[event.story_id] = item.with_update(event.whats_new, _joined(db, event))
    return Taken(list(stories.values()), max((e.event_id for e in events), default=None),
                 tuple(moved), {place: len(ids - stories.keys()) for place, ids in elsewhere.items()
                                if ids - stories.keys()},
                 _owed(db, sub.target_id, [e for e, place in listed.items() if place == ALERTED]),
                 settled)


def _owed(db: Database, target: str, alerted: list[int]) -> tuple[int, ...]:
    """Of the events left out for an alert of their own there, those whose alert is not posted
    yet: it may still fail for good (the channel refuses it, Slack refuses the message)."""
    posted = alerted_events(db, target, alerted, statuses=("sent",))
    return tuple(sorted(e for e in alerted if e not in posted))


def _joined(db: Database, event: TopicEvent) -> tuple[int, str, str | None] | None:
    """The later story this event's report folded into its story, if it did (its thread's
    link is added with the others, ``with_thread_links``)."""
    folded = folded_story(db, story_id=event.story_id, article_id=event.article_id)
    return None if folded is None else (*folded, None)


def _starts(db: Database, event: TopicEvent, sub: Subscription) -> bool:
    """Whether the event is its story's start for this digest: its first report, or an update
    of a story its reader was never told of (``storage.alerts.told_of``: no alert or digest
    line of it delivered there; its first report held as a late copy, left out by the topic's
    NOT, before the subscription, or before the story was tied to the topic): listed as new,
    as Slack's "New development" and "New here" are, not as an update of nothing."""
    return event.verdict == "new" or not told_of(db, event.story_id, sub.target_id)


def _with_moved_first_reports(db: Database, events: list[TopicEvent], sub: Subscription,
                              period: Period) -> list[TopicEvent]:
    """A story a later correction made of a report an earlier digest listed as another
    story's news starts here with that report, as new: its reader never saw it as a story,
    so its later report must not read as an update of it (an earlier digest that took an
    event made after the correction listed the story already, and so did the digest of the
    report's own period when the move came within that period, or one that read the report
    after its move, held past its period by Slack)."""
    firsts: dict[int, TopicEvent] = {}
    for event in events:
        firsts.setdefault(event.story_id, event)
    updated = [story for story, first in firsts.items() if first.verdict != "new"]
    if not updated:
        return events
    moved = {e.story_id: e for e in moved_first_reports(
        db, updated, before=min(e.event_id for e in events), taken=sub.last_digest_event,
        subscription=sub.id) if _moved_after_its_digest(e, period)}
    out: list[TopicEvent] = []
    for event in events:
        if event.story_id in moved and firsts[event.story_id] is event:
            out.append(moved[event.story_id])
        out.append(event)
    return out


def _moved_after_its_digest(event: TopicEvent, period: Period) -> bool:
    """A period boundary lies between the report's arrival and its move: the digest that took
    it read it as the other story's news. A move stored before its time was kept counts so."""
    if event.moved_at is None:
        return True
    return period.boundary(_parse(event.moved_at)) >= _parse(event.created_at)


def _channel(client: WebClient, sub: Subscription, pacer: Pacer | None, now: datetime) -> str:
    """Where the digest goes: a person's direct messages are opened, kept to Slack's hold of
    conversations.open (``paced``)."""
    if sub.target_type != "user":
        return sub.target_id
    opened = paced(pacer, "conversations.open", now,
                   lambda: client.conversations_open(users=sub.target_id), via=open_direct)
    return str(opened["channel"]["id"])


def _parse(value: str) -> datetime:
    return utc_time(value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
