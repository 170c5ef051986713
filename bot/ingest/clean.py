"""Turning raw copy into an Article: furniture out; title, dateline, byline, time kept as fields."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC

from dateutil import parser as dateparser

from bot.ingest import furniture
from bot.models import Article, RawArticle

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
HARD_WRAP_MIN = 55


class CleanError(Exception):
    """Nothing usable was left of an article after cleaning."""


def clean_article(raw: RawArticle) -> Article:
    text = CONTROL.sub("", unicodedata.normalize("NFC", raw.text.replace("\r\n", "\n")))
    paragraphs = split_paragraphs(text.replace("\r", "\n"))
    fields: dict[str, str | None] = {"byline": None, "published": raw.published,
                                     "source": raw.source, "dateline": None}
    kept = [p for p in paragraphs if not _furniture(p, fields)]
    title = (raw.title or "").strip() or None
    if title:
        kept = [p for p in kept if _norm(p) != _norm(title)] or kept
    elif kept and furniture.looks_like_headline(kept[0]) and len(kept) > 1:
        title = kept.pop(0)
    kept = [p for i, p in enumerate(kept) if not _embedded_headline(kept, i)]
    if kept:
        dateline, agency, first = furniture.split_dateline(kept[0])
        if dateline:
            kept[0] = first
            fields["dateline"] = dateline
            fields["source"] = fields["source"] or agency
    body = "\n\n".join(p for p in kept if p.strip())
    if not body.strip():
        raise CleanError("no article text left after removing page furniture")
    return Article(
        title=title or _title_from(body),
        body=body,
        origin=raw.origin,
        content_hash=content_hash(body),
        url=(raw.url or "").strip() or None,
        source=fields["source"],
        published=normalise_time(fields["published"]),
        dateline=fields["dateline"],
        byline=fields["byline"],
    )


def split_paragraphs(text: str) -> list[str]:
    """Blocks split on blank lines; inside a block, one paragraph per line unless hard-wrapped."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    wrapped = sum(1 for line in inner
                  if len(line) >= HARD_WRAP_MIN and not furniture.ends_like_prose(line))
    return wrapped * 2 >= len(inner)


def _furniture(paragraph: str, fields: dict[str, str | None]) -> bool:
    """True for lines to drop; metadata lines fill ``fields`` on the way."""
    if furniture.is_ticker(paragraph) or furniture.is_share_prompt(paragraph):
        return True
    if furniture.is_related_link(paragraph):
        return True
    byline = furniture.byline_of(paragraph)
    if byline:
        fields["byline"] = fields["byline"] or byline
        return True
    published = furniture.published_of(paragraph)
    if published and normalise_time(published[1]):
        who, when = published
        fields["published"] = fields["published"] or when
        if who:
            fields["source"] = fields["source"] or who
        return True
    return False


def _embedded_headline(paragraphs: list[str], index: int) -> bool:
    """A headline-shaped line between two prose paragraphs is a link to another article."""
    if not furniture.looks_like_headline(paragraphs[index]):
        return False
    before = paragraphs[index - 1] if index > 0 else ""
    after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
    return furniture.ends_like_prose(before) and (not after or furniture.ends_like_prose(after))


def normalise_time(value: str | None) -> str | None:
    """Any reasonable date string to ISO 8601 (UTC when no zone is given), or None."""
    if not value:
        return None
    try:
        when = dateparser.parse(value, fuzzy=True, dayfirst=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def content_hash(body: str) -> str:
    return hashlib.sha256(_norm(body).encode()).hexdigest()


def _norm(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text)).strip()


def _title_from(body: str) -> str:
    first = body.split("\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
