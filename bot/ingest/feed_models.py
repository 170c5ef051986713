"""The plain dataclasses between a feed's steps: the parsed feed, its entries, a page that
could not be had, and what a poll did."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.ingest.bounds import bounded_link, bounded_title
from bot.models import RawArticle
from bot.models.times import utc_time


@dataclass(frozen=True)
class FeedEntry:
    key: str
    link: str | None
    title: str | None
    text: str
    published: str | None
    """The entry's date as its article reads it, in ISO 8601 with the offset the feed wrote it
    in (cleaning keeps it: the writer's day), read once as the feed is read (`5 minutes ago` is
    five minutes before the poll); None for none that can be read."""
    teaser: bool
    link_names_it: bool = True
    """False when other entries of the feed link to the same page: the link names none."""
    outlet: str | None = None
    """The entry's own `<source>` (RSS 2.0), which an aggregator's feed names for each entry."""

    @property
    def stamp(self) -> float | None:
        """Seconds since the epoch of ``published``: the feed's entries are taken in this order."""
        return utc_time(self.published).timestamp() if self.published else None

    @property
    def seen_link(self) -> str | None:
        """The link by which the entry is known (feeds that change guids on edits), if any."""
        return bounded_link(self.link) if self.link_names_it else None

    @property
    def seen_title(self) -> str | None:
        """The title the entry is remembered and looked up by, bounded as an article's is."""
        return bounded_title(self.title)

    @property
    def page(self) -> str | None:
        """The entry's link without its query: the page a feed re-links as `?ts=…`."""
        return bounded_link(without_query(self.link)) if self.link else None

    @property
    def as_read(self) -> str:
        """The entry known by its title, text and page (its link without the query), whatever
        its guid and date: a feed that makes new guids and links (`?ts=…`) at every poll still
        carries the same entry; two pages of one title and teaser are two entries."""
        return digest(f"as read\n{self.title}\n{' '.join(self.text.split())}\n"
                      f"{without_query(self.link or '')}")


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    warning: str | None = None


@dataclass(frozen=True)
class PageFailed:
    """A teaser entry whose linked page could not be had: why, whether a later try may get it
    (``FetchError.may_pass``), and the entry as its feed gives it, to store if not."""

    reason: str
    may_pass: bool
    teaser: RawArticle


@dataclass(frozen=True)
class PollResult:
    """What one poll did: ``queued`` new entries (as ``background`` ones), ``skipped`` seen ones."""

    queued: int = 0
    skipped: int = 0
    not_modified: bool = False
    unchanged: bool = False
    """The server sent the body the last poll read whole: nothing new, nothing parsed."""
    retry: int = 0
    error: str | None = None
    background: bool = False
    left: int = 0
    """Entries not looked at: this poll fetched as many article pages as one poll may, or
    queued as many entries as one round may (``round_full``)."""
    round_full: bool = False
    waiting: int = 0
    """Entries whose article page failed in a way that may pass: asked for at the next poll."""


def without_query(link: str) -> str:
    """The link without its query and fragment; as given when it is no address ('http://[::1')."""
    try:
        return urlsplit(link)._replace(query="", fragment="").geturl()
    except ValueError:
        return link


def digest(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()
