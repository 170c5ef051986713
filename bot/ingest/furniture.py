"""Recognising page furniture: lines a scraper picked up that are not the article's prose."""

from __future__ import annotations

import re

TERMINAL = tuple('.!?…"”’\')»:;')
SHARE_PROMPT = re.compile(
    r"^(share( this( article| story| page)?)?( on \w+)?|tweet|e-?mail|print|copy link|"
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|comments?|advertisement|"
    r"advertising|sponsored( content)?|skip to (main )?content|sign up.*|subscribe.*|"
    r"follow us.*|click here.*|download (our|the) app.*|listen to (this )?article.*|"
    r"\d+ min(ute)?s? read|reporting by .*|editing by .*|our standards:.*)$",
    re.IGNORECASE,
)
RELATED_PREFIX = re.compile(
    r"^(read more|related( articles?| stories| coverage| content)?|see also|also read|"
    r"read also|more on this( story)?|recommended|trending|most read|watch)\s*[:|>»\-–—]",
    re.IGNORECASE,
)
TICKER_MARK = re.compile(r"[▲▼△▽↑↓]|\b(increased|decreased) by\b", re.IGNORECASE)
TICKER_TOKEN = re.compile(
    r"^([A-Z][A-Z0-9./]{0,7}|[-+]?[\d.,]+%?|\(?[-+]?[\d.,]+%?\)?|[▲▼%+\-|]|date)$"
)
BYLINE = re.compile(r"^by\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
                    r"(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*"
                    r"(\s*[,|]\s*[\w ]{2,40})?$", re.IGNORECASE)
PUBLISHED = re.compile(
    r"^(?P<who>[^\d|]{0,60}?)\s*(?:\|\s*)?(?:published|updated|posted|last updated)"
    r"\s*(?:on|at)?\s*:?\s*(?P<when>.*\d.*)$",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<agency>[A-Za-z .&'-]{2,40})\))?)"
    r"\s+[-–—]{1,2}\s+(?=\S)"
)


def ends_like_prose(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL)


def is_ticker(line: str) -> bool:
    """Market-data strips such as 'AGL 38.10 Decreased By ▼ -0.06 (-0.16%)'."""
    if TICKER_MARK.search(line) and re.search(r"\d", line) and len(line) < 300:
        return True
    tokens = line.split()
    if len(tokens) < 3 or ends_like_prose(line):
        return False
    tickerish = sum(1 for token in tokens if TICKER_TOKEN.match(token))
    return tickerish / len(tokens) >= 0.75 and any(ch.isdigit() for ch in line)


def is_share_prompt(line: str) -> bool:
    return len(line) <= 80 and bool(SHARE_PROMPT.match(line.strip(" \t|·•")))


def is_related_link(line: str) -> bool:
    return bool(RELATED_PREFIX.match(line.strip()))


def looks_like_headline(line: str) -> bool:
    """A short line with no closing punctuation: a title, or a 'related article' link."""
    words = line.split()
    if not 2 <= len(words) <= 24 or ends_like_prose(line):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    return capitalised >= 1 and line[:1].isupper()


def byline_of(line: str) -> str | None:
    match = BYLINE.match(line.strip())
    return line.strip()[3:].strip() if match else None


def published_of(line: str) -> tuple[str, str] | None:
    """Split 'Reuters Published 29 Nov, 2024 11:48pm' into ('Reuters', '29 Nov, 2024 11:48pm')."""
    if len(line) > 120 or ends_like_prose(line.rstrip(".")) and len(line.split()) > 12:
        return None
    match = PUBLISHED.match(line.strip())
    if not match:
        return None
    return match.group("who").strip(" ,|-"), match.group("when").strip()


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """'KYIV, Nov 29 (Reuters) - Text' -> ('KYIV, Nov 29 (Reuters)', 'Reuters', 'Text')."""
    match = DATELINE.match(paragraph)
    if not match:
        return None, None, paragraph
    head = match.group("dateline").strip()
    place = head.split(",")[0].split("(")[0].strip()
    if not (place.isupper() or match.group("agency")):
        return None, None, paragraph
    return head, match.group("agency"), paragraph[match.end():]
