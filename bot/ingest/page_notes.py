"""Lines a page adds about itself, not the story: a note that it was updated, saying nothing of
what ('This page was updated at 6:17 p.m.'), and the signature a contributor puts under their
part of a shared report or fact check ('-- Ana Ruiz'). A correction note is never one: a desk
that ran the earlier version must hear of it (`corrections.py`)."""

from __future__ import annotations

import re

from bot.ingest.corrections import is_correction_note

_NAME = r"[A-Z][\w'’-]*\.?"
_PERSON = rf"{_NAME}(?: {_NAME}){{1,3}}"
SIGNATURE = re.compile(rf"^(?:--?|[—–])\s*{_PERSON}(?:(?:,| and|, and) {_PERSON}){{0,3}}$")
UPDATED = re.compile(
    r"^This (?:story|post|article|page|piece)(?: \w+)? (?:has been|was|will be|is being) "
    r"updated\b[^.!?]{0,200}[.!]?$"
    r"|^This report (?:has been|was) updated(?: at \d{1,2}(?::\d\d)? [ap]m(?: \w{1,4})?)?\.?$"
    r"|^This is a (?:developing|breaking)(?: news)? story\b[^.!?]{0,80}[.!]?$")
DEVELOPING = re.compile(r"^This is an? (?:developing|breaking)(?: news)? story[.!]$")
TO_READERS = re.compile(
    r"\b(?:we|we'll|we’ll|we're|we’re|we've|we’ve|our)\b|\bturn out to be\b"
    r"|\b(?:check|come) back\b", re.IGNORECASE)
REPORTING = re.compile(r"\b(?:report(?:s|ed|ing)?|information|details|updat(?:e|es|ed|ing)|"
                       r"correct(?:ed|ions?)?|inaccurate|wrong|mistaken)\b", re.IGNORECASE)
ATTRIBUTED = re.compile(r"\b(?:said|says|told|according to)\b|[\"“”]", re.IGNORECASE)
"""A developing story's notice to its readers: after "This is a developing story.", only
sentences on how the outlet reports it (early reports may turn out wrong, we will update:
the outlet or the turn of reports, and the reporting, in each);
a sentence of news (attributed, quoted, or about anything but the reporting) keeps it."""
CONTENT_WARNING = re.compile(
    r"^(?:(?:content|trigger|editor's|editor’s) )?(?:warning|note|advisory)\s*[:|-]\s*"
    r"(?:this (?:story|article|report|page|video|piece) (?:contains|includes|has)\b[^.!?]{0,120}"
    r"|some (?:readers|viewers)(?: may)? (?:find|be)\b[^.!?]{0,120})"
    r"\b(?:disturbing|distressing|graphic|upsetting|offensive)\b[^.!?]{0,80}[.!]?$",
    re.IGNORECASE)
"""A warning above the copy that what follows may disturb: `Warning: Some readers may find
the images disturbing`, `Content warning: this story contains graphic descriptions`."""
PRINT_NOTE = re.compile(
    r"^\*?This (?:article|story|piece|essay|review|column) (?:appears|appeared|will appear) in "
    r"(?:the )?[^.!?]{0,80}\bissue of\b", re.IGNORECASE)
"""A magazine's note of the print issue the piece appears in: `*This article appears in the
March 2, 2026, issue of Harbour Monthly. Subscribe now!`"""
CLOCK_DOTS = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)
NOTE_CHARS = 500


def is_update_note(line: str) -> bool:
    """Every sentence of the line says the page was (or will be) updated, or is developing;
    or it is a developing story's notice to its readers. Each opens 'This ': a line that does
    not is told apart before its sentences are split and read."""
    line = line.strip(" \t•·|-–—*")
    if not line.startswith("This ") or len(line) > NOTE_CHARS or is_correction_note(line):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", CLOCK_DOTS.sub(r"\1m", line))
    return all(UPDATED.match(sentence) for sentence in sentences) or _developing_notice(
        sentences)


def _developing_notice(sentences: list[str]) -> bool:
    return len(sentences) > 1 and bool(DEVELOPING.match(sentences[0])) and all(
        TO_READERS.search(s) and REPORTING.search(s) and not ATTRIBUTED.search(s)
        for s in sentences[1:])


def is_signature(line: str) -> bool:
    """A dash, then a full name or several, and nothing else."""
    return bool(SIGNATURE.match(line.strip()))


def is_pull_quote(paragraph: str) -> bool:
    """Words wholly in quotation marks, whose speaker the line under them names."""
    text = paragraph.strip()
    return text[:1] in "\"“‘'" and text.rstrip(".").endswith(("\"", "”", "’", "'"))


def is_content_warning(line: str) -> bool:
    return len(line) <= NOTE_CHARS and bool(CONTENT_WARNING.match(line.strip()))


def is_print_note(line: str) -> bool:
    """A magazine's note of the issue the piece appears in (``PRINT_NOTE``), with what follows
    it (a call to subscribe)."""
    return len(line) <= NOTE_CHARS and bool(PRINT_NOTE.match(line.strip()))
