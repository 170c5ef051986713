"""RSS and Atom bytes read into a ``ParsedFeed``: its entries oldest first, or why the bytes
are no feed (a web page, a file, JSON, XML cut off)."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from typing import Any

import feedparser

from bot.ingest.binary_body import file_kind, file_type
from bot.ingest.bounds import MOST_ORIGIN_SHOWN, oversent, shown_origin
from bot.ingest.char_refs import mended
from bot.ingest.dates import published_time
from bot.ingest.feed_json import json_answer
from bot.ingest.feed_links import is_page, named_feed
from bot.ingest.feed_models import FeedEntry, ParsedFeed, digest
from bot.ingest.markup import html_text
from bot.ingest.tickers import in_feed

FULL_TEXT_CHARS = 1000
TEASER_ENDINGS = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading)\W*$",
                            re.IGNORECASE)
TRUNCATED = ("no element found", "unclosed token")
DECLARED_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
OUTLET_MARKS = (" - ", " – ", " — ", " | ")
"""How an aggregator joins an entry's headline and its outlet's name."""

PARSE_OPTIONS: dict[str, bool] = {"sanitize_html": False, "resolve_relative_uris": False}
"""feedparser neither sanitizes an entry's HTML nor resolves the links inside it: wirewatch
reads only its text (``markup.html_text``, which drops script and style as the sanitizer did)
and the entry's own link (resolved either way): a 5.4 MB feed, 3.33 -> 1.48 s of CPU a parse
(``bench.feed_parse``)."""


class FeedError(Exception):
    """The fetched document is not a usable RSS or Atom feed."""


class WebPageError(FeedError):
    """The address is a web page, not a feed; ``feed`` is the feed it names, if it names one,
    ``title`` what the page calls it."""

    def __init__(self, message: str, *, feed: str | None, title: str | None = None) -> None:
        super().__init__(message)
        self.feed = feed
        self.title = title


def parse_feed(data: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries oldest first; fed as a stream, since feedparser opens bytes that name a file.
    The addresses a failure names are the server's too (where it redirected, what its page
    names): bounded as a log line shows them, so the advice after them is kept."""
    shown = shown_origin(url)
    _refuse_no_feed_bytes(data, shown=shown)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = _feedparser(in_feed(mended(data)), headers, shown=shown)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    message = _xml_problem(problem)
    if not parsed.entries and (not parsed.get("version") or message):
        raise _no_feed(data, url, content_type=content_type, message=message, shown=shown)
    if message and any(m in message for m in TRUNCATED):
        raise FeedError(f"{shown} is malformed XML ({message}); the feed looks cut off, "
                        "will retry later")
    entries = _entries(parsed, data, shown=shown)
    title = parsed.feed.get("title") or None
    return ParsedFeed(title=title, entries=entries, warning=message)


def _refuse_no_feed_bytes(data: bytes, *, shown: str) -> None:
    """Bytes that cannot hold a feed (nothing, or a file of a known kind) are refused unread."""
    if not data.strip():
        raise FeedError(f"{shown} answered with nothing in it (an empty page, no feed); the site "
                        "may be in the middle of an update, or the address is wrong: check it "
                        "in a browser")
    if kind := file_kind(data):
        raise _a_file(shown, kind)


def _no_feed(data: bytes, url: str, *, content_type: str | None, message: str | None,
             shown: str) -> FeedError:
    """Why bytes feedparser read no feed in are none: a web page, JSON, a file, or bad XML."""
    if page := _web_page(data, url, shown=shown):
        return page
    if json_said := json_answer(data):
        return FeedError(f"{shown} {json_said}")
    if kind := file_type(content_type):
        return _a_file(shown, kind)
    what = f"malformed XML ({message})" if message else "not an RSS or Atom feed"
    return FeedError(f"{shown} is {what}; check the address in a browser")


def _entries(parsed: feedparser.FeedParserDict, data: bytes, *, shown: str) -> list[FeedEntry]:
    """The feed's readable entries, each distinct, oldest first when every one is dated (else
    in the feed's own order, reversed)."""
    written = _as_written(data, parsed.get("encoding"))
    found = [_entry(raw, written=written) for raw in parsed.entries]
    if found and not any(found):
        many = "1 entry" if len(found) == 1 else f"{len(found)} entries"
        raise FeedError(f"{shown} carries {many} and none has a title or text to "
                        "read (the feed changed its format, or lists media alone); open it in "
                        "a browser, or ask the publisher")
    entries = _distinct([e for e in reversed(found) if e is not None])
    if all(e.stamp is not None for e in entries):
        entries.sort(key=lambda e: e.stamp or 0.0)
    return entries


def _a_file(shown: str, kind: str) -> FeedError:
    return FeedError(f"{shown} answers with {kind}, not a feed: check the address in a browser, "
                     "or ask the publisher for the feed's")


def _feedparser(data: bytes, headers: dict[str, str], *, shown: str) -> feedparser.FeedParserDict:
    """feedparser's reading; anything its fallback parser raises on hostile nesting
    (`<source><item><link></source></link>`: KeyError) is that feed's failure."""
    try:
        return _any_encoding(data, headers)
    except Exception as exc:
        raise FeedError(f"{shown} could not be read as a feed (feedparser raised "
                        f"{exc.__class__.__name__}); check the address in a browser, or ask the "
                        "publisher") from None


