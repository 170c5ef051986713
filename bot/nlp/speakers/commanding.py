"""Whom a description cannot mean: the subject, written before it, of a clause it stands
inside ("Vale told friends that the candidate knew": the candidate is not Vale, who would be
"he" there), short of a clause joined by "and" ("Vale spoke, and the senator left" may be
Vale again); a subject after it may be the same one ("When the pilot landed, he wept")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.parts_of_speech import AUX, PROPN, VERB
from spacy.tokens import Token

from bot.nlp.speakers.words import PRONOUN_GENDER

if TYPE_CHECKING:
    from bot.models import Speaker
    from bot.nlp.speakers.resolver import SpeakerResolver

SAID_OF_IT = {"appos", "attr"}
"""The description's own arcs that make it the subject's ("Vale, the senator"; "Vale is
the senator")."""
JOINED = {"conj", "parataxis"}
"""Arcs to a clause joined beside another, whose subject may be the one the description means
("Vale spoke, and the senator left"; not names joined, "Ada and Ivo Marsh, who …")."""
CLAUSE_HEADS = {VERB, AUX}


def commanding_subject(r: SpeakerResolver, token: Token, person: Speaker) -> bool:
    """Whether ``person`` is named (or "he"/"she") as the subject, before it, of a clause the
    description ``token`` stands inside."""
    return any(_names(r, subject, person) for subject in _subjects_over(token)
               if subject.i < token.i)


def _subjects_over(token: Token) -> list[Token]:
    """The active subjects of the clauses above ``token`` (with those joined to them: "Vale
    and Ruiz"), up to a joined clause (``JOINED``); none for a description said of its
    subject (``SAID_OF_IT``)."""
    out: list[Token] = []
    if token.dep_ in SAID_OF_IT:
        return out
    child = token
    while child.head.i != child.i and not (child.dep_ in JOINED and child.pos in CLAUSE_HEADS):
        head = child.head
        for subject in head.children:
            if subject.dep_ == "nsubj" and subject.i != child.i:
                out += [subject, *(c for c in subject.children if c.dep_ == "conj")]
        child = head
    return out


def _names(r: SpeakerResolver, subject: Token, person: Speaker) -> bool:
    """Whether a subject (a name, "he" or "she") stands for ``person``."""
    if subject.pos != PROPN and subject.lower_ not in PRONOUN_GENDER:
        return False
    speaker, _ = r.resolve(subject)
    return speaker.kind == "person" and speaker.name == person.name
