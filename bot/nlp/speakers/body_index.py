"""The bodies an article names in two words or more, by the words "the ``word``" may shorten
each to ("the bank" for "Bank of Halden", "the center" for "the Centre for Coastal Studies")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.strings import get_string_id
from spacy.tokens import Span

from bot.nlp.speakers.words import ORG_LABELS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

SPELLINGS = {"centre": "center", "theatre": "theater"}
"""One spelling for a body's word that news writes two ways."""
BODY_LABELS = ORG_LABELS - {"NORP"}
"""What "the agency", "the county" may stand for when an earlier name ends in that word."""
OF_OR_FOR = frozenset(get_string_id(w) for w in ("of", "for"))
"""What follows a body's head word in its name ("Bank of Halden"), as lower-case hashes."""


def bodies_by_word(registry: Registry) -> dict[str, list[int]]:
    """The indexes (into ``registry.ents``) of the organisations, places and buildings named
    in two words or more outside quotes, by each word they may be shortened to."""
    bodies: dict[str, list[int]] = {}
    for k, ent in enumerate(registry.ents):
        if ent.label_ in BODY_LABELS:
            name = registry.name_span(ent)
            if len(name) > 1 and not registry.quoted(ent.start_char):
                for key in _body_words(registry, name):
                    bodies.setdefault(key, []).append(k)
    return bodies


def _body_words(registry: Registry, name: Span) -> set[str]:
    """The words a body's name may be shortened to: its last, and its head before "of" or
    "for" ("Bank of Halden", "Centre for Coastal Studies"), in one spelling."""
    lower, strings = registry.columns.lower, registry.doc.vocab.strings
    words = {strings[lower[name.end - 1]]}
    of = next((i for i in range(name.start + 1, name.end) if lower[i] in OF_OR_FOR), None)
    if of is not None:
        words.add(strings[lower[of - 1]])
    return {SPELLINGS.get(w, w) for w in words}
