"""Sources the article says it does not name ("who asked not to be named", "speaking on
condition of anonymity"): never resolved to a person it names, they stay as written."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl"})
"""A clause describing the source: "who asked …", "speaking on condition …"."""
UNNAMING_VERBS = frozenset({"name", "identify"})
REFUSING_VERBS = frozenset({"decline", "refuse"})
ALLOWING_VERBS = frozenset({"authorize", "authorise", "allow", "permit"})
TELLING_VERBS = frozenset({"speak", "talk", "discuss", "comment", "disclose", "describe"})
"""What a source is "not authorised to" do that keeps their name back (not "to enter")."""


def withheld(noun: Token) -> bool:
    """Whether a clause describing ``noun`` (or set beside it before its verb) says the article
    keeps the person's name back."""
    clauses = [c for c in noun.children if c.dep_ in CLAUSE_DEPS]
    verb = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass"} and verb.i > noun.i:
        clauses += [c for c in verb.children if c.dep_ in CLAUSE_DEPS and noun.i < c.i < verb.i]
    return any(_unnaming(t) for clause in clauses for t in clause.subtree)


def _unnaming(token: Token) -> bool:
    """"anonymity", "anonymously", "(not) to be named/identified", "not authorised to"."""
    lemma = token.lemma_.lower()
    if lemma in {"anonymity", "anonymously"}:
        return True
    if lemma in UNNAMING_VERBS and token.tag_ == "VBN" and \
            any(c.dep_ == "auxpass" for c in token.children):
        return _negated(token) or token.head.lemma_.lower() in REFUSING_VERBS
    return lemma in ALLOWING_VERBS and token.tag_ == "VBN" and _negated(token) and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in TELLING_VERBS for c in token.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def named_before_as_withheld(noun: Token, mentions: list[int]) -> Token | None:
    """"The inspector said" after "The inspector, who requested anonymity, …": the last earlier
    mention of the same noun (``mentions``: the indexes of that noun, in text order, so a long
    article is not read back once a description), when it was a source the article does not
    name."""
    at = bisect_left(mentions, noun.i)
    if not at:
        return None
    earlier = noun.doc[mentions[at - 1]]
    return earlier if withheld(earlier) else None
