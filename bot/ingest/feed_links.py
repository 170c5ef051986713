"""The feed a web page names for itself (`<link rel="alternate" type="application/rss+xml">`):
a desk often adds its site's home page, or an article's, instead of the feed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml import etree

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
HEAD_BYTES = 512 * 1024
"""Where a page's <link> elements are: its head, well within this much."""
PAGE_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"
                        rb"<(?:!doctype\s+html|html)\b", re.I | re.S)
"""A page's first tag after any XML declaration (an XHTML page) and comments: a comment ends
at its first `-->` (read lazily, the comments could be split between the repeats in twice as
many ways for each one more)."""


def is_page(data: bytes) -> bool:
    """An HTML page by its first tag, what a desk pastes for its site's feed (its type says
    less: many servers send their feed as text/html)."""
    return bool(PAGE_START.match(data[:4096]))


@dataclass(frozen=True)
class NamedFeed:
    url: str
    title: str | None
    """What the page calls that feed: its link's title, else the page's own (outside text)."""


def named_feed(page: bytes, url: str) -> NamedFeed | None:
    """The first feed the page names, or None (also for no page at all)."""
    try:
        root = lxml.html.document_fromstring(page[:HEAD_BYTES])
    except (ValueError, etree.ParserError):
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            found = urljoin(url, href)
            if found.startswith(("http://", "https://")) and found != url:
                return NamedFeed(found, link.get("title") or root.findtext(".//title"))
    return None
