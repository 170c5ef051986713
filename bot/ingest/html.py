"""Main text and metadata out of an HTML page, with trafilatura."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import trafilatura
from htmldate import find_date
from trafilatura.metadata import Document
from trafilatura.settings import use_config

from bot.ingest import furniture
from bot.ingest.charset import page_text
from bot.models import IngestFailure, RawArticle
from bot.redact import redact

log = logging.getLogger(__name__)

# jusText, one of trafilatura's fallbacks, compares each short paragraph with its neighbours:
# 300 kB of tiny table cells took 45 s, 5 MB hours. Beyond this many block elements the
# fallbacks are skipped (trafilatura's own extractor is linear: 5 MB in under 40 s).
MANY_BLOCKS = 2000
# libxml2 checks each attribute of a tag against the others: 40,000 in one tag took 14 s per
# parse, 40,000 without values 4.7 s. A tag with more than MANY_ATTRIBUTES values, or more
# than MANY_WORDS words, is dropped before parsing (its text stays).
MANY_ATTRIBUTES = 100
MANY_WORDS = 1000
# trafilatura's tree costs about 1.8 kB and 35 µs an element, whatever the element: 500,000
# line breaks (4 MB) held 900 MB and 18 s of CPU. A page is read up to its MOST_ELEMENTS-th
# opening tag (a heavy news page has under 10,000; a long live blog some 30,000).
MOST_ELEMENTS = 50_000
_OPENING = (re.compile(r"<[A-Za-z]"), re.compile(rb"<[A-Za-z]"))
_BLOCK = r"<(?:p|div|td|th|li|tr|h[1-6]|dd|dt|section|article|blockquote|pre)[\s/>]"
_LONG_TAG = r"<[A-Za-z][^<>]{1000,}>"
_BLOCKS = (re.compile(_BLOCK, re.I), re.compile(_BLOCK.encode(), re.I))
_LONG_TAGS = (re.compile(_LONG_TAG), re.compile(_LONG_TAG.encode()))
WITH_TIME = "%Y-%m-%dT%H:%M:%S%z"
"""htmldate's own format is the day alone: a page stamped 23:30 was stored as that midnight."""
DAYS_AHEAD = 2
"""htmldate drops a date after its max_date, trafilatura's today at midnight, which with the
time read dropped every time of today; cleaning judges dates ahead (``bot.ingest.dates``)."""
GUESSED = re.compile(r"\d{4}-\d{2}-01T00:00:00")
"""How htmldate's extensive search gives a year or a month alone: a footer's "© 2026" was read
as 1 January 2026, and the page, too old to alert, said nothing (a page's "Published 1 December
2026" line is still read by cleaning)."""
SHORT_PAGE = 500
"""Under trafilatura's MIN_EXTRACTED_SIZE (250 characters) its baseline stands in, joining the
page's text into one paragraph with the byline and furniture; its output stays under twice that."""
_SHORT_CONFIG = use_config()
_SHORT_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")


def html_to_article(
    html: str | bytes, *, origin: str, url: str | None = None, content_type: str | None = None
) -> RawArticle | IngestFailure:
    """``content_type``: the server's header, whose charset names the bytes' encoding."""
    html = within_elements(defused(page_text(html, content_type=content_type)
                                   if isinstance(html, bytes) else html), origin)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            fast=too_many_blocks(html),
            date_extraction_params=_date_params(),
        )
        if isinstance(doc, Document) and len(doc.text or "") < SHORT_PAGE:
            doc.text = _short_page_text(html, url=url, found=doc.text or "")
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return IngestFailure(origin, f"could not extract text from HTML: {exc}")
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return IngestFailure(origin, "no article text found in the HTML page")
    text, title = doc.text or "", doc.title or ""
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    return RawArticle(
        text=_with_byline(text, doc.author),
        origin=origin,
        title=title or None,
        url=url or doc.url or None,
        source=doc.sitename or None,
        published=_published(doc.date, html),
    )


def _with_byline(text: str, author: str | None) -> str:
    """The text under its byline, which trafilatura takes out of the page's text as metadata:
    cleaning keeps it as the article's byline, as for any copy (`By Ana Ruiz`); an author that
    does not read as a byline's names, or that the text names already, adds nothing."""
    line = f"By {(author or '').replace('; ', ' and ')}"
    if not author or author in text or not furniture.byline_of(line):
        return text
    return f"{line}\n\n{text}"


def _published(date: str | None, html: str | bytes) -> str | None:
    """The page's date, but for the first of a month at midnight that only the extensive search
    found (its metadata, links and tags name no date): a year or a month alone."""
    if not date or not GUESSED.fullmatch(date):
        return date or None
    try:
        return find_date(html, extensive_search=False, original_date=True,
                         outputformat=WITH_TIME, max_date=str(_date_params()["max_date"]))
    except ValueError:  # lxml refuses a control character its cleaning moves (Word's vertical
        return None  # tab after a <script>): that page is undated, as one with no date is


def _short_page_text(html: str | bytes, *, url: str | None, found: str) -> str:
    """A short page's paragraphs as trafilatura's own extractor finds them, not its baseline's
    one block; what it found as before when that is empty or under half as long (a page whose
    text is only in a table)."""
    short = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, fast=too_many_blocks(html),
        config=_SHORT_CONFIG,
    )
    text = short.text or "" if isinstance(short, Document) else ""
    return text if text.strip() and 2 * len(text) >= len(found) else found


def _date_params() -> dict[str, object]:
    """trafilatura's own (original date, extensive search), with the time of day kept."""
    ahead = datetime.now(UTC) + timedelta(days=DAYS_AHEAD)
    return {"original_date": True, "extensive_search": True,
            "max_date": ahead.strftime("%Y-%m-%d"), "outputformat": WITH_TIME}


def defused(html: str | bytes) -> str | bytes:
    """The page without its crowded tags: more than MANY_ATTRIBUTES attribute values or
    MANY_WORDS words (never a real page's; a hostile one's would take minutes to parse)."""
    pattern = _LONG_TAGS[isinstance(html, bytes)]
    return pattern.sub(_drop_crowded, html)  # type: ignore[arg-type]


def within_elements(html: str | bytes, origin: str) -> str | bytes:
    """The page up to its MOST_ELEMENTS-th opening tag: its memory and time bounded whatever
    the page holds (lxml closes what the cut leaves open)."""
    pattern: re.Pattern[Any] = _OPENING[isinstance(html, bytes)]
    for count, found in enumerate(pattern.finditer(html), start=1):
        if count > MOST_ELEMENTS:
            log.warning("%s: more than %s elements, no article page's; read up to the %sth",
                        redact(origin), f"{MOST_ELEMENTS:,}", f"{MOST_ELEMENTS:,}")
            return html[:found.start()]
    return html


def _drop_crowded(match: re.Match) -> str | bytes:
    tag = match.group(0)
    equals = "=" if isinstance(tag, str) else b"="
    crowded = tag.count(equals) > MANY_ATTRIBUTES or len(tag.split()) > MANY_WORDS
    return tag[:0] if crowded else tag


def too_many_blocks(html: str | bytes) -> bool:
    """More block elements than MANY_BLOCKS: trafilatura's fallbacks would take minutes."""
    pattern = _BLOCKS[isinstance(html, bytes)]
    matches = enumerate(pattern.finditer(html), start=1)  # type: ignore[arg-type]
    return any(found > MANY_BLOCKS for found, _ in matches)
