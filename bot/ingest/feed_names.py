"""The name a feed's articles are matched by (``source:``), and the one kept at its first poll."""

from __future__ import annotations

from sqlite_utils import Database

from bot.ingest.feed_log import log
from bot.ingest.feed_models import ParsedFeed
from bot.models import Source
from bot.models.web_link import web_link
from storage.sources import NAME_CHARS, named_alike


def feed_name(source: Source, feed: ParsedFeed) -> str:
    """The name ``source:`` matches the feed's articles by: the operator's or its first title
    (``Source.name``); before that is kept, its title now, else its host (``web_link``, as the
    fetch and a browser read it: ``http://A\\@B/`` is A)."""
    host = web_link(source.location)
    return source.name or feed.title or (host.name if host else source.location)


def first_name(db: Database, source: Source, feed: ParsedFeed) -> tuple[str, str | None]:
    """The name kept at the first poll: the title, unless another feed is named so (``source:``
    would match both as one); then the host, numbered when another feed has that too, and why
    (``Source.named_instead``)."""
    name = feed_name(source, feed)[:NAME_CHARS]
    other = named_alike(db, name, source_id=source.id)
    if other is None:
        return name, None
    host = web_link(source.location)
    number = f" #{source.id}"
    instead = host.name[:NAME_CHARS - len(number)] if host else f"feed{number}"
    if named_alike(db, instead, source_id=source.id):
        instead += number
    log.warning("feed #%d is titled %r, as feed #%d is named (%r): named %r instead so that "
                "`source:` tells them apart; to change it: wirewatch sources rename %d NAME",
                source.id, name, other.id, other.name, instead, source.id)
    return instead, f'its title "{name}" is feed #{other.id}\'s name'
