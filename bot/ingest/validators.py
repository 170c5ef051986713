"""Whether a feed's poll sends its ETag / Last-Modified, and whether the server lied about them."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.ingest.fetch import Response
from bot.models import Source
from bot.models.times import utc_time

FULL_FETCH_EVERY = timedelta(hours=1)
"""A feed is fetched without validators at least this often: a server whose ETag or
Last-Modified never changes answers every conditional poll 304 whatever it carries."""


def validators_to_send(source: Source, now: datetime) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified to send, or none: the last full fetch is an hour old, or the
    server was caught answering 304 to a feed that had changed."""
    if source.validators_lie or not source.full_fetch_at:
        return None, None
    if now - utc_time(source.full_fetch_at) >= FULL_FETCH_EVERY:
        return None, None
    return source.etag, source.last_modified


def validators_lied(source: Source, response: Response, *, asked: bool, queued: int) -> bool:
    """A full fetch found new entries under the very validators stored for the last version:
    asked with them, the server would have answered 304 Not Modified."""
    if asked or not queued or source.validators_lie:
        return False
    same_tag = bool(response.etag) and response.etag == source.etag
    same_date = bool(response.last_modified) and response.last_modified == source.last_modified
    return same_tag or same_date
