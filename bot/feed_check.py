"""Fetching a feed once as it is added, so a wrong address breaks loudly at once: the same
fetcher, limits, address policy and proxy as the polls of `wirewatch run`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.alerts.mrkdwn import counted
from bot.config import Settings
from bot.ingest.addresses import AddressPolicy, same_host
from bot.ingest.bounds import MOST_LINK_CHARS, kept_error, shown_origin
from bot.ingest.feed_moves import too_long_to_move_to
from bot.ingest.feed_parse import FeedError, WebPageError, parse_feed
from bot.ingest.fetch import Fetcher, FetchError, FetchLimits
from bot.redact import redact
from storage.sources import NAME_CHARS

UNTYPED = re.compile(r'[\\"“”„‟`$!]')
"""What a name in a suggested command goes without: a quote that would end it (Slack's curly
ones too), and what a shell acts on inside double quotes (``$``, a backquote, ``\\``,
history's ``!``); a backquote would end Slack's code span too."""


@dataclass(frozen=True)
class FeedCheck:
    """What one fetch of a new feed found: its title and entries, or why it failed."""

    title: str | None = None
    entries: int = 0
    problem: str | None = None
    web_page: bool = False
    """The address is a web page, which no poll will read as a feed."""
    named_feed: str | None = None
    """The feed such a page names for itself."""
    named_title: str | None = None
    """What the page calls it (the page's text: shown only through ``typed_name``)."""
    named_elsewhere: bool = False
    """That feed is on another host than the page: the page's server chose it, so the trust
    ``--allow-private`` gave the page's host is not passed on to it."""
    moved_to: str | None = None
    """Where the feed moved for good (permanent redirects only): its polls go there."""
    refused_move: int = 0
    """The length of the address it moved for good to, when too long to move to."""
    moved_off_host: str | None = None
    """Where a feed checked with a trust (``--allow-private``, ``--relays``, ``--name``) moved
    for good on another host: not moved there, so that the trust given to its host goes
    nowhere else."""
    trusts: tuple[str, ...] = ()
    """The flags giving those trusts, as the operator gave them."""

    def found(self) -> str:
        """'“Harbour Gazette”, 2 entries', for a feed that works."""
        title = f"“{self.title}”" if self.title else "a feed with no title"
        return f"{title}, {counted(self.entries, 'entry', 'entries')}"

    def move_refused(self) -> str | None:
        """Why a feed that moved for good stays polled where it was added; the one wording of
        `wirewatch` and `/wirewatch`."""
        if self.moved_off_host:
            return (f"it moved for good to {shown_origin(redact(self.moved_off_host))} (a "
                    f"permanent redirect), another host than the one {' and '.join(self.trusts)} "
                    "trusts: "
                    "not moved there; polled at the address given, the redirect checked at each "
                    "poll as a public feed's (to poll it there, add that address)")
        if not self.refused_move:
            return None
        return (f"it moved for good to an address of {self.refused_move:,} characters (a "
                f"permanent redirect), longer than a link may be ({MOST_LINK_CHARS:,}): not "
                "moved there; polled at the address given")

    def feed_to_add(self, *, every: int | None, flags: Iterable[str],
                    name: str | None = None) -> str | None:
        """`sources add FEED --name "…" --every N --flag…`: the command adding the feed a web
        page names, with the options given (the name given, else the page's for the feed); the
        one wording of `wirewatch` and `/wirewatch`."""
        if not self.named_feed:
            return None
        kept = [f for f in flags if not (self.named_elsewhere and f == "--allow-private")]
        typed = typed_name(name or self.named_title or "")
        options = ((f' --name "{typed}"' if typed else "") + (f" --every {every}" if every else "")
                   + "".join(f" {f}" for f in kept))
        return f"sources add {redact(self.named_feed)}{options}"


def typed_name(text: str) -> str | None:
    """``text`` as a name to type between double quotes, in a shell or in Slack: without
    ``UNTYPED`` and control or invisible characters (each a space), its spaces made one,
    trimmed, cut at a word to ``NAME_CHARS``; None when nothing is left."""
    kept = "".join(" " if UNTYPED.match(c) or unicodedata.category(c)[0] in "CZ" else c
                   for c in text)
    name = " ".join(kept.split())
    if len(name) > NAME_CHARS:
        cut = name[:NAME_CHARS + 1].rpartition(" ")[0]
        name = cut or name[:NAME_CHARS]
    return name or None


def fetch_limits(settings: Settings) -> FetchLimits:
    return replace(FetchLimits(), total_timeout=settings.fetch_timeout,
                   read_timeout=min(FetchLimits().read_timeout, settings.fetch_timeout),
                   max_bytes=settings.fetch_max_bytes)


def given_trusts(*, name: str | None, relays: bool) -> tuple[str, ...]:
    """The flags of ``sources add`` besides ``--allow-private`` that trust the feed's host."""
    return (("--relays",) if relays else ()) + (("--name",) if name is not None else ())


def check_feed(settings: Settings, url: str, *, allow_private: bool = False,
               trusts: tuple[str, ...] = ()) -> FeedCheck:
    """Fetch and parse ``url`` once; the problem is redacted, as in every log line, and
    bounded as a poll's is (it is kept as the feed's last error). ``trusts``: the flags the
    feed is added with that trust its host (``--allow-private`` is one when given)."""
    trusts = ("--allow-private", *trusts) if allow_private else trusts
    fetcher = Fetcher(limits=fetch_limits(settings),
                      policy=AddressPolicy.allowing(settings.allow_networks))
    try:
        response = fetcher.get(url, allow_private=allow_private)
        feed = parse_feed(response.body, url=response.url, content_type=response.content_type)
    except WebPageError as exc:
        elsewhere = bool(exc.feed) and not same_host(exc.feed or "", url)
        return FeedCheck(problem=kept_error(redact(str(exc))), web_page=True, named_feed=exc.feed,
                         named_title=exc.title, named_elsewhere=elsewhere)
    except (FetchError, FeedError) as exc:
        return FeedCheck(problem=kept_error(redact(str(exc))))
    finally:
        fetcher.close()
    moved = response.moved_to
    if moved and too_long_to_move_to(moved):
        return FeedCheck(title=feed.title, entries=len(feed.entries), refused_move=len(moved))
    if moved and trusts and not same_host(moved, url):
        return FeedCheck(title=feed.title, entries=len(feed.entries), moved_off_host=moved,
                         trusts=trusts)
    return FeedCheck(title=feed.title, entries=len(feed.entries), moved_to=moved)