def _any_encoding(data: bytes, headers: dict[str, str]) -> feedparser.FeedParserDict:
    """A feed naming a codec that reads no text (Python's `undefined` raises UnicodeError for
    any bytes, which feedparser lets out) is read as one naming no encoding, as a browser reads
    a page naming one it does not know."""
    try:
        return feedparser.parse(io.BytesIO(data), response_headers=headers, **PARSE_OPTIONS)
    except UnicodeError:
        named = {**headers, "content-type": headers["content-type"].split(";")[0]} \
            if "content-type" in headers else headers
        return feedparser.parse(io.BytesIO(DECLARED_ENCODING.sub(rb"\1", data, count=1)),
                                response_headers=named, **PARSE_OPTIONS)


def _xml_problem(exc: Any) -> str | None:
    """The message of the SAX parse error feedparser keeps (any other value: None)."""
    if exc is None or not hasattr(exc, "getLineNumber"):
        return None
    return f"{exc.getMessage()} at line {exc.getLineNumber()}"


def _entry(raw: dict, *, written: str) -> FeedEntry | None:
    link = _link(raw, written=written)
    title = _read(raw.get("title") or "") or None
    contents = [c.get("value", "") for c in raw.get("content") or []]
    full = max((_read(c) for c in contents), key=len, default="")
    summary = _read(raw.get("summary") or "")
    text = full if len(full) >= len(summary) else summary
    if not text and not title:
        return None
    key = (raw.get("id") or "").strip() or link or digest(f"{title}\n{text}")
    teaser = len(text) < FULL_TEXT_CHARS or bool(TEASER_ENDINGS.search(text))
    published = published_time(raw.get("published") or raw.get("updated") or None)
    outlet = _outlet(raw)
    return FeedEntry(key=key[:1000], link=link, title=_without_outlet(title, outlet), text=text,
                     published=published.written if published else None, teaser=teaser,
                     outlet=outlet)


def _read(fragment: str) -> str:
    """An entry's field read as text; one over ``bounds.MOST_SENT_CHARS`` left as sent, unread
    (reading HTML costs about 170 ms a megabyte), for the cleaning to refuse with its size."""
    return fragment if oversent("text", fragment) else html_text(fragment)


def _as_written(data: bytes, encoding: str | None) -> str:
    """The feed's text in the encoding feedparser read it in (a Latin-1 feed's `ä` is one byte
    that UTF-8 writes as two)."""
    try:
        return data.decode(encoding or "utf-8", "replace")
    except (LookupError, UnicodeError):
        return data.decode("utf-8", "replace")


def _link(raw: dict, *, written: str) -> str | None:
    """The entry's link; None for one feedparser made of a guid that is no address, joined to the
    feed's (`<guid>4711</guid>` and no `<link>`: a page that never was), which the feed's text
    does not hold as written."""
    link = (raw.get("link") or "").strip()
    made = raw.get("guidislink") and link == (raw.get("id") or "").strip()
    if made and link not in written and link.replace("&", "&amp;") not in written:
        return None
    return link or None


def _outlet(raw: dict) -> str | None:
    source = raw.get("source")
    name = html_text(str(source.get("title") or "")) if isinstance(source, dict) else ""
    return name[:200] or None


def _without_outlet(title: str | None, outlet: str | None) -> str | None:
    """'Tugs idle at Northhaven - Harbour Wire' from an aggregator, without its outlet's name."""
    if not title or not outlet:
        return title
    for mark in OUTLET_MARKS:
        if title.endswith(mark + outlet) and len(title) > len(mark + outlet):
            return title[: -len(mark + outlet)].rstrip()
    return title


def _distinct(entries: list[FeedEntry]) -> list[FeedEntry]:
    """A guid or link several entries share names none of them (a CMS giving every item the
    site's address as guid, a press-release list linking every item to one page): such an
    entry is known by its own link, else by its title and text, so none hides the others."""
    keys = Counter(e.key for e in entries)
    links = Counter(e.link or "" for e in entries)
    distinct = []
    for entry in entries:
        own_link = entry.link if entry.link and links[entry.link] == 1 else None
        key = entry.key
        if keys[key] > 1:
            key = own_link or digest(f"{entry.title}\n{entry.text}")
        distinct.append(replace(entry, key=key, link_names_it=bool(own_link or not entry.link)))
    return distinct


def _web_page(data: bytes, url: str, *, shown: str) -> WebPageError | None:
    """A web page given as a feed, with the feed it names to add instead: only one shown
    whole, since a cut address is advice no one can type."""
    named = named_feed(data, url)
    if named and len(named.url) <= MOST_ORIGIN_SHOWN:
        return WebPageError(f"{shown} is a web page, not a feed; the page names its feed at "
                            f"{named.url}: add that address instead", feed=named.url,
                            title=named.title)
    if named:
        return WebPageError(f"{shown} is a web page, not a feed; the page names its feed at an "
                            f"address of {len(named.url):,} characters, too long to show whole: "
                            f"{_FIND_IT}", feed=None)
    if is_page(data):
        return WebPageError(f"{shown} is a web page, not an RSS or Atom feed, and names none: "
                            f"{_FIND_IT}", feed=None)
    return None


_FIND_IT = ("open it in a browser, find its RSS link (often /feed or /rss) and add that address "
            "instead")
