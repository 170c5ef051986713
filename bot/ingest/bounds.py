"""An article's short fields bounded as it arrives: whoever sends copy (a feed, a dropped file,
`/ingest`, `wirewatch ingest`) could send a title, outlet or link of half a million characters,
queued, stored and printed whole on a line of `wirewatch ingest`. The text has its own limit,
and a byline is a line of it that cleaning reads only when short."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from typing import Any

from bot.models import BadInput, RawArticle
from bot.models.cuts import CUT_MARK as CUT_MARK  # re-exported: where ingest cuts, it says so
from bot.models.cuts import cut

log = logging.getLogger(__name__)

MOST_SENT_CHARS = 2_000_000
"""The most characters of a field as sent (the text, a title, an outlet's name), markup and all,
checked before any of it is read as text: reading HTML costs about 170 ms of CPU a megabyte,
and the text's own limit (1,000,000 characters, ``clean.MAX_ARTICLE_CHARS``) is checked after.
Twice that limit, so markup never refuses copy whose text is within it; no real article is near
(41,067 characters, the longest of PolNeAR and the stories stream)."""
MOST_CHARS = {"title": 500, "source": 200}
"""The longest of each: a real headline runs to 200 characters at most, an outlet's name to a
few words."""
MOST_LINK_CHARS = 4096
"""The longest link kept: a cut link would open another page, so a longer one is dropped."""
MOST_ORIGIN_SHOWN = 300
"""The most of an origin (a feed entry's link, a file's name) a line of the log shows."""
MOST_ERROR_KEPT = 1000
"""The most of a failure's text a source keeps as its last error: what a server sent (an
address it redirects to, a page it names) is in it, and `sources list`, the run's first lines
and Slack's status print it."""


def bounded_fields(raw: RawArticle, *, said: bool = True) -> RawArticle:
    """``raw`` with each short field cut to its limit at a word and the cut said in the log;
    a link over its limit is dropped, also said. ``said`` False: a stored article cleaned again
    to be compared, whose cuts were said when it came, is not said again."""
    changed: dict[str, Any] = {}
    cuts: list[str] = []
    for name, most in MOST_CHARS.items():
        value = getattr(raw, name)
        if value and len(value) > most and not value.strip():
            changed[name] = None  # padding alone: no title, as an empty one is
        elif value and len(value) > most:
            changed[name] = cut(value, most)
            cuts.append(f"{name} of {len(value):,} characters cut to {len(changed[name])} "
                        f"(at most {most} are kept)")
    if raw.url and len(raw.url) > MOST_LINK_CHARS:
        changed["url"] = None
        cuts.append(f"link of {len(raw.url):,} characters dropped (a link of at most "
                    f"{MOST_LINK_CHARS:,} is kept; cut, it would open another page)")
    for told in cuts if said else ():
        log.warning("%s: %s", shown_origin(raw.origin), told)
    return replace(raw, **changed) if changed else raw


def bounded_title(title: str | None) -> str | None:
    """A title as an article keeps it, cut silently: what a feed's seen entries are known by
    (the article's own cut is said when it is queued)."""
    most = MOST_CHARS["title"]
    return cut(title, most) if title and len(title) > most else title


def bounded_link(link: str | None) -> str | None:
    """A link as a feed's seen entry keeps it: one over ``MOST_LINK_CHARS`` by its digest, which
    tells it from any other link as the whole link would, in a bounded row."""
    if link is None or len(link) <= MOST_LINK_CHARS:
        return link
    return "sha256:" + hashlib.sha256(link.encode("utf-8", "surrogatepass")).hexdigest()


def refuse_long_address(location: str) -> None:
    """Refuse, before any fetch, a typed address longer than any link kept: it would be stored,
    listed and polled whole (64,000 characters pasted by mistake, or on purpose)."""
    if len(location.strip()) > MOST_LINK_CHARS:
        raise BadInput(f"an address of {len(location.strip()):,} characters is longer than "
                       f"any feed address or folder taken (at most {MOST_LINK_CHARS:,}): "
                       "nothing was added or fetched; check that it was copied whole and alone")


def shown_origin(origin: str) -> str:
    """An origin as a log line shows it: a link of a megabyte is a line of a megabyte."""
    return origin if len(origin) <= MOST_ORIGIN_SHOWN else cut(origin, MOST_ORIGIN_SHOWN)


def kept_error(text: str) -> str:
    """A failure's text as a source's last error keeps it: a hostile server's megabyte in it is
    not a megabyte in the database and on every listing of the source."""
    return text if len(text) <= MOST_ERROR_KEPT else cut(text, MOST_ERROR_KEPT)


def oversent(name: str, value: str) -> str | None:
    """Why a field as sent is not read (over ``MOST_SENT_CHARS``), or None to read it."""
    if len(value) <= MOST_SENT_CHARS:
        return None
    return (f"article {name} is {len(value):,} characters as sent, over the {MOST_SENT_CHARS:,} "
            "character limit for one article's copy before it is read (markup included); "
            "not read")
