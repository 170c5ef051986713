"""A claim someone owns: "Ruiz's claim [that the pier is unsafe]" is Ruiz's reported speech."""

from __future__ import annotations

from spacy.tokens import Token

OWNED_SAYING = {
    "claim", "claims", "assertion", "assertions", "contention", "insistence", "suggestion",
    "argument", "warning", "warnings", "assurance", "assurances", "allegation", "allegations",
    "statement", "promise", "pledge", "vow"}
"""Nouns of saying whose that-clause, with the noun's owner, is what the owner said."""
OWNED_INTENT = {"promise", "pledge", "vow"}
"""Of those, the ones whose "to …" clause is what the owner said they would do."""


def owned_claim(noun: Token) -> tuple[Token, Token] | None:
    """(owner, clause) of a noun of saying owned by a name and followed by its that-clause
    ("Ruiz's warning [that the pier would close]", "Ruiz's pledge [to reopen it]"); not "his
    claim that …" nor "the board's claim that …" (kept out as measured: quotes-history.md,
    session 38)."""
    if noun.lower_ not in OWNED_SAYING or noun.pos_ != "NOUN":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ != "PROPN":
        return None
    for clause in noun.children:
        if clause.i < noun.i or clause.dep_ not in {"acl", "ccomp"}:
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in {"mark", "aux"}}
        that = "that" in marks and any(c.dep_ in {"nsubj", "nsubjpass", "expl"}
                                       for c in clause.children)
        if that or "to" in marks and noun.lower_ in OWNED_INTENT:
            return owner, clause
    return None
