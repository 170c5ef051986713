"""The text a reader sees in copy that comes as HTML: a feed entry's fragments, and a CMS's
rendered fields sent as JSON (WordPress gives `<p>…</p>` bodies and `Mayor&#8217;s` titles)."""

from __future__ import annotations

import re
from html import unescape

import lxml.html

from bot.ingest.tickers import kept_as_text, unescaped

BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "section", "article", "table", "tr", "figure", "figcaption", "header", "footer"}
_OPENS_AS_HTML = re.compile(r"\s*<(?:p|div|h[1-6]|ul|ol|figure|blockquote|article|section|"
                            r"table|span|em|strong|b|i|a)(?:\s[^<>]*)?>", re.I)
_BREAK_TAG = re.compile(r"<(?:br\s*/?|/?p)>", re.I)
"""A line or paragraph break written as a tag anywhere (a CMS's `First.<br /><br />Next.`):
unmistakably markup, though the copy does not open with a tag."""
_NOT_IN_XML = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters lxml refuses in a node's text (a vertical tab from Word in a teaser)."""
UNREAD = {"script", "style", "applet"}
"""Elements whose content is no text a reader sees (feedparser's sanitizer dropped them
before feeds were parsed without it: ``feed_parse._any_encoding``)."""
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element; a ticker in angle
    brackets (`<AAPL.O>`) is text."""
    fragment = _NOT_IN_XML.sub(_as_break, kept_as_text(fragment))
    if "<" not in fragment:
        return _tidy(unescaped(unescape(fragment)))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments outright
        return _tidy(re.sub(r"<[^>]*>", " ", unescape(fragment)))
    for unread in [e for e in root.iter() if isinstance(e.tag, str) and e.tag.lower() in UNREAD]:
        unread.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return _tidy(unescaped(root.text_content()))


def readable(text: str) -> str:
    """Copy that opens with an HTML tag, or breaks lines with `<br>` or `<p>` anywhere, read as
    HTML; in any other, only the entities that end in a semicolon (`&#8217;`, `&amp;`) read,
    so "AT&T" or a link's "&para=2" stay as typed."""
    if _OPENS_AS_HTML.match(text) or _BREAK_TAG.search(text):
        return html_text(text)
    return _ENTITY.sub(lambda found: unescape(found.group(0)), text)


def _as_break(found: re.Match[str]) -> str:
    """Word's vertical tab ends a line and its form feed a page; other control characters go."""
    return {"\x0b": "\n", "\x0c": "\n\n"}.get(found.group(0), "")


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
