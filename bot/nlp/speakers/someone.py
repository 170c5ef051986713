"""Whether a description is one news uses for someone it has named ("the billionaire", "the
retired neurosurgeon", "the former president"), not for an unnamed source ("a senior
official")."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.speakers.names import PERSON_TITLES, definite, gender_of_words
from bot.nlp.speakers.words import (
    COMPANY_NOUNS,
    COMPANY_ROLES,
    DESCRIBED_PEOPLE,
    ISSUED_NOUNS,
    ORG_NOUNS,
    SPEAKING_THINGS,
    UNNAMED_SOURCES,
)

RANKS = {"senior", "top", "other", "junior", "local", "federal", "national", "foreign",
         "military", "administration", "same", "chief", "high", "new", "second",
         "first", "third", "last", "next", "anonymous", "unnamed", "single", "only"}
"""Adjectives that place an unnamed source ("a senior official"), not judge someone named."""
LISTED = ORG_NOUNS | ISSUED_NOUNS | UNNAMED_SOURCES | COMPANY_NOUNS | SPEAKING_THINGS
"""Nouns a list knows, so never an unlisted description of someone."""


def describes_someone(token: Token) -> bool:
    """"The billionaire", "the Wisconsin Republican", "the former president": a description
    news uses for someone it has named, not for an unnamed source ("the official")."""
    word = _hyphenated(token)
    if word in UNNAMED_SOURCES:
        return _judged(token)
    modified = any(c.dep_ in {"amod", "compound", "nmod"} for c in token.lefts)
    return word in DESCRIBED_PEOPLE or word in PERSON_TITLES or \
        modified and word in COMPANY_ROLES or \
        token.ent_type_ == "NORP" or gender_of_words([token.lower_]) is not None


def _judged(token: Token) -> bool:
    """"The influential delegate", "the veteran analyst": an unnamed-source noun the writer
    qualifies with a judgement describes someone already named (not "a senior official")."""
    return definite(token) and any(
        c.dep_ == "amod" and c.pos_ == "ADJ" and c.lemma_.lower() not in RANKS
        for c in token.lefts)


def unlisted_description(token: Token) -> bool:
    """"The retired neurosurgeon said", "the GOP speechwriter said": a modified common noun
    no list knows, speaking, describes someone the article named; not an organisation, a
    document, an unnamed source, nor a thing of a longer name ("the Global Times tabloid")."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or token.ent_type_:
        return False
    if token.lemma_.lower() in LISTED:
        return False
    modifiers = [c for c in token.lefts if c.dep_ in {"amod", "compound"}]
    if any(c.pos_ == "PROPN" and _in_longer_name(c) for c in modifiers):
        return False
    return any(c.pos_ in {"ADJ", "PROPN", "NOUN"} for c in modifiers)


def _in_longer_name(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].pos_ == "PROPN" or \
        token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"


def _hyphenated(token: Token) -> str:
    """"front-runner" as one word, which the tokenizer splits at the hyphen."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
            and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lemma_.lower()}"
    return token.lemma_.lower()
