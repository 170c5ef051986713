"""A person's sex as the article shows it: a form of address or a gendered title before the
name, the he/she that follows them (votes counted over the article), else the first name."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Token

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.names import gender_of_words
from bot.nlp.speakers.words import HONORIFICS, PRONOUN_GENDER

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

CONTRARY_VOTES = 2
"""He/she after someone this many times, none the other way, against their first name."""
GENDER_OF_PRONOUN = {get_string_id(word): gender for word, gender in PRONOUN_GENDER.items()}
"""``PRONOUN_GENDER`` by the lower-case hash (read from the columns, no Token built)."""
OWNERS = frozenset(get_string_id(word) for word in ("his", "her"))
"""The possessive he/she, as lower-case hashes (``_relative_owner``)."""


def infer_genders(registry: Registry) -> None:
    """Each he/she right after the only person just mentioned is a vote for that person's
    gender; the article's majority decides (one "he" after "Kelly confronted him" does
    not make Kelly a man when "she" follows her five times). A first name of known gender
    outweighs the votes, which a pronoun about someone else just named can sway; two votes
    or more against it and none for it leave the gender open."""
    offsets = [m.offset for m in registry.mentions]
    votes: dict[str, Counter[str]] = {}
    cols = registry.columns
    for i in cols.lowered(PRONOUN_GENDER):
        gender = GENDER_OF_PRONOUN[cols.lower[i]] if cols.pos[i] == PRON else None
        if not gender or registry.quoted(cols.idx[i]):
            continue
        owner = _relative_owner(registry, registry.doc[i]) if cols.lower[i] in OWNERS else None
        if owner is not None:
            votes.setdefault(owner, Counter())[gender] += 1
            continue
        index = bisect_right(registry.sent_starts, i) - 1
        window_start = registry.sent_start_chars[max(0, index - 1)]
        window = registry.mentions[bisect_left(offsets, window_start):
                                   bisect_left(offsets, cols.idx[i])]
        names = {m.key for m in window if m.speaker.kind == "person"}
        if len(names) == 1:
            votes.setdefault(names.pop(), Counter())[gender] += 1
    for name, counted in votes.items():
        person = registry.people.get(name)
        ranked = counted.most_common()
        named = named_gender(person.name) if person is not None else None
        if person is not None and not person.gender and named and len(ranked) == 1 and \
                ranked[0][0] != named and ranked[0][1] >= CONTRARY_VOTES:
            registry.unsure.add(person.name)  # "Lindsey Varga …. He called it …"
        if person is None or person.gender or named:
            continue
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            person.gender = ranked[0][0]


def _relative_owner(registry: Registry, pronoun: Token) -> str | None:
    """"Ana Vale, who lost her son in the flood": a his/her owning the object of a "who"
    clause set beside a name is that person's, whoever else the sentence names."""
    thing = pronoun.head
    if pronoun.dep_ != "poss" or thing.dep_ != "dobj" or thing.head.dep_ != "relcl":
        return None
    verb = thing.head
    name = verb.head
    if name.pos != PROPN or not any(c.dep_ == "nsubj" and c.lower_ == "who"
                                    for c in verb.children):
        return None
    key = registry.alias.get(name.lower_)
    return key if key in registry.people else None


def named_gender(name: str) -> str | None:
    """The gender of a full name's first name ("Ana Ruiz"); a name alone may be a surname."""
    first, _, rest = name.partition(" ")
    return first_name_gender(first) if rest and first[:1].isupper() else None


def gender_cue(word: Token) -> str | None:
    """The sex a form of address or a gendered title before a name shows ("Mrs.",
    "Congresswoman")."""
    lower = word.lower_
    return HONORIFICS.get(lower) or (gender_of_words([lower]) if word.text[:1].isupper() else None)
