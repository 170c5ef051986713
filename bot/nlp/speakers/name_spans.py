"""Where a tagged name begins and ends: past a title, a possessive, a dateline's dash or a
clitic the recogniser took in; with a first name, a surname or a nickname it left out; the
person an outlet's name credits ("Fox News’ Ian Marsh"); a surname alone read in full."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.names import (
    after_title,
    clitic,
    leading_title_word,
    looks_like_person,
    name_end,
    name_part,
)
from bot.nlp.speakers.words import (
    CALENDAR_WORDS,
    DASHES,
    HONORIFICS,
    ORG_NOUNS,
    PERIODICALS,
    PLACE_WORDS,
    PLURAL_TAGS,
    POSSESSIVE_MARKS,
    PRONOUN_GENDER,
    PUBLIC_BODIES,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

HE_OR_SHE_SENTENCES = 3
"""How many sentences after a mis-tagged name a he or she may follow it (``words_after``)."""
POSSESSIVES = frozenset(get_string_id(w) for w in POSSESSIVE_MARKS)
"""A possessive ending a name, as lower-case hashes (compared without building a Token)."""
MISTAGGED = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC"}
"""Labels the recogniser gives a person's name by mistake."""
TITLES_OR_HONORIFICS = TITLE_WORDS | set(HONORIFICS)
"""Words before a surname that are no first name (``fuller_name``)."""
NO_SURNAMES = PLACE_WORDS | PUBLIC_BODIES
"""Last words of a place's or a body's name, never a credited person's surname (``credited``)."""
NAMES_OF_BODIES = ORG_NOUNS | PERIODICALS
"""Last words of a firm's or a paper's name, never a mistagged person's surname."""
APOSTROPHE_SURNAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]?[’'][A-Z][a-z]+\b")
"""A surname with an apostrophe after its first letter or two ("O’Neil", "D’Costa"), which
the tagger reads as a common word when the apostrophe is curly. It opens with the capital (no
word character before it) so that a search skips to capitals, not tries every character."""


def credited(registry: Registry, ent: Span) -> bool:
    """"Fox News’ Ian Marsh" tagged one organisation: a first name and a capitalised
    surname after a name's possessive, followed by a he or she of that first name's sex, is
    the person the outlet's name credits."""
    return ent.label_ in MISTAGGED and len(ent) > 3 and ent[-3].lower in POSSESSIVES and \
        ent[-4].pos == PROPN and ent[-1].lower_ not in NO_SURNAMES and \
        followed_by_pronoun(registry, ent, ent[-2], ent[-1])


def followed_by_pronoun(registry: Registry, ent: Span, first: Token, last: Token) -> bool:
    """A first name of known sex and a capitalised surname, outside quotes, with a he or
    she of that sex as a subject within the next ``HE_OR_SHE_SENTENCES`` sentences."""
    gender = first_name_gender(first.text)
    if gender is None or first.pos != PROPN or last.pos != PROPN or \
            not last.text[:1].isupper() or last.lower_ in NAMES_OF_BODIES or \
            registry.quoted(ent.start_char):
        return False
    return any(t.dep_ == "nsubj" and PRONOUN_GENDER.get(t.lower_) == gender
               for t in words_after(registry, ent))


def words_after(registry: Registry, ent: Span) -> Span:
    """The words after a name up to the end of the ``HE_OR_SHE_SENTENCES``-th sentence on."""
    at = bisect_right(registry.sent_starts, ent.start) - 1
    end = registry.sents[min(at + HE_OR_SHE_SENTENCES, len(registry.sents) - 1)].end
    return registry.doc[ent.end:end]


def trimmed_name(registry: Registry, ent: Span) -> Span:
    """What ``Registry.name_span`` keeps of an entity, worked out the first time it asks."""
    if credited(registry, ent):
        return registry.doc[ent.end - 2:ent.end]
    start, end = ent.start, ent.end
    start, end = _one_name(registry, start, end, person=ent.label_ == "PERSON")
    end = name_end(registry.doc, start, end)
    lower, pos = registry.columns.lower, registry.columns.pos
    while end > start + 1 and lower[end - 1] in POSSESSIVES:
        end -= 1
    if start > 0 and pos[start - 1] == PROPN and \
            name_part(registry.doc[start - 1], range(start, end)) and \
            (end - start == 1 or ent.label_ == "PERSON" and _lost_first_name(registry, start, end)):
        start -= 1
    elif end - start == 1 and end < len(pos) and _may_be_surname(registry, end) and \
            _surname_after(registry.doc[start]):
        end += 1  # "Dorota" tagged a person, "Kaminska" a place
    if end + 1 < len(pos) and pos[end + 1] == PROPN:
        end = _past_nickname(registry.doc, start, end)
    if end - start == 1:
        return Span(registry.doc, start, end)  # one word: no title to take off
    person = ent.label_ == "PERSON" or looks_like_person(ent.root)
    strings = registry.doc.vocab.strings
    while end - start > 1 and leading_title_word(strings[lower[start]], person=person):
        start += 1
    name = Span(registry.doc, start, end)
    if person and end - start > 2:  # a title inside leaves two words of a name at least
        start = after_title(name)
    return name if start == name.start else Span(registry.doc, start, end)


def _one_name(registry: Registry, start: int, end: int, *, person: bool) -> tuple[int, int]:
    """A name tagged over a dash or a possessive is one side of it: after a dateline
    ("HALDEN - Ana Ruiz", whatever the tag); for a person, after an owner with a first
    name after it ("Harbour Radio’s Ana Ruiz"), else the name before it ("Ana Ruiz - and",
    "Ana Ruiz’s Harbour")."""
    doc, lower = registry.doc, registry.columns.lower
    for i in range(start + 1, end - 1):
        dash = doc[i].text in DASHES and bool(doc[i - 1].whitespace_)
        if dash and doc[start:i].text.isupper():
            return i + 1, end
        if not person or not dash and lower[i] not in POSSESSIVES:
            continue
        after = doc[i + 1:end]
        if not dash and len(after) > 1 and first_name_gender(after[0].text) is not None \
                and all(t.pos == PROPN for t in after):
            return i + 1, end
        return start, i
    return start, end


def _lost_first_name(registry: Registry, start: int, end: int) -> bool:
    """"Dana Wasserman Lutz" tagged a person from "Wasserman" on: a first name of known sex
    right before a name of two words or more, itself no word of that name, is its first
    word."""
    word = registry.doc[start - 1]
    return first_name_gender(word.text) is not None and not word.text.isupper() and \
        word.orth not in registry.columns.orth[start:end]


def _may_be_surname(registry: Registry, i: int) -> bool:
    """What ``_surname_after`` may take, read from the columns: a proper noun, or a word
    with an apostrophe ("O’Neil" tagged a common noun)."""
    if registry.columns.pos[i] == PROPN:
        return True
    word = registry.doc.vocab.strings[registry.columns.orth[i]]
    return "'" in word or "’" in word


def fuller_name(registry: Registry, token: Token, text: str) -> str:
    """A surname alone maps to the name written whole before it, even when not tagged: every
    capitalised word compounded onto it there ("Sant Ravi Okoro" for "Okoro", not "Ravi
    Okoro"), unless the word is a group's ("Iowa Democrats", "Senate Republicans"), a
    body's ("the Committee") or a day's ("Super Tuesday")."""
    if " " in text or text.lower() in NAMES_OF_BODIES or text.lower() in CALENDAR_WORDS:
        return text
    for tok in (registry.doc[i] for i in registry.columns.written(text, token.i)):
        start = tok.i
        while start > 0 and _first_name_word(registry.doc[start - 1], tok):
            start -= 1
        if tok.text != text or start == tok.i:
            continue
        if _group_word(tok, registry.doc[start]):
            return text
        return " ".join(t.text for t in registry.doc[start:tok.i + 1])
    return text


def _surname_after(first: Token) -> bool:
    """A first name the recogniser tagged alone, its surname after it tagged as something else
    or not at all; a surname with an apostrophe ("O’Neil") whatever the parser made of it."""
    nxt = first.nbor(1)
    if APOSTROPHE_SURNAME.fullmatch(nxt.text) and first.whitespace_ == " ":
        return nxt.ent_type_ not in {"PERSON", "NORP"} and not first.text.isupper()
    return first.dep_ == "compound" and first.head == nxt and nxt.pos == PROPN and \
        nxt.text[:1].isupper() and nxt.ent_type_ not in {"PERSON", "NORP"} and \
        not first.text.isupper() and "\n" not in first.whitespace_ \
        and nxt.lower_.strip(".") not in TITLE_WORDS


def _past_nickname(doc: Doc, start: int, end: int) -> int:
    """"John “Tig” Marlow" tagged up to the nickname: a capitalised word in quotation marks
    after a first name, then a capitalised surname, is one name; the end runs on to it."""
    if end - start < 2 or end + 1 >= len(doc):
        return end
    if doc[end - 2].is_quote and doc[end].is_quote and doc[end - 1].text[:1].isupper() and \
            doc[end + 1].pos == PROPN and doc[end + 1].text[:1].isupper() and \
            "\n" not in doc[end].whitespace_:
        return end + 2
    return end


def _first_name_word(word: Token, surname: Token) -> bool:
    """A capitalised proper noun compounded onto the surname, no title nor honorific, and no
    party's or people's word unless a first name ("Republican Ana Ruiz" is Ana Ruiz)."""
    return word.dep_ == "compound" and word.head == surname and word.pos == PROPN and \
        word.text[:1].isupper() and word.lower_.strip(".") not in TITLES_OR_HONORIFICS and \
        "\n" not in word.whitespace_ and \
        (word.ent_type_ != "NORP" or first_name_gender(word.text) is not None)


def _group_word(word: Token, first: Token) -> bool:
    """A plural ("Republicans", "Catholics") or a word tagged a group ("Iowa Democrat") is a
    group's name, not a surname, unless after a first name of known sex and not both ("Todd
    Barnes" tagged a plural, "Roman Okoro" a group; "Roman Catholics" is both)."""
    plural = word.tag_ in PLURAL_TAGS and word.lower_.endswith("s") and \
        not word.lower_.endswith("ss")
    group = word.ent_type_ == "NORP"
    return (plural or group) and (first_name_gender(first.text) is None or plural and group)


def past_clitic(ent: Span) -> Span:
    """"Here’s Ana Ruiz": an entity the recogniser began with the clitic before it ("’s
    Ruiz") begins at the name; no name starts with one."""
    if len(ent) > 1 and clitic(ent[0]):
        return Span(ent.doc, ent.start + 1, ent.end, label=ent.label)
    return ent
