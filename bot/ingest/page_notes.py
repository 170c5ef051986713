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
CLOCK_DOTS = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)
NOTE_CHARS = 300


def is_update_note(line: str) -> bool:
    """Every sentence of the line says the page was (or will be) updated, or is developing."""
    line = line.strip(" \t•·|-–—*")
    if not line or len(line) > NOTE_CHARS or is_correction_note(line):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", CLOCK_DOTS.sub(r"\1m", line))
    return all(UPDATED.match(sentence) for sentence in sentences)


def is_signature(line: str) -> bool:
    """A dash, then a full name or several, and nothing else."""
    return bool(SIGNATURE.match(line.strip()))


def is_pull_quote(paragraph: str) -> bool:
    """Words wholly in quotation marks, whose speaker the line under them names."""
    text = paragraph.strip()
    return text[:1] in "\"“‘'" and text.rstrip(".").endswith(("\"", "”", "’", "'"))
