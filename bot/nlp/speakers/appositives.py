"""Names set beside a description: "the festival's director, Camille Laurent,", "said lawyer
and activist Ana Ruiz", "one farmer backing Mr. Hale, Ivo Marsh, said": the name speaks, the
description is its role (a body's noun beside a body's name is that body)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.names import APPOS, POBJ, PREP, gender_of_words, name_text, person_noun
from bot.nlp.speakers.roles import Role, sentence_cased
from bot.nlp.speakers.words import (
    ACQUAINTANCES,
    JOB_WORDS,
    KIN,
    ORG_NOUNS,
    PLURAL_TAGS,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

CLAUSES = frozenset({"acl", "relcl"})
"""A participle or relative clause describing a noun ("backing X", "who backs X")."""


def appositive(r: SpeakerResolver, token: Token, name: Token) -> tuple[Speaker, float]:
    """"The festival's director, Camille Laurent, said": the name speaks, the noun is a role."""
    ent = r.reg.ent_of.get(name.i)
    if token.lemma_.lower() in ORG_NOUNS and (ent is None or ent.label_ != "PERSON"):
        speaker = Speaker(r.reg.text_of(r.reg.name_span(ent)) if ent else name.text, "organisation")
        r.reg.remember(name, speaker)
        return speaker, conf.APPOSITIVE
    if (_a_person(token) or _aged(name)) and (ent is None or ent.label_ != "PERSON"):
        text = name_text(name, None)
        speaker = r.reg.person_speaker(name, r.reg.register(text).name)
        confidence = conf.APPOSITIVE
    else:
        speaker, confidence = r.proper(name, ent)
    if speaker.kind == "person" and speaker.name in r.reg.people:
        person = r.reg.people[speaker.name]
        phrase = r.reg.phrase(token, upto=name.left_edge.i if name.i > token.i else None)
        plural = token.tag_ in PLURAL_TAGS  # "residents Ana Ruiz and Tom Vale": no one's role
        shown = sentence_cased(phrase, [token.left_edge]) if phrase and not plural else None
        person.take_role(Role(phrase, shown))
        person.gender = person.gender or gender_of_words([token.lower_])
        speaker = person.speaker()
    return speaker, confidence


def set_beside(r: SpeakerResolver, noun: Token) -> tuple[Token, Token] | None:
    """"Their daughter's school, Hartwell Academy,", "the other man, his cousin Ivo Marsh,": a
    name set beside a noun, or beside a person noun set beside a person noun (not a body's
    "its chairwoman X"), is whom the noun means (returned with the noun it is beside)."""
    for beside in noun.children:
        if beside.dep != APPOS or r.reg.quoted(beside.idx):
            continue
        if _a_name(r, beside) and not _member_beside(noun, beside) and \
                not _person_beside_body(r, noun, beside):
            return noun, beside
        if beside.i > noun.i and _a_person(beside) and _a_person(noun):
            name = next((c for c in beside.children if c.dep == APPOS and c.i > beside.i and
                         _a_name(r, c) and not r.reg.quoted(c.idx)), None)
            if name is not None:
                return beside, name
    return None


def _member_beside(noun: Token, name: Token) -> bool:
    """"The union, its spokeswoman Ines Calder,": a name its own words give a person's role,
    set beside a body's noun, is one of that body's people, not the body."""
    return noun.lemma_.lower() in ORG_NOUNS and any(
        c.dep_ == "compound" and c.i < name.i and _a_person(c) for c in name.children)


def _person_beside_body(r: SpeakerResolver, noun: Token, name: Token) -> bool:
    """"The union, Helen Brooks, said": a person's name (a known first name and more) set off
    by commas beside a body's noun, with no role between, is not the body's name, nor is the
    body her role (a list the parser read as an apposition): the body speaks as itself; "the
    newspaper, Nordlys Tidende," tagged a person, is the paper's name."""
    ent = r.reg.ent_of.get(name.i)
    return noun.lemma_.lower() in ORG_NOUNS and ent is not None and ent.label_ == "PERSON" and \
        len(ent) > 1 and first_name_gender(ent[0].text) is not None and \
        name.i > noun.i and noun.nbor().text == ","


