"""Articles given as JSON objects (.json files, .jsonl lines, HTTP bodies)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from bot.ingest import json_list
from bot.ingest.field_names import SHOWN, Unread, field_name, shown_name
from bot.ingest.unix_time import TOO_SHORT, is_bare_number, is_unix_time, unix_time
from bot.models import IngestFailure, RawArticle

log = logging.getLogger(__name__)
FIELDS = ("title", "text", "url", "source", "published")
NO_ARTICLES = "no articles in the file (nothing but blank lines or an empty list)"
TOO_DEEP = "JSON nested too deeply to read (an article is one flat object)"
TOO_LONG = (f"a JSON number of more than {sys.get_int_max_str_digits():,} digits, too long to "
            "read")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
LINE_END = re.compile(r"\r\n?|\n")


def record_to_article(record: Any, *, origin: str) -> RawArticle | IngestFailure:
    """Turn one decoded JSON value into an article, or say what is wrong with it; a field
    under another common name (``field_names.ALIASES``) is read, and checked, as its own."""
    if not isinstance(record, dict):
        return IngestFailure(origin, f"expected a JSON object, got {_json_kind(record)}")
    text_name = field_name(record, "text")
    text = record.get(text_name)
    if text_name in record and (not isinstance(text, str) or not text.strip()):
        held = "blank" if isinstance(text, str) else _json_kind(text)
        return IngestFailure(origin, f"field '{text_name}' is {held}, not text (a non-empty "
                             "string is required)")
    if not isinstance(text, str):
        return IngestFailure(origin, "record has no 'text' (a non-empty string is required"
                             f"{_fields_of(record)}; an article's fields are {', '.join(FIELDS)})")
    values: dict[str, str | None] = {}
    for field in ("title", "url", "source", "published"):
        name = field_name(record, field)
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or
                                  not isinstance(value, str | int | float)):
            return IngestFailure(origin, f"field '{name}' must be a string")
        values[field] = characters(str(value)) if value is not None else None
    published = _published(record, field_name(record, "published"), values["published"])
    if isinstance(published, IngestFailure):
        return IngestFailure(origin, published.reason)
    return RawArticle(text=characters(text), origin=origin, title=values["title"],
                      url=values["url"], source=values["source"], published=published)


def _published(record: dict, name: str, text: str | None) -> str | IngestFailure | None:
    """The published time as stored: Unix time as ISO text, any other as given."""
    value = record.get(name)
    if is_unix_time(value):
        try:
            when = unix_time(value)
        except ValueError as exc:
            return IngestFailure("", f"field '{name}' is {exc}")
        return when.isoformat() if when else None
    if is_bare_number(value):
        return IngestFailure("", f"field '{name}' is {value!r}, {TOO_SHORT}")
    return text


def _fields_of(record: dict) -> str:
    """The record's own field names, a few and each cut short, escaped as JSON writes them (a
    name is the sender's text, shown in a terminal): a CMS's export names its copy otherwise."""
    shown = [f'"{shown_name(key)}"' for key in islice(record, SHOWN + 1)]
    more = ", …" if len(shown) > SHOWN else ""
    return f"; it has {', '.join(shown[:SHOWN])}{more}" if shown else ""


def characters(value: str) -> str:
    """JSON's escape of half a UTF-16 pair alone (``"\\ud800"``) is no character: read as U+FFFD,
    as a browser shows it (SQLite stores only UTF-8, and refused the whole article)."""
    return LONE_SURROGATE.sub("\ufffd", value)


def _json_kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
             int: "a number", float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def parse_json_document(text: str, *, origin: str) -> Iterator[RawArticle | IngestFailure]:
    """A .json file holds one article object or a list of them."""
    if json_list.is_list(text):
        yield from _list_document(text, origin=origin)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and object_on_first_line(text):
            yield from parse_json_lines(json_lines(text), origin=origin,
                                        max_line_bytes=len(text.encode("utf-8")) + 1)
            return
        yield IngestFailure(origin, _unreadable(exc))
        return
    except (RecursionError, ValueError) as exc:
        yield IngestFailure(origin, _unreadable(exc))
        return
    unread = Unread()
    article = _noted(value, unread, origin=origin)
    _say_unread(unread, origin)
    yield article


def _noted(record: Any, unread: Unread, *, origin: str) -> RawArticle | IngestFailure:
    """One record's article, its fields not read noted for the file's one line about them."""
    article = record_to_article(record, origin=origin)
    if isinstance(article, RawArticle):
        unread.add(record)
    return article


def _say_unread(unread: Unread, origin: str) -> None:
    if unread.said():
        log.warning("%s: %s", origin, unread.said())


def _list_document(text: str, *, origin: str) -> Iterator[RawArticle | IngestFailure]:
    """A list's articles as they are decoded, never all of its items at once (a folder keeps
    20 failures of a file); where the list breaks off, its articles before the break are
    taken, as a .jsonl file's good lines are."""
    index, unread = -1, Unread()
    try:
        for index, record in enumerate(json_list.items(text)):
            yield _noted(record, unread, origin=f"{origin}[{index}]")
    except (RecursionError, ValueError) as exc:
        _say_unread(unread, origin)
        yield IngestFailure(origin, _unreadable(exc))
        return
    _say_unread(unread, origin)
    if index < 0:
        yield IngestFailure(origin, NO_ARTICLES)


