"""Putting untrusted text into Slack messages: escaped so it never pings or links, cut to fit."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.models.times import utc_time

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """Slack's three control characters; text can then never become a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str) -> str:
    """Drop control and direction-override characters that would garble a message."""
    return _CONTROL.sub("", text or "")


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis when too long."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 0)]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


def fit(text: str, limit: int) -> str:
    """Escaped mrkdwn of at most ``limit`` characters, never ending inside an entity. Only the
    first ``limit`` + 1 characters are read (no more could be shown), and a text whose escaping
    swells it (``&`` becomes ``&amp;``) is cut by half at most a time: cut by all it swelled,
    a headline of ``&``s was a lone "…"."""
    raw = clean(text)[:limit + 1]
    out = escape(raw)
    while len(out) > limit:
        raw = cut(raw, max(len(raw) - (len(out) - limit) - 1, len(raw) // 2))
        out = escape(raw)
    return out


def finished(text: str) -> str:
    """A what's-new sentence that stops short (a feed's teaser cut mid-sentence, a caption)
    ends with an ellipsis, so a reader sees more was written, not a phrase passed off as whole."""
    body = text.rstrip()
    if not body or _SENTENCE_END.search(body):
        return body
    return body.rstrip(" ,;:-–—") + ELLIPSIS


def within(budget: int, lines: list[str]) -> list[str]:
    """The first lines that fit in ``budget`` characters together (Slack refuses a message
    whose blocks hold more than about 12,000: msg_blocks_too_long)."""
    taken: list[str] = []
    for line in lines:
        budget -= len(line) + 1
        if budget < 0:
            break
        taken.append(line)
    return taken


def section(escaped: str) -> dict:
    """A Block Kit mrkdwn section of text already escaped and cut to fit."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": escaped}}


def packed(lines: list[str], chars: int, *, sep: str, most: int | None = None) -> list[list[str]]:
    """The lines in order, grouped so that each group joined by ``sep`` holds at most ``chars``
    characters (and ``most`` lines, when given): one message section each."""
    groups: list[list[str]] = []
    size = chars
    for line in lines:
        if size + len(line) + len(sep) > chars or (most is not None and len(groups[-1]) >= most):
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += len(line) + len(sep)
    return groups


def counted(count: int, one: str, many: str | None = None) -> str:
    """"1 story", "3 stories", "1,750 alerts": what a person reads, never "1 stories" (``many``
    defaults to ``one`` + "s")."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def plain(text: str, limit: int, *, fallback: str = "(untitled)") -> str:
    """Plain text for headers and buttons: cleaned, one line, cut, never empty."""
    one_line = " ".join(clean(text).split())
    return cut(one_line or fallback, limit)


def slack_date(moment: str | datetime | None) -> str | None:
    """A Slack date token, so each reader sees their own time zone; None if not a date.

    The fallback (for clients that cannot render tokens) is UTC, said so. A date given without
    a time (``date_alone``) is the date as written, no token: a token of its midnight read in New
    York said the day before.
    """
    when = utc_moment(moment)
    if when is None:
        return None
    epoch = int(when.timestamp())
    if isinstance(moment, str) and date_alone(moment):
        return f"{when.day} {when:%b %Y}"
    return f"<!date^{epoch}^{{date_short_pretty}} {{time}}|{when:%d %b %Y %H:%M} UTC>"


def date_alone(value: str | None) -> str | None:
    """The day of a time stored for a date given without one (`2026-12-04`, stored as its
    midnight in UTC, `2026-12-04T00:00:00+00:00`), as ISO 8601 writes it; None for any other
    value. A time given as exactly midnight UTC reads the same: a CMS's date field, not a
    moment of the night, all but always."""
    text = (value or "").strip()
    day = text[:10]
    if len(text) == 10 or text[10:] in ("T00:00:00+00:00", "T00:00:00Z", "T00:00:00"):
        try:
            return datetime.fromisoformat(day).date().isoformat()
        except ValueError:
            return None
    return None


def utc_moment(value: str | datetime | None) -> datetime | None:
    """An ISO 8601 time (naive means UTC), in UTC; None when missing or unreadable."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    try:
        return utc_time((value or "").strip())
    except (ValueError, OverflowError):
        return None