def _a_person(token: Token) -> bool:
    """A noun only a person is ("voter", "cousin", "the coach", "a friend"), whatever the name
    beside it was tagged."""
    return person_noun(token) or token.lemma_.lower() in JOB_WORDS | KIN | ACQUAINTANCES


def _aged(name: Token) -> bool:
    """"Ivo Marsh, 35,": a name with an age set beside it is a person's."""
    return any(c.dep == APPOS and c.like_num and c.i > name.i and c.text.isdigit() and
               0 < int(c.text) < 120 for c in name.children)


def _a_name(r: SpeakerResolver, token: Token) -> bool:
    """A proper noun, or a word the recogniser puts in an organisation's name though the
    tagger made it common ("her employer, Pilots' College,"); not a party's or a people's word
    ("the clerk, a registered Republican who …")."""
    if token.pos == PROPN:
        return token.ent_type_ != "NORP"
    ent = r.reg.ent_of.get(token.i)
    return ent is not None and ent.label_ == "ORG" and ent[-1].i == token.i


def titles_before_name(r: SpeakerResolver, token: Token) -> list[Token]:
    """"said lawyer and activist Ana Ruiz": two bare titles before one name, the parser making
    the name a conjunct of the first title, are that person's."""
    if token.tag_ != "NN" or any(c.dep_ in {"det", "poss"} for c in token.children):
        return []
    return [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN" and
            r.reg.is_person(c) and not r.reg.quoted(c.idx)]


def named_past_clause(r: SpeakerResolver, token: Token) -> list[Token]:
    """"One farmer backing Mr. Hale, Ivo Marsh of …, said", "One of her donors who backs
    Lund, Ada Ruiz, said": the parser hangs the name on the name the subject's clause ends
    on; a name set beside a name does not describe it, so it names the subject (a person's
    name, or any name beside a noun only a person is)."""
    nouns = [token] + [g for c in token.children if c.dep == PREP and c.i > token.i
                       for g in c.children if g.dep == POBJ]
    for noun in nouns:
        for clause in (c for c in noun.children if c.dep_ in CLAUSES and c.i > noun.i):
            for obj in _clause_objects(clause):
                named = [c for c in obj.children if c.dep == APPOS and c.pos == PROPN and
                         c.i > obj.i and c.left_edge.nbor(-1).text == "," and
                         not r.reg.quoted(c.idx)]
                if obj.pos == PROPN and named and (_a_person(noun) or r.reg.is_person(named[0])):
                    return named[:1]
    return []


def _clause_objects(clause: Token) -> list[Token]:
    """The objects a clause ends on: its direct object, or the object of its preposition."""
    return [c for c in clause.children if c.dep_ == "dobj"] + [
        g for c in clause.children if c.dep == PREP for g in c.children if g.dep == POBJ]


def named_after_of(r: SpeakerResolver, token: Token) -> list[Token]:
    """"The director of the Baltic Policy Institute, Vera Lindholm, told …": the parser hangs the
    name off the organisation; a person's name set beside a thing or a place describes the
    person the subject is (not "a spokesman for the mayor, X"); beside a noun only a person
    is, a known first name and a surname count though tagged with the body before them."""
    current = token
    for _ in range(2):
        pobj = next((g for c in current.children if c.dep == PREP and c.i > current.i
                     for g in c.children if g.dep == POBJ), None)
        if pobj is None or person_noun(pobj) or pobj.lemma_.lower() in TITLE_WORDS:
            return []
        named = [c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and
                 (r.reg.is_person(c) or _a_person(token) and _first_and_last(c)) and
                 not r.reg.quoted(c.idx)]
        if named:
            return named
        current = pobj
    return []


def _first_and_last(name: Token) -> bool:
    """"Bruce Turry" read into "Lehigh, Bruce Turry" (one organisation): a surname after a
    known first name, whatever the recogniser made of them."""
    first = next((c for c in name.lefts if c.dep_ == "compound"), None)
    return first is not None and first.i == name.i - 1 and first.pos == PROPN and \
        first_name_gender(first.text) is not None
