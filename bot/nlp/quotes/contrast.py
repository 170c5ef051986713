"""A second speaker set beside a reported clause (", while Cruz said that …"): their words, not
part of the first speaker's."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quotes.reporting import INDIRECT, is_reporting

CONTRASTS = {"while", "whereas"}
"""Marks of a clause set beside another, not a reason or condition of it."""


def contrast(verb: Token) -> bool:
    """"Ruiz said the pier was safe, [while Berg said it was not]": a reporting verb with a
    subject and a clause of its own, in a "while" clause after a comma that follows the clause
    it hangs on ("…, while 40 percent want a tunnel" reports nothing of its own: it stays)."""
    if verb.dep_ != "advcl" or verb.i < verb.head.i:
        return False
    first = verb.left_edge.i
    if first < 1 or verb.doc[first - 1].text != "," or verb.doc[first].lower_ not in CONTRASTS:
        return False
    return is_reporting(verb, INDIRECT) and any(c.dep_ == "nsubj" for c in verb.children) and \
        any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def without_contrast(tokens: list[Token], clause: Token) -> list[Token]:
    """The clause up to a second speaker's "while" clause that ends it."""
    for tok in tokens:
        if tok.i > clause.i and tok.dep_ == "advcl" and contrast(tok) and \
                tok.right_edge.i >= tokens[-1].i - 1:
            end = tok.left_edge.i - 1
            return [t for t in tokens if t.i < end]
    return tokens
