"""A feed that answers every poll but has brought nothing new far longer than its own usual gap
(learned from when its entries arrived, not a fixed hour: a feed that publishes weekly is not
silent after two days) is told once, where a failing feed is told (``bot.source_notices``), and
told again once when it brings entries again. A feed with too short a history (a new one) is
judged by a plainer rule: a day, and longer than a weekend it has not seen yet."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from sqlite_utils import Database

from bot.durations import span_words, utc_time
from bot.models import Source
from bot.redact import redact
from storage.quiet_feeds import (
    arrivals,
    entry_dates,
    keep_gaps,
    kept_gaps,
    note_quiet,
    note_resumed,
)
from storage.source_notices import failing_noted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gaps:
    """The gaps between a feed's new entries: how many, the longest, and the time they span."""

    count: int
    longest: timedelta
    span: timedelta
    dated: timedelta = timedelta()
    """For a short history, the longest gap between its entries' own dates (up to DATED)."""

    @property
    def short(self) -> bool:
        """Too short a history to learn the feed's usual gap from."""
        return self.count < MIN_GAPS or self.span < LEARNED_SPAN

HISTORY = timedelta(days=60)
"""How far back, from its latest new entry, the feed's arrivals are read."""
SAME_POLL = timedelta(minutes=1)
"""Arrivals closer than this are one (the rounds of a long poll, 15 s apart)."""
MIN_GAPS = 3
LEARNED_SPAN = timedelta(days=7)
"""A history of fewer gaps, or shorter than a week (it has not seen a weekend yet), is short:
judged by the plain rule below, not by its longest gap alone."""
FACTOR = 2
FLOOR = timedelta(hours=6)
"""Quiet means FACTOR times the longest gap of its history, and never under FLOOR (nor under
three polls): a wire that brings something every poll is not told after ten minutes."""
SHORT_FLOOR = timedelta(days=1)
SHORT_FACTOR = 6
WEEKEND = timedelta(days=3)
DATED = timedelta(days=7)
"""A short history is quiet after a day, FACTOR times its longest gap so far, the weekend it
may not have seen yet (SHORT_FACTOR times that gap, a night's 12 h, up to WEEKEND), and FACTOR
times the second longest gap between its entries' own dates (its first poll's show a weekly
feed's habit; one stray old date is not it), counted up to DATED."""


def quiet_after(gaps: Gaps, *, every: timedelta) -> timedelta:
    """How long a silence of this feed is far longer than usual."""
    least = max(FACTOR * gaps.longest, 3 * every)
    if not gaps.short:
        return max(least, FLOOR)
    return max(least, SHORT_FLOOR, min(SHORT_FACTOR * gaps.longest, WEEKEND),
               FACTOR * gaps.dated)


def gaps_of(times: Sequence[datetime]) -> Gaps:
    """The gaps between a feed's arrivals (oldest first; a poll's rounds as one)."""
    merged: list[datetime] = []
    for moment in times:
        if not merged or moment - merged[-1] >= SAME_POLL:
            merged.append(moment)
    gaps = [later - earlier for earlier, later in pairwise(merged)]
    return Gaps(count=len(gaps), longest=max(gaps, default=timedelta()),
                span=sum(gaps, timedelta()))


def judge(db: Database, before: Source, *, now: datetime, items: int) -> None:
    """In the transaction of a good poll, before its success is recorded (``before``: the
    feed as it was): a quiet feed that brought ``items`` is noted back; a working one silent far
    longer than its usual gap (or, for a short history, than the plain rule) is noted quiet,
    once."""
    if before.kind != "feed":
        return
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    if items and before.quiet_at:
        told = not (before.unhealthy and failing_noted(db, before.id))
        note_resumed(db, before, at=stamp, told=told)
        if told:  # else its 'works again' (``record_success``) is the one notice
            log.warning("feed #%d %s brings new entries again (told quiet at %s)", before.id,
                        redact(before.location), before.quiet_at)
        return
    if items or before.quiet_at or not before.last_item_at:
        return
    silent = now - utc_time(before.last_item_at)
    if silent < FLOOR:
        return
    gaps = history(db, before)
    if silent < quiet_after(gaps, every=timedelta(seconds=before.every)):
        return
    usual = usual_words(gaps)
    note_quiet(db, before, at=stamp, usual=usual, short=gaps.short)
    log.warning("feed #%d %s: no new entry in %s though it answers every poll; %s (told once)",
                before.id, redact(before.location), span_words(silent), usual)


def history(db: Database, source: Source) -> Gaps:
    """The gaps of the feed's 60 days before its latest new entry: read from its arrivals once
    and kept until a new entry comes (a silent feed's every poll read them all again)."""
    latest = source.last_item_at or ""
    kept = kept_gaps(db, source.id, latest=latest)
    if kept is not None:
        count, *seconds = kept
        longest, span, dated = (timedelta(seconds=s) for s in seconds)
        return Gaps(count=count, longest=longest, span=span, dated=dated)
    since = utc_time(latest) - HISTORY
    gaps = gaps_of([utc_time(a) for a in arrivals(db, source.id, since=_iso(since))])
    if gaps.short:
        gaps = replace(gaps, dated=dated_gap(entry_dates(db, source.id, since=_iso(since)),
                                             since=since, latest=utc_time(latest)))
    keep_gaps(db, source.id, latest=latest, count=gaps.count,
              seconds=(gaps.longest.total_seconds(), gaps.span.total_seconds(),
                       gaps.dated.total_seconds()))
    return gaps


def dated_gap(dates: Sequence[str], *, since: datetime, latest: datetime) -> timedelta:
    """The second longest gap between the feed's entries' own dates in its history (a date
    that does not read, or falls outside it, left out), up to DATED: one pinned or stray old
    entry makes the longest gap, not the feed's habit."""
    moments = sorted({m for m in (_read(d) for d in dates) if m and since <= m <= latest})
    gaps = sorted(b - a for a, b in pairwise(moments))
    return min(gaps[-2], DATED) if len(gaps) > 1 else timedelta()


def usual_words(gaps: Gaps) -> str:
    """The feed's usual gap as its notice says it."""
    if not gaps.short:
        return (f"its longest wait between new entries in the {HISTORY.days} days before was "
                f"{span_words(gaps.longest)}")
    if not gaps.count:
        return ("it brought new entries at one poll only since it was added, too few to learn "
                "its usual gap")
    return (f"its history is too short to learn its usual gap; its longest wait between new "
            f"entries so far was {span_words(gaps.longest)}")


def _read(value: str) -> datetime | None:
    try:
        return utc_time(value)
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
