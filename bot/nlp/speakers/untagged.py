"""Names of bodies the recogniser did not tag as organisations, acting just before a
description ("The Tide Collective issued a statement …. “…,” the group said")."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.words import ACTING, ARTICLES, FINITE_TAGS, UNTYPED_LABELS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
"""A verb's subject, whose absence makes the capitalised words before it a name."""
NAME_WORDS = 2
"""The fewest capitalised words (articles aside) taken for a name: one may open any sentence."""


def untagged_bodies(reg: Registry, before: int) -> dict[int, Span]:
    """Names of two capitalised words or more since the last narrative sentence before token
    ``before``, acting in a clause or opening a sentence whose verb the parser left without a
    subject, that the recogniser tagged no organisation, person or place, by their start:
    "The Tide Collective issued a statement" (untagged), a group tagged a work of art, or one
    made of common words ("Black Lives Matter issued …", parsed as an adjective, a noun and an
    adverb)."""
    doc, starts = reg.doc, reg.sent_starts
    since = _last_narrative_start(reg, before)
    spans = [_acting_name(reg, tok) for tok in doc[since:before]]
    spans += [_opening_name(reg, i)
              for i in starts[bisect_left(starts, since):bisect_left(starts, before)]]
    return {span.start: span for span in spans
            if span is not None and span.end <= before and _may_name_body(reg, span)}


def _acting_name(reg: Registry, tok: Token) -> Span | None:
    """The proper name ``tok`` ends, acting in its clause, untagged or tagged a work of art."""
    if tok.dep_ not in ACTING or tok.pos != PROPN:
        return None
    ent = reg.ent_of.get(tok.i)
    if ent is not None:
        return ent if ent.label_ in UNTYPED_LABELS and ent.root == tok else None
    return _compound_name(tok)


def _opening_name(reg: Registry, start: int) -> Span | None:
    """The capitalised words opening the sentence at ``start`` right before a finite verb with
    no subject, none of them tagged but as a work of art."""
    doc = reg.doc
    while start < len(doc) and not doc[start].is_alpha:
        start += 1
    end = start
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper() and \
            (end not in reg.ent_of or reg.ent_of[end].label_ in UNTYPED_LABELS):
        end += 1
    if end == start or end >= len(doc):
        return None
    verb = doc[end]
    if verb.pos_ != "VERB" or verb.tag_ not in FINITE_TAGS or \
            any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    return doc[start:end]


def _may_name_body(reg: Registry, span: Span) -> bool:
    """Two capitalised words or more, outside quotes, not opening with a first name, nor a
    person's the registry knows a sex or role of."""
    words = [t for t in span if t.is_alpha and t.lower_ not in ARTICLES]
    person = reg.people.get(reg.key_of(reg.text_of(span)))
    return len(words) >= NAME_WORDS and all(t.text[:1].isupper() for t in words) and \
        not reg.quoted(span.start_char) and first_name_gender(words[0].text) is None and \
        (person is None or not person.gender and not person.role)


def _last_narrative_start(reg: Registry, at: int) -> int:
    """The start of the last sentence of narrative before the one of token ``at`` (sentences
    of quoted words alone skipped: "X issued a statement. “…,” the group said")."""
    starts, doc = reg.sent_starts, reg.doc
    k = bisect_right(starts, at) - 2
    while k > 0 and reg.quoted(next((t.idx for t in doc[starts[k]:starts[k + 1]]
                                     if t.is_alpha), doc[starts[k]].idx)):
        k -= 1
    return starts[max(k, 0)]


def _compound_name(tok: Token) -> Span:
    """The proper nouns compounded onto ``tok`` right before it, with it."""
    doc, start = tok.doc, tok.i
    while start > 0 and doc[start - 1].pos == PROPN and doc[start - 1].dep_ == "compound" and \
            doc[start - 1].head.i in range(start, tok.i + 1):
        start -= 1
    return doc[start:tok.i + 1]
