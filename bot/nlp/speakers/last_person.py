"""Whom the narrative before a point is about: the person last a sentence's subject, else last
mentioned (a quote with no speaker of its own, a description, a headline's one person)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.names import gender_of_words
from bot.nlp.speakers.subjects import narrative, owner, predicated, sentence_subjects
from bot.nlp.speakers.words import (
    DESCRIBED_PEOPLE,
    KIN,
    PRONOUN_GENDER,
    SHARES,
    TITLE_WORDS,
    UNNAMED_SOURCES,
)

LOOK_BACK = 6
"""Narrative sentences searched back for the person a text is about."""
PERSON_WORDS = TITLE_WORDS | DESCRIBED_PEOPLE | UNNAMED_SOURCES | KIN
"""Nouns for a person, who is not their owner ("her aide", "Vale's lawyer", "his son")."""

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver


def last_person(r: SpeakerResolver, offset: int, since: int = 0) -> Speaker | None:
    """The person last seen as a sentence's subject before ``offset``, else last mentioned
    (only from ``since`` on); after "it was Ruiz who …", whom the copula names, as for
    he/she."""
    for sent in _narrative_before(r, offset, since, LOOK_BACK):
        subjects = sentence_subjects(r, sent)
        if subjects and all(t.pos_ == "PRON" and t.lower_ not in PRONOUN_GENDER
                            for t in subjects):
            subjects = predicated(r, sent, sent[-1]) or subjects
        for subject in map(_owner_acting, subjects):
            if subject.pos_ in {"PROPN", "PRON"} or one_named(subject):
                speaker, _ = r.resolve(subject)
                if speaker.kind == "person" and speaker.name is not None:
                    return speaker
    for mention in r.reg.before(offset):
        if mention.offset < since:
            break
        if mention.speaker.kind == "person" and mention.key in r.reg.people:
            person = r.reg.people[mention.key]
            return person.speaker()
    return None


def _owner_acting(subject: Token) -> Token:
    """"Her focus is …", "Vale's plan drew …": a thing a person owns as the subject makes the
    owner whom the sentence is about (not "her aide", someone else)."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() in PERSON_WORDS or \
            gender_of_words([subject.lower_]) is not None:
        return subject
    return next((c for c in subject.children if owner(c) and (
        c.pos == PROPN or c.lower_ in PRONOUN_GENDER)), subject)


def one_named(subject: Token) -> bool:
    """"One of the authors, Ana Ruiz, said", "one of her aides, Ola Berg,": a number or a
    share with a name set beside it is that person."""
    return (subject.like_num or subject.ent_type_ in SHARES) and any(
        c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children)


def _narrative_before(r: SpeakerResolver, offset: int, since: int, limit: int) -> list[Span]:
    """The last ``limit`` narrative sentences ending before ``offset``, latest first."""
    out: list[Span] = []
    index = bisect_right(r.reg.sent_start_chars, offset) - 1
    while index >= 0 and len(out) < limit:
        sent = r.reg.sents[index]
        index -= 1
        if sent.start_char < since:
            break
        if sent.end_char <= offset and narrative(r, sent):
            out.append(sent)
    return out
