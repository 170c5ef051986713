"""Transcripts: paragraphs opening with a speaker's label ("BERG:", "Ana Ruiz:") are that
speaker's words, with or without quotation marks around them."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from bot.nlp.quotes.marks import TURN, Paragraph, QuoteSpan, turn_span
from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.names import leading_title_word
from bot.nlp.speakers.words import without_possessive

NEVER_SPEAKERS = frozenset({
    "note", "notes", "update", "updated", "correction", "clarification", "source", "sources",
    "photo", "credit", "credits", "caption", "related", "watch", "video", "audio", "transcript",
    "q", "a", "question", "answer"})
"""Labels that head a paragraph without naming who speaks in it."""
PARTICLES = frozenset({"de", "del", "della", "der", "da", "di", "du", "la", "le", "van", "von",
                       "bin", "al", "el"})
"""Lower-case words inside a name ("Ana de la Cruz")."""
FIGURES = frozenset("$£€¥")
"""What a tally's figure opens with ("Ruiz: $12m"), beside digits."""
TALLY_WORDS = 4
"""A line opening on a figure with no more words than this is a tally or a time, not speech
("Ruiz: 12 seats"; "Ruiz: 3/ The vote …" is a thread's third post)."""


def find_transcript_turns(doc: Doc, body: str, marked: list[QuoteSpan],
                          paras: list[Paragraph]) -> list[QuoteSpan]:
    """The turns of the article's transcript. A speaker heads two or more paragraphs (by
    surname: "ANA RUIZ:" then "RUIZ:"), a person the story names elsewhere, a title
    ("THE PRESIDENT:") or a person a label gives a first name to; once one does, from the
    paragraph before that speaker's first turn on, a label naming a person the story names
    elsewhere ("VARGA:", "Lindqvist:") is a turn too, even once (not "Con:", "Claim:"). Not a
    paragraph whose words after the label open with a quotation mark (``marked``: the quoted
    spans): "RUIZ: “…”" is a quote of hers; quotations inside a turn are the turn's."""
    first_mark: dict[int, int] = {}
    for span in marked:
        first_mark.setdefault(span.paragraph, span.open)
    labelled = [(para, found) for para in paras if (found := _label(body, para)) is not None and
                not _opens_quoted(body, found[1], first_mark.get(para.index))]
    keys = Counter(label_key(label) for _, (label, _) in labelled)
    if not labelled or keys.most_common(1)[0][1] < 2:
        return []  # no label heads two paragraphs: no transcript
    people = {w for e in doc.ents if e.label_ == "PERSON"
              for w in without_possessive(e.text.lower()).replace("’", "'").split()}

    def named(key: str) -> bool:
        """A person the story names, by this surname, outside its labels."""
        return key in people and _elsewhere(body, key, keys[key])

    introduced = {label_key(label) for _, (label, _) in labelled
                  if _full_name(label) and first_name_gender(label.split()[0]) is not None}
    titles = {label_key(label) for _, (label, _) in labelled if _the_title(label)}
    speakers = {key for key, n in keys.items() if n >= 2 and (
        key in introduced or key in titles or named(key))}
    firsts = [para.index for para, (label, _) in labelled if label_key(label) in speakers]
    if not firsts:
        return []
    return [turn_span(body, para, colon) for para, (label, colon) in labelled
            if para.index >= firsts[0] - 1 and
            ((key := label_key(label)) in speakers or named(key))]


def introductions(body: str, spans: list[QuoteSpan], paras: list[Paragraph]) -> dict[str, str]:
    """The full-name label ("DESMOND OKWUOSA") introducing each surname the turns are
    labelled by, for a person the story names nowhere else."""
    found: dict[str, str] = {}
    for span in spans:
        label = body[paras[span.paragraph].start:span.open].strip()
        if span.label and _full_name(label):
            found.setdefault(label_key(label), label)
    return found


def untitled(label: str) -> str:
    """"Sen. Ana Ruiz", "Dr Ruiz": the name after the titles that open the label."""
    words = label.split()
    while len(words) > 1 and leading_title_word(words[0].lower(), person=True):
        words = words[1:]
    return " ".join(words)


def _label(body: str, para: Paragraph) -> tuple[str, int] | None:
    """"DESMOND OKWUOSA" of "DESMOND OKWUOSA: The night …": every word capitalised (but a
    name's particles), the words after the colon not a figure with at most 3 more; never "The
    verdict: guilty", a time ("Ruiz: 10:30"), a tally ("Ruiz: 12", "Ruiz: $3m") or a note."""
    text = body[para.start:para.end]
    match = TURN.match(text)
    if match is None:
        return None
    label = match.group(1)
    words = label.split()
    after = text[match.end() - 1]
    tally = (after.isdigit() or after in FIGURES) and \
        len(text[match.end() - 1:].split()) <= TALLY_WORDS
    if tally or label_key(label) in NEVER_SPEAKERS or \
            len(words[-1]) < 2 or not words[0][:1].isupper() or not words[-1][:1].isupper() or \
            any(not w[:1].isupper() and w not in PARTICLES for w in words):
        return None
    return label, para.start + match.end(1)


def _opens_quoted(body: str, colon: int, mark: int | None) -> bool:
    """A quotation opens before any words of the paragraph's own after its label."""
    return mark is not None and not any(c.isalpha() for c in body[colon:mark])


def label_key(label: str) -> str:
    """Whom a label names, as its turns share it: the surname."""
    return label.split()[-1].replace("’", "'").lower()


def _full_name(label: str) -> bool:
    """A label of a first name and a surname, not of a title ("THE PRESIDENT", "Sen. Ruiz")."""
    words = label.split()
    return len(words) > 1 and words[0].lower() != "the" and \
        not leading_title_word(words[0].lower(), person=True)


def _the_title(label: str) -> bool:
    """"THE PRESIDENT", "The Chair": a title held by one person (not "Reporter")."""
    words = label.lower().split()
    return len(words) > 1 and words[0] == "the" and leading_title_word(words[-1], person=True)


def _elsewhere(body: str, key: str, labels: int) -> bool:
    """The surname is written in the story (capitalised, in any case: "McCain" for "MCCAIN")
    other than in its ``labels``."""
    found = re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", body.replace("’", "'"), re.IGNORECASE)
    return sum(m.group()[0].isupper() for m in found) > labels
