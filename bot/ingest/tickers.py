"""Wire copy names a company's shares by its ticker in angle brackets (`Apple <AAPL.O>`,
`Toyota <7203.T>`, the index `<.SPX>`, the euro `<EUR=>`): HTML readers and feedparser take
such text for a tag and drop it. A name with a dot, an `=` or a `^`, or one starting with a
digit, is no HTML tag; one with two lower-case letters in a row may be an XML element."""

from __future__ import annotations

import re

NAME = r"(?![A-Za-z0-9.=^]*[a-z]{2})(?:[A-Za-z0-9]*[.=^]|\d)[A-Za-z0-9.=^]{0,19}"
TAG = re.compile(rf"<({NAME})>")
ESCAPED = re.compile(rf"&lt;({NAME})&gt;")
_TAG_BYTES = re.compile(rf"<({NAME})>".encode())
_ESCAPED_BYTES = re.compile(rf"&lt;({NAME})&gt;".encode())
_CDATA = re.compile(rb"<!\[CDATA\[.*?(?:\]\]>|\Z)", re.S)


def kept_as_text(html: str) -> str:
    """The HTML with each ticker escaped, so a parser reads it as text."""
    return TAG.sub(r"&lt;\1&gt;", html)


def unescaped(text: str) -> str:
    """Plain text with each ticker an XHTML feed escaped once more than its text shows."""
    return ESCAPED.sub(r"<\1>", text)


def in_feed(data: bytes) -> bytes:
    """The feed's bytes with each ticker escaped once more, so that the XML and then the HTML
    read from it leave the ticker as text (feedparser drops a tag it does not know)."""
    parts, last = [], 0
    for cdata in _CDATA.finditer(data):
        parts += [_outside_cdata(data[last:cdata.start()]),
                  _TAG_BYTES.sub(rb"&lt;\1&gt;", cdata.group(0))]
        last = cdata.end()
    parts.append(_outside_cdata(data[last:]))
    return b"".join(parts)


def _outside_cdata(chunk: bytes) -> bytes:
    return _TAG_BYTES.sub(rb"&amp;lt;\1&amp;gt;", _ESCAPED_BYTES.sub(rb"&amp;lt;\1&amp;gt;", chunk))
