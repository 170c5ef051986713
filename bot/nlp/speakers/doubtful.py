"""Names the recogniser took for people that are no one's ("took to Twitter", "the Blaze said",
"Latinos"): never a person, never an antecedent."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Span, Token

from bot.nlp.speakers.kin import beside_kin
from bot.nlp.speakers.words import CALENDAR_WORDS, PLATFORMS, PLURAL_TAGS, TITLE_WORDS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Person, Registry

OTHER_LABELS = 3
"""A word tagged a place or a body this many times as often as a person is one, subject or
not ("Clarkston")."""


def doubtful_names(registry: Registry) -> set[str]:
    """One-word names the article gives no sign of being a person's, and names it only
    ever writes after "the" (see ``_no_one``)."""
    single = {n for n in registry.people if " " not in n}
    written: dict[str, list[Token]] = {}
    text = registry.source()
    for ent in registry.ents:  # the word where the recogniser tagged it, as anything
        word = text[ent.start_char:ent.end_char]
        if word in single and not beside_kin(ent, registry.columns.pos):
            written.setdefault(word, []).append(ent.root)
    return {p.name for p in registry.people.values()
            if _with_the(registry, p.name) or " " not in p.name and
            _no_one(registry, p, written.get(p.name, []))}


def _no_one(registry: Registry, person: Person, written: list[Token]) -> bool:
    """A day or month, a platform people post on ("wrote on Twitter"), a plural ("Latinos",
    "Clintons"), or a word the recogniser tags as something else more often than as a
    person: far more often, or never as the subject of a verb ("the Worcester crowd", "on
    Fox")."""
    name = person.name
    if name.lower() in CALENDAR_WORDS or name.lower() in PLATFORMS:
        return True
    if written and name.endswith("s") and not name.endswith("ss") and \
            all(t.tag_ in PLURAL_TAGS for t in written):
        return True
    labels = Counter(registry.ent_of[t.i].label_ for t in written if t.i in registry.ent_of)
    people, others = labels["PERSON"], labels.total() - labels["PERSON"]
    return others > people and (others >= OTHER_LABELS * people or
                                not any(t.dep_ in {"nsubj", "nsubjpass"} for t in written))


def _with_the(registry: Registry, name: str) -> bool:
    """"The Blaze", "the USA TODAY NETWORK": a name written right after "the" each time,
    ending its phrase ("the Hyde amendment" does not count), its last word written
    nowhere else but in names of other kinds, is an outlet's or a place's."""
    spans = registry.spans_of.get(name, [])
    if not spans or not all(_after_the(span) for span in spans):
        return False
    last = registry.columns.orth[spans[0].end - 1]
    inside = {span.end - 1 for span in spans}
    return all(i in inside or i in registry.ent_of and registry.ent_of[i].label_ != "PERSON"
               for i in registry.columns.with_orth(last))


def _after_the(span: Span) -> bool:
    """"the Blaze said", "the USA TODAY NETWORK": "the" before the name and any other name
    words (not a title nor a party: "the Rev. Ana Ruiz", "the Republican Ana Ruiz"), no noun
    after it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.pos in (NOUN, PROPN):
        return False
    i = span.start - 1
    while i > 0 and doc[i].pos == PROPN and doc[i].dep_ == "compound" and \
            doc[i].lower_.strip(".") not in TITLE_WORDS and doc[i].ent_type_ != "NORP":
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"
