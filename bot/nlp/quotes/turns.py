"""Transcripts: paragraphs opening with a speaker's label ("BERG:", "Ana Ruiz:") are that
speaker's words, with or without quotation marks around them."""

from __future__ import annotations

import re
from collections import Counter

from bot.nlp.quotes.marks import TURN, Paragraph, QuoteSpan, turn_span
from bot.nlp.speakers.names import leading_title_word

NEVER_SPEAKERS = frozenset({
    "note", "notes", "update", "updated", "correction", "clarification", "source", "sources",
    "photo", "credit", "credits", "caption", "related", "watch", "video", "audio", "transcript",
    "q", "a", "question", "answer"})
"""Labels that head a paragraph without naming who speaks in it."""
PARTICLES = frozenset({"de", "del", "della", "der", "da", "di", "du", "la", "le", "van", "von",
                       "bin", "al", "el"})
"""Lower-case words inside a name ("Ana de la Cruz")."""
OPENING = "\"“‘'(["


def find_transcript_turns(body: str, taken: set[int],
                          paras: list[Paragraph]) -> list[QuoteSpan]:
    """The turns of the article's transcript, in paragraphs not in ``taken`` (those holding
    quotation marks). A speaker heads two or more paragraphs (by surname: "ANA RUIZ:" then
    "RUIZ:"), named elsewhere in the story or by a full-name label; once one does, from the
    paragraph before that speaker's first turn on, a label naming someone the story writes
    elsewhere ("TRUMP:", "Lopez:") is a turn too, even once."""
    labelled = [(para, found) for para in paras if (found := _label(body, para)) is not None]
    keys = Counter(_key(label) for _, (label, _) in labelled)
    introduced = {_key(label) for _, (label, _) in labelled if _full_name(label)}
    speakers = {key for key, n in keys.items()
                if n >= 2 and (key in introduced or _elsewhere(body, key, n))}
    firsts = [para.index for para, (label, _) in labelled if _key(label) in speakers]
    if not firsts:
        return []
    return [turn_span(body, para, colon) for para, (label, colon) in labelled
            if para.index not in taken and para.index >= firsts[0] - 1 and
            (_key(label) in speakers or _elsewhere(body, _key(label), keys[_key(label)]))]


def introductions(body: str, spans: list[QuoteSpan], paras: list[Paragraph]) -> dict[str, str]:
    """The full-name label ("DESMOND OKWUOSA") introducing each surname the turns are
    labelled by, for a person the story names nowhere else."""
    found: dict[str, str] = {}
    for span in spans:
        label = body[paras[span.paragraph].start:span.open].strip()
        if span.label and _full_name(label):
            found.setdefault(_key(label), label)
    return found


def label_key(label: str) -> str:
    """Whom a label names, as its turns share it: the surname."""
    return _key(label)


def untitled(label: str) -> str:
    """"Sen. Ana Ruiz", "Dr Ruiz": the name after the titles that open the label."""
    words = label.split()
    while len(words) > 1 and leading_title_word(words[0].lower(), person=True):
        words = words[1:]
    return " ".join(words)


def _label(body: str, para: Paragraph) -> tuple[str, int] | None:
    """"DESMOND OKWUOSA" of "DESMOND OKWUOSA: The night …": every word capitalised (but a
    name's particles), the words after the colon opening with a letter or a quotation mark;
    never "The verdict: guilty", a time ("Ruiz: 10:30"), a tally ("Ruiz: 12") or a note."""
    text = body[para.start:para.end]
    match = TURN.match(text)
    if match is None:
        return None
    label = match.group(1)
    words = label.split()
    after = text[match.end() - 1]
    if not (after.isalpha() or after in OPENING) or _key(label) in NEVER_SPEAKERS or \
            len(words[-1]) < 2 or not words[0][:1].isupper() or not words[-1][:1].isupper() or \
            any(not w[:1].isupper() and w not in PARTICLES for w in words):
        return None
    return label, para.start + match.end(1)


def _key(label: str) -> str:
    return label.split()[-1].replace("’", "'").lower()


def _full_name(label: str) -> bool:
    """A label of a first name and a surname, not of a title ("THE PRESIDENT", "Sen. Ruiz")."""
    words = label.split()
    return len(words) > 1 and words[0].lower() != "the" and \
        not leading_title_word(words[0].lower(), person=True)


def _elsewhere(body: str, key: str, labels: int) -> bool:
    """The surname is written in the story (capitalised, in any case: "McCain" for "MCCAIN")
    other than in its ``labels``."""
    found = re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", body.replace("’", "'"), re.IGNORECASE)
    return sum(m.group()[0].isupper() for m in found) > labels
