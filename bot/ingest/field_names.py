"""Which field of a JSON record holds each of an article's: its own name, or one of the few
other names common CMS, feed and schema.org exports give it (the documented list, in order)."""

from __future__ import annotations

import json
from typing import Any

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "articleBody"),
    "url": ("url", "link", "permalink"),
    "source": ("source", "publisher", "site_name"),
    "published": ("published", "published_at", "publishedAt", "pubDate", "datePublished",
                  "date"),
}
KNOWN = frozenset(ALIASES)
SHOWN, CHARS = 6, 24


def other_names() -> str:
    """The names read for each field besides its own, as a usage line says them:
    ``"title" also as "headline"; "text" as "body", …``."""
    said = [f'"{field}" as ' + ", ".join(f'"{name}"' for name in names[1:])
            for field, names in ALIASES.items() if len(names) > 1]
    return "; ".join(said).replace(" as ", " also as ", 1)


def field_name(record: dict, field: str) -> str:
    """The name whose value the record gives for the article's ``field``: the first of its names
    that holds something (not null, not blank), so the canonical one wins; the canonical name
    when none does."""
    for name in ALIASES[field]:
        if _holds(record.get(name)):
            return name
    return field


def _holds(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def not_read(record: dict, limit: int) -> list[str]:
    """The record's field names no article field was taken from, at most ``limit`` of them."""
    taken = KNOWN | {field_name(record, field) for field in ALIASES}
    names: list[str] = []
    for name in record:
        if name not in taken:
            names.append(str(name))
            if len(names) == limit:
                break
    return names


def shown_name(name: object) -> str:
    """A field's name as JSON escapes it (it is the sender's text, shown in a terminal), cut
    short."""
    escaped = json.dumps(str(name))[1:-1]
    return f"{escaped[:CHARS]}…" if len(escaped) > CHARS else escaped


class Unread:
    """The field names a file's (or a request's) records had that were not read, each once; a
    few are kept, so a file of millions of records, each with its own names, holds no more."""

    def __init__(self) -> None:
        self.names: dict[str, None] = {}

    def add(self, record: Any) -> None:
        if isinstance(record, dict) and len(self.names) <= SHOWN:
            self.names.update(dict.fromkeys(not_read(record, SHOWN + 1)))

    def shown(self) -> list[str]:
        return [shown_name(name) for name in list(self.names)[:SHOWN]]

    def said(self) -> str:
        """The log's line about them, empty when every field was read."""
        if not self.names:
            return ""
        more = ", …" if len(self.names) > SHOWN else ""
        return (f"fields not read: {', '.join(self.shown())}{more} (an article's are "
                f"{', '.join(ALIASES)}, each also under the names docs/sources.md lists)")
