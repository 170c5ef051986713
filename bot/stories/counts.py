"""Whether a spelled-out small number counts something a reader would quote as a fact, by the
parse: "One of them said", "one-liners" and "the two sides" state no figure."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

SMALL = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                   "ten"})
DEFINITE = frozenset({"the", "these", "those", "both"})


def uncounted(ents: Iterable[Span]) -> frozenset[int]:
    """The starts of the entities (a Doc's ``ents``, read once by the caller: each read walks
    the whole Doc) that are a small number word counting nothing new."""
    return frozenset(ent.start for ent in ents if _uncounted(ent))


def _uncounted(ent: Span) -> bool:
    if ent.label_ != "CARDINAL" or len(ent) != 1 or ent[0].lower_ not in SMALL:
        return False
    token = ent[0]
    if _hyphenated(token):
        return True
    if token.lower_ == "one" and token.dep_ != "nummod":
        return True
    counted = token.head if token.dep_ == "nummod" else token
    return any(_definite(child) for child in counted.children)


def _hyphenated(token: Token) -> bool:
    """Part of a word such as "one-liner" or "three-course" (a hyphen touching it)."""
    doc = token.doc
    after = token.i + 1 < len(doc) and not token.whitespace_ and doc[token.i + 1].text == "-"
    before = (token.i > 0 and doc[token.i - 1].text == "-"
              and not doc[token.i - 1].whitespace_)
    return after or before


def _definite(child: Token) -> bool:
    """A determiner or owner that makes the counted things ones already known ("the two
    sides", "his two terms")."""
    return (child.dep_ == "det" and child.lower_ in DEFINITE) or child.dep_ == "poss"
