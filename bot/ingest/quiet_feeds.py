"""A feed that answers every poll but has brought nothing new far longer than its own usual gap
(learned from when its entries arrived, not a fixed hour: a feed that publishes weekly is not
silent after two days) is told once, where a failing feed is told (``bot.source_notices``), and
told again once when it brings entries again. A feed with too little history is never judged."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from sqlite_utils import Database

from bot.models import Source
from bot.redact import redact
from storage.quiet_feeds import arrivals, note_quiet, note_resumed
from storage.source_notices import failing_noted

log = logging.getLogger(__name__)
HISTORY = timedelta(days=60)
"""How far back the feed's arrivals are read."""
SAME_POLL = timedelta(minutes=1)
"""Arrivals closer than this are one (the rounds of a long poll, 15 s apart)."""
MIN_GAPS = 3
MIN_SPAN = timedelta(days=2)
"""A history of fewer gaps, or shorter than this, says nothing yet (a new feed's first night
would read as silence)."""
FACTOR = 2
FLOOR = timedelta(hours=6)
"""Quiet means FACTOR times the longest gap of its history, and never under FLOOR (nor under
three polls): a wire that brings something every poll is not told after ten minutes."""


def quiet_after(times: Sequence[datetime], *, every: timedelta) -> tuple[timedelta,
                                                                        timedelta] | None:
    """How long a silence of this feed is far longer than usual, and its longest gap; None
    when its arrivals (oldest first) are too few or too recent to say."""
    merged: list[datetime] = []
    for moment in times:
        if not merged or moment - merged[-1] >= SAME_POLL:
            merged.append(moment)
    gaps = [later - earlier for earlier, later in pairwise(merged)]
    if len(gaps) < MIN_GAPS or merged[-1] - merged[0] < MIN_SPAN:
        return None
    longest = max(gaps)
    return max(FACTOR * longest, FLOOR, 3 * every), longest


def judge(db: Database, before: Source, *, now: datetime, items: int) -> None:
    """In the transaction of a good poll, before its success is recorded (``before``: the
    feed as it was): a quiet feed that brought ``items`` is noted back; a working one silent far
    longer than its usual gap is noted quiet, once."""
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
    silent = now - _moment(before.last_item_at)
    if silent < FLOOR:
        return
    found = arrivals(db, before.id, since=(now - HISTORY).isoformat(timespec="seconds"))
    judged = quiet_after([_moment(a) for a in found], every=timedelta(seconds=before.every))
    if judged is None or silent < judged[0]:
        return
    usual = (f"its longest wait between new entries in the {HISTORY.days} days before was "
             f"{span_words(judged[1])}")
    note_quiet(db, before, at=stamp, usual=usual)
    log.warning("feed #%d %s: no new entry in %s though it answers every poll; %s (told once)",
                before.id, redact(before.location), span_words(silent), usual)


def span_words(span: timedelta) -> str:
    """'3 days', '9 hours', '40 minutes': the largest unit that gives a whole number of two."""
    minutes = int(span.total_seconds() // 60)
    if minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60)} days"
    if minutes >= 2 * 60:
        return f"{minutes // 60} hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _moment(value: str) -> datetime:
    found = datetime.fromisoformat(value)
    return found if found.tzinfo else found.replace(tzinfo=UTC)
