"""The people a he/she cannot mean: those named inside the quotation its speech tag closes or
opens, in the words it reports ("he insisted Ruiz had …"), or as whom its own verb tells or
asks ("she told Hale")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Token

from bot.nlp.speakers.names import nominal_subject
from bot.nlp.speakers.words import PLURAL_TAGS

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

QUOTE_REACH = 120
"""Tokens of the quotation beside a speech tag searched for the names it mentions."""
QUOTED_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr", "dative"}
"""A name acting in the quotation ("Trump has lost"), not a modifier ("Trump Tower") nor a
person addressed ("Billie, you are …")."""
ADDRESSED = {"dobj", "dative", "pobj"}
"""Whom a verb of speaking tells or speaks to ("told Hale", "said to Hale")."""


def named_in_quote(r: SpeakerResolver, token: Token) -> set[str]:
    """The people named inside the quotation a speech tag's he/she closes or opens: speakers
    say "I", so the person named there in the third person is someone else."""
    if not speech_tag(r, token):
        return set()
    doc, names = r.reg.doc, set()
    for step, start in ((-1, token.i - 1), (1, token.head.i + 1)):
        i, seen = start, 0
        while 0 <= i < len(doc) and seen < QUOTE_REACH:
            tok = doc[i]
            if "\n" in tok.text or not (r.reg.quoted(tok.idx) or tok.is_punct):
                break
            if tok.pos_ == "PROPN" and tok.dep_ in QUOTED_ROLES and \
                    tok.lower_ in r.reg.alias and not _others_say(r, tok):
                names.add(r.reg.alias[tok.lower_])
            i, seen = i + step, seen + 1
    return names


def _others_say(r: SpeakerResolver, name: Token) -> bool:
    """"“They say Berg should quit,” he said": a name in what others (they, critics) say inside
    the quotation may be the speaker's own, reported of him; not so in what the speaker says
    himself ("I told them Berg had lost") nor in what no one thought ("Nobody thought Berg
    could win")."""
    clause = name.head
    while clause.dep_ not in {"ccomp", "ROOT"} and clause.head != clause:
        clause = clause.head
    verb = clause.head
    if clause.dep_ != "ccomp" or not r.reg.speaking(verb) or not r.reg.quoted(verb.idx):
        return False
    subject = nominal_subject(verb)
    return subject is not None and (subject.lower_ == "they" or subject.tag_ in PLURAL_TAGS)


def named_in_report(r: SpeakerResolver, token: Token) -> set[str]:
    """"He insisted Ruiz had a conflict of interest": the people named in the words a speech
    tag's he/she reports after its verb are someone else, as inside quotation marks."""
    if not speech_tag(r, token):
        return set()
    verb, alias = token.head, r.reg.alias
    return {alias[t.lower_] for clause in verb.children if clause.dep_ == "ccomp" and
            clause.i > verb.i for t in clause.subtree
            if t.pos == PROPN and t.dep_ in QUOTED_ROLES and t.lower_ in alias}


def addressed(r: SpeakerResolver, token: Token) -> set[str]:
    """"“…,” he told Hale", "She asked Kerr what …": a he/she subject is never the person its
    own verb names as object (the one told, asked or spoken to is someone else)."""
    if token.dep_ != "nsubj":
        return set()
    alias, names = r.reg.alias, set()
    for child in token.head.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        if child.dep_ in ADDRESSED and child.text[:1].isupper() and child.lower_ in alias:
            names.add(alias[child.lower_])
    return names


def speech_tag(r: SpeakerResolver, token: Token) -> bool:
    """The pronoun is the subject of a reporting verb ("…, he said")."""
    return token.dep_ == "nsubj" and r.reg.speaking(token.head)