def _unreadable(exc: RecursionError | ValueError) -> str:
    """Why a .json file's text could not be read, as a person reads it."""
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return TOO_DEEP
    return TOO_LONG  # an integer of more digits than Python reads: JSON sets no limit


class UnreadableLine(Exception):
    """A line of a JSON Lines file that holds no value to read; the message says why."""


def line_value(line: str) -> Any:
    """The JSON value of one line of a file opened with ``errors="surrogateescape"`` (a byte that
    is not UTF-8 kept as an escape, so one such line fails alone, not the whole file)."""
    byte = ESCAPED_BYTE.search(line)
    if byte:
        raise UnreadableLine(f"not UTF-8 text (invalid byte at column {byte.start() + 1})")
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise UnreadableLine(f"not JSON ({exc.msg})") from None
    except RecursionError:
        raise UnreadableLine(TOO_DEEP) from None
    except ValueError:
        raise UnreadableLine(TOO_LONG) from None


def json_lines(text: str) -> Iterator[str]:
    """The lines of JSON Lines text, cut at line ends only: ``str.splitlines`` also cuts at
    U+2028, U+2029 and U+0085, which JSON lets stand unescaped inside a string. One at a time:
    a reader that stops early does not hold millions of them."""
    start = 0
    for end in LINE_END.finditer(text):
        yield text[start:end.start()]
        start = end.end()
    yield text[start:]


def object_on_first_line(text: str) -> bool:
    """JSON Lines saved as .json (many exports do): an object on the first line by itself."""
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def parse_json_lines(
    lines: Iterable[bytes | str], *, origin: str, max_line_bytes: int
) -> Iterator[RawArticle | IngestFailure]:
    """A .jsonl file holds one article object per line; a bad line fails alone."""
    found, unread = False, Unread()
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        found = found or bool(raw.strip())
        if len(raw) > max_line_bytes:
            yield IngestFailure(where, f"line is longer than the {max_line_bytes} byte limit")
            continue
        try:
            line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield IngestFailure(where, f"not UTF-8 text (invalid byte at column {exc.start + 1})")
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestFailure(where, f"malformed JSON at column {exc.colno}: {exc.msg}")
            continue
        except RecursionError:
            yield IngestFailure(where, TOO_DEEP)
            continue
        except ValueError:
            yield IngestFailure(where, TOO_LONG)
            continue
        yield _noted(value, unread, origin=where)
    _say_unread(unread, origin)
    if not found:
        yield IngestFailure(origin, NO_ARTICLES)
