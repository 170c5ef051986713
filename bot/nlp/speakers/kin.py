"""Relatives named beside a family word ("her husband, Frank Ruiz", "his wife, Melania"): a
person whatever the recogniser says, registered after the others so that a shared surname
written alone is not theirs."""

from __future__ import annotations

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.nlp.speakers.words import KIN

KIN_OR_SPOKESPEOPLE = KIN | {"spokesman", "spokeswoman", "spokesperson"}
"""Words a name set beside means a person ("his wife, Melania", "her spokesman, Ola Berg")."""


def someones_kin(span: Span) -> bool:
    """"Vale's daughter, Lena Vale", "her husband, Tom Ruiz": a name set beside a family word
    someone owns is registered after the other names, so that the surname alone is not theirs
    ("Lena Vale, daughter of Tomas Vale" is the one the article is about)."""
    return any(any(c.dep_ == "poss" for c in n.children) for n in _family_words(span))


def spouse_or_child(span: Span) -> bool:
    """"Her husband, Frank Ruiz", "Ruiz's son, Tom Ruiz": a relative named beside a family
    word a pronoun owns or a name of the same surname, so that its owner has that surname."""
    surname = span[-1].text
    return any(c.dep_ == "poss" and (c.pos_ == "PRON" or c.text == surname)
               for n in _family_words(span) for c in n.children)


def _family_words(span: Span) -> list[Token]:
    """The family words a name is set beside ("her husband, Tom Ruiz")."""
    root = span.root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    return [n for n in nouns if n.lower_ in KIN]


def beside_kin(ent: Span, pos: list[int]) -> bool:
    """"his wife, Melania," tagged a place or a product: a name of a word or two set beside a
    family word someone owns, or a spokesperson's, is a person's whatever the recogniser says
    (``pos``: the article's column, so that a name of other words builds no Token)."""
    if len(ent) > 2 or pos[ent.start] != PROPN or pos[ent.end - 1] != PROPN:
        return False
    root = ent.root
    return root.dep_ == "appos" and root.head.lower_ in KIN_OR_SPOKESPEOPLE and \
        all(t.text[:1].isupper() for t in ent) and \
        any(c.dep_ == "poss" for c in root.head.children)
