"""Feeds that break loudly: a source gone from working to failing, or back, is told once in
Slack to whoever added it and to the admin channel (``WIREWATCH_ADMIN_CHANNEL``), through the
outbox, so a restart neither loses the notice nor posts it twice.

The change is written by the poll's own transaction (``storage.sources``); ``queue_notices``
turns the changes into outbox rows in one transaction of its own, no network inside; the
outbox sender posts them (``notice_message``) as it posts alerts."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.activity import age, failing_advice
from bot.alerts.mrkdwn import counted, fit, slack_date
from bot.models import Source, SourceChange
from bot.redact import redact
from storage import source_notices as store
from storage import sources
from storage.db import transaction

log = logging.getLogger(__name__)
STALE = timedelta(days=1)
"""A change older than this when first queued (noted by a run without Slack, or while the
bot was down) is posted only if it is still so (``storage.source_notices.still_so``): a feed
broken meanwhile is what the desk should hear of; one since overtaken (the feed came back, or
broke again) is logged, not posted."""


def queue_notices(db: Database, *, admin_channel: str | None, now: datetime | None = None) -> int:
    """Queue each change not yet queued, for its source's adder and the admin channel."""
    if not store.changes_to_queue(db, limit=1):  # read first: no write lock taken for nothing
        return 0
    now = now or datetime.now(UTC)
    stamp = now.isoformat(timespec="seconds")
    queued = 0
    with transaction(db):
        for change in store.changes_to_queue(db):
            targets = [t for t in (change.added_by, admin_channel) if t]
            if age(change.at, now) > STALE and not store.still_so(db, change):
                targets = []
                log.info("source #%d %s: its change (%s) at %s is over a day old and overtaken "
                         "since; not posted", change.source_id, redact(change.location),
                         change.change, change.at)
            queued += store.queue_change(db, change.id, targets, at=stamp)
    return queued


def remove_source(db: Database, ident: int | str) -> Source:
    """``storage.sources.remove_source``, its changes not told yet settled untold (nobody
    follows the source any more), in the caller's transaction."""
    source = sources.remove_source(db, ident)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    untold = store.settle_untold(db, source.id, at=stamp)
    if untold:
        log.info("%s #%d %s removed: %s of its health not told yet, now never told", source.kind,
                 source.id, redact(source.location), counted(untold, "change"))
    return source


def notice_message(db: Database, alert_id: int) -> tuple[str, list[dict]]:
    """The fallback text and blocks of one source notice."""
    change = store.change_of_notice(db, alert_id)
    if change is None:
        raise LookupError(f"source notice {alert_id} names no change")
    text = notice_text(change)
    return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def notice_text(change: SourceChange) -> str:
    named = f"{change.kind} #{change.source_id} {fit(redact(change.location), 200)}"
    if change.change in ("quiet", "resumed"):
        return quiet_text(change, named)
    worked = f"it last worked {_when(change.last_success_at)}" if change.last_success_at else \
        "it has not worked since it was added"
    if change.change == "back":
        return (f"✅ The {named} works again, at {_when(change.at)}, after "
                f"{counted(change.failures, 'failed poll')} ({worked}).")
    reason = f": {fit(redact(change.reason), 300)}" if change.reason else ""
    fix = failing_advice(change.kind, change.source_id, reason=reason)
    return (f"⚠️ The {named} stopped working: {counted(change.failures, 'failed poll')} in a "
            f"row, the latest at {_when(change.at)}{reason}; {worked}. {fix[:1].upper()}"
            f"{fix[1:]}. It is tried "
            "again, less often; a message here says when it works again.")


def quiet_text(change: SourceChange, named: str) -> str:
    """A working feed gone quiet far longer than its usual gap, or bringing entries again;
    ``last_success_at``: its latest new entry before the silence."""
    latest = _when(change.last_success_at)
    if change.change == "resumed":
        return (f"✅ The {named} brings new entries again, at {_when(change.at)}, after a silence "
                f"(its latest before: {latest}).")
    usual = f"; {fit(change.reason, 200)}" if change.reason else ""
    advice = failing_advice(change.kind, change.source_id)
    return (f"🔇 The {named} has brought no new entry since {latest}, though it answers every "
            f"poll{usual}. If its site still publishes, the feed may have stopped or moved: "
            f"{advice}. A message here says when it brings new entries again.")


def _when(moment: str | None) -> str:
    return slack_date(moment) or fit(moment or "an unknown time", 60)
