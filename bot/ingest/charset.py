"""The characters of an HTML page, read in the encoding its bytes, server or markup name."""

from __future__ import annotations

import codecs
import re

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
PRESCAN_BYTES = 1024
"""How far into a page a browser looks for its <meta charset> (the HTML standard's prescan)."""
_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_MARKUP = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)"
                     rb"|<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_LATIN1 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii",
           "iso_8859-1", "cp819", "ibm819"}
NO_WEB_ENCODING = {"unicode-escape", "raw-unicode-escape"}
"""Codecs Python reads text with and no browser does: they make `\\u003c` in a page a `<`."""


def page_text(data: bytes, *, content_type: str | None = None) -> str | bytes:
    """A byte-order mark first, then UTF-8 when the bytes are UTF-8 (a page that declares
    Latin-1 over UTF-8 is common), then the charset the server's Content-Type names, then the
    page's own <meta charset> or XML declaration. Bytes none of these reads are returned as
    they are, for trafilatura to guess (it guesses from the bytes alone: a Windows-1252 "ñ"
    came out as Polish "ń" where the server had said windows-1252)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decoded(data, encoding) or data
    utf8 = _decoded(data, "utf-8")
    if utf8 is not None:
        return utf8
    for declared in (_from_header(content_type), _from_markup(data)):
        text = _decoded(data, _whatwg(declared)) if declared else None
        if text is not None:
            return text
    return data


def _from_header(content_type: str | None) -> str | None:
    found = _HEADER.search(content_type or "")
    return found.group(1) if found else None


def _from_markup(data: bytes) -> str | None:
    found = _MARKUP.search(data[:PRESCAN_BYTES])
    if not found:
        return None
    return (found.group(1) or found.group(2)).decode("ascii", "replace")


def _whatwg(label: str) -> str:
    """As browsers read it: a page labelled Latin-1 or ASCII is Windows-1252 (its curly quotes
    and dashes sit where Latin-1 has control characters)."""
    return "cp1252" if label.strip().lower() in _LATIN1 else label.strip()


def _decoded(data: bytes, encoding: str) -> str | None:
    """The bytes in that encoding; None when it is no text encoding a browser knows (a page may
    name `rot13`, `base64` or `undefined`) or the bytes are not it (Windows-1252's five
    unassigned bytes read as Latin-1 reads them)."""
    try:
        if codecs.lookup(encoding).name in NO_WEB_ENCODING:
            return None
    except LookupError:
        return None
    for attempt in (encoding, "latin-1") if encoding == "cp1252" else (encoding,):
        try:
            return data.decode(attempt)
        except (UnicodeError, LookupError):  # LookupError: a codec of bytes, not of text
            continue
    return None
