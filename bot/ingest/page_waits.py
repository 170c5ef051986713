"""A teaser entry whose page failed in a way that may pass waits for the next polls; after
``PAGE_TRIES`` tries or ``PAGE_PATIENCE``, its teaser is stored. The tries are counted in SQLite
under one key per entry, whatever guid an edit gives it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from bot.ingest.feed_log import log, shown
from bot.ingest.feed_models import FeedEntry, PageFailed
from bot.ingest.seen_entries import titled_alike
from bot.models import RawArticle, Source
from bot.models.times import utc_time
from storage.db import transaction
from storage.page_attempts import note_page_failure, waiting_at_link, waiting_links

PAGE_TRIES = 3
PAGE_PATIENCE = timedelta(minutes=30)
"""An article page that fails in a way that may pass (a timeout, a 503 on a busy news day) is
asked for at the next polls; after PAGE_TRIES failures, or PAGE_PATIENCE after the first one,
whichever comes first, the feed's teaser is stored instead."""


def waiting_keys(db: Database, source_id: int, entries: list[FeedEntry]) -> list[str]:
    """The keys the feed's entries' page tries are counted under, their links looked up only
    where an entry waits (a poll of 10,000 entries is not 10,000 reads)."""
    links = waiting_links(db, source_id)
    return [waiting_key(db, source_id, e) if e.seen_link in links else e.key for e in entries]


def waiting_key(db: Database, source_id: int, entry: FeedEntry) -> str:
    """The key the entry's page tries are counted under: its own, or that of the entry waiting
    at its link under a title like its own (the same entry, its guid changed on an edit)."""
    if entry.seen_link is None:
        return entry.key
    keys = [key for key, title in waiting_at_link(db, source_id, entry.seen_link)
            if key == entry.key or titled_alike(entry, title)]
    return entry.key if not keys or entry.key in keys else keys[0]


def teaser_or_wait(db: Database, source: Source, entry: FeedEntry, failed: PageFailed, *,
                   background: bool, now: datetime) -> RawArticle | None:
    """The teaser to store now, or None: the page may come back, the entry waits for the next
    poll. The tries are kept in SQLite, so a restart does not start them again."""
    page, reason = shown(entry.link or ""), shown(failed.reason)
    if not failed.may_pass:
        log.warning("article page %s: %s; stored from the feed's teaser (the page is not "
                    "fetched again)", page, reason)
        return failed.teaser
    with transaction(db):
        tries = note_page_failure(db, source.id, key=waiting_key(db, source.id, entry),
                                  link=entry.seen_link, title=entry.seen_title, reason=reason,
                                  background=background, now=now)
    waited = now - utc_time(tries.first_failed_at)
    if tries.tries >= PAGE_TRIES:
        log.warning("article page %s: %s; stored from the feed's teaser after %d tries (the "
                    "page is not fetched again)", page, reason, tries.tries)
        return failed.teaser
    if waited >= PAGE_PATIENCE:
        log.warning("article page %s: %s; stored from the feed's teaser, %d minutes after its "
                    "first failure (the page is not fetched again)", page, reason,
                    int(waited.total_seconds() // 60))
        return failed.teaser
    log.warning("article page %s: %s; the entry waits for the next poll (try %d of %d)", page,
                reason, tries.tries, PAGE_TRIES)
    return None
