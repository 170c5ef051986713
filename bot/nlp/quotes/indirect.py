"""Reported speech: a reporting verb whose clause is not in quotation marks."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.models import Quote
from bot.nlp.quotes.attribution import INDIRECT, cue_of, is_reporting, subject_of
from bot.nlp.speakers import SpeakerResolver

SKIP_MARKS = {"whether", "if", "how", "why", "when", "what", "where", "who"}
FIRST_SECOND = {"i", "we", "you", "me", "us"}


def reported_clause(verb: Token) -> Token | None:
    """The clause a reporting verb reports ("... said [the talks had stalled]")."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "advmod"}}
            if marks & SKIP_MARKS or child.tag_ == "VB" and child.i < verb.i:
                continue
            return child
    return None


def find_indirect(doc: Doc, body: str, quoted: set[int],
                  resolver: SpeakerResolver) -> list[Quote]:
    quotes = []
    for verb in doc:
        if verb.i in quoted or not is_reporting(verb, INDIRECT):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        clause = reported_clause(verb)
        if clause is None:
            continue
        quote = _quote(doc, body, verb, clause, quoted, resolver)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _quote(doc: Doc, body: str, verb: Token, clause: Token, quoted: set[int],
           resolver: SpeakerResolver) -> Quote | None:
    tokens = list(clause.subtree)
    inside = sum(1 for t in tokens if t.i in quoted)
    if inside * 2 >= len(tokens) or len(tokens) < 3:
        return None
    subject = subject_of(verb, quoted)
    if subject is None or subject.lower_ in FIRST_SECOND:
        return None
    if clause.left_edge.i <= subject.i <= clause.right_edge.i:
        return None
    speaker, confidence = resolver.resolve(subject)
    if speaker.name is None:
        return None
    first = tokens[0]
    while first.dep_ == "mark" and first.lower_ == "that" and first.i < tokens[-1].i:
        first = doc[first.i + 1]
    last = tokens[-1]
    while (last.is_punct or last.dep_ == "cc") and last.i > first.i:
        last = doc[last.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    if body[start:end].count("\"") % 2 or body[start:end].count("“") > body[start:end].count("”"):
        end += len(body[end:]) - len(body[end:].lstrip("\"”"))
    return Quote(body[start:end], start, end, "indirect", speaker, verb=verb.text,
                 cue=cue_of(verb), confidence=round(min(confidence, 0.85) - 0.1, 2))
