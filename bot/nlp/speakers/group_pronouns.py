"""It, they: the organisation or group a pronoun means, from the sentences and mentions before
it ("Twitter said …. It added …", "When Ruiz asked Halden Press …, it declined")."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.pronouns import LAST_SUBJECT_SPAN
from bot.nlp.speakers.subjects import narrative, sentence_subjects
from bot.nlp.speakers.words import PLURAL_TAGS, PRONOUN_GENDER

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

BODY_LOOK_BACK = 2
"""Narrative sentences without a subject "it" looks back over for the organisation meant."""
ASKED_DEPS = frozenset({"dobj", "dative"})
"""How a verb of asking names the body it asks ("asked Halden Press to …")."""
ASKED_LABELS = frozenset({"ORG"})
"""What the recogniser tags a body "it" may mean (``_body_asked``, ``_body_of``)."""
BODY_OF = frozenset({"of", "in", "from"})
"""What ties a thing to the body it belongs to ("shares in Corveth", ``_body_of``)."""
ASKING = frozenset({"ask", "approach", "call", "contact", "email", "invite", "petition",
                    "press", "query", "reach", "request", "urge"})
"""Verbs that put a question or a request to a body, which "it" then answers."""


def group(r: SpeakerResolver, token: Token, *, plural: bool) -> tuple[Speaker, float]:
    """"It": the organisation last a narrative subject, else the last one mentioned; "they":
    the last organisation or plural group mentioned."""
    if not plural:
        salient = _last_body(r, token)
        if salient is not None:
            return salient, conf.GROUP_PRONOUN
    groups = [m for m in r.reg.before(token.idx) if m.speaker.kind != "person"]
    if plural:
        preferred = [m for m in groups if m.plural or m.speaker.kind == "organisation"]
    else:
        preferred = [m for m in groups if m.speaker.kind == "organisation"]
    if preferred:
        return preferred[0].speaker, conf.GROUP_PRONOUN
    return Speaker(None, "unknown"), conf.UNKNOWN


def _last_body(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"In a post on Friday, Twitter said …. It added …": "it" means the organisation that was
    the subject of the narrative just before, as he/she means the person."""
    index = bisect_right(r.reg.sent_starts, token.i) - 1
    seen = 0
    for sent in reversed(r.reg.sents[max(0, index - LAST_SUBJECT_SPAN):index + 1]):
        if not narrative(r, sent):
            continue
        subjects = [t for t in sentence_subjects(r, sent) if t.i < token.i]
        if not subjects:
            asked = _body_asked(r, sent, token) if sent.end > token.i else None
            if asked is not None:
                return asked
            if sent.end <= token.i:
                seen += 1
            if seen >= BODY_LOOK_BACK:
                return None
            continue
        for subject in subjects:
            body = _body_of(r, subject)
            if body is None and (subject.lower_ in PRONOUN_GENDER or
                                 subject.tag_ in PLURAL_TAGS):
                break
            speaker, _ = r.resolve(body or subject)
            if speaker.kind == "organisation" and speaker.name is not None:
                return speaker
        return _body_asked(r, sent, token)
    return None


def _body_of(r: SpeakerResolver, subject: Token) -> Token | None:
    """"Shares in Corveth fell after it warned …", "Documents from the league circulated after
    it said …": the body (tagged one) a thing's phrase names, whom "it" then means."""
    if subject.pos_ != "NOUN":
        return None
    for prep in subject.children:
        if prep.dep_ != "prep" or prep.lower_ not in BODY_OF:
            continue
        for body in prep.children:
            ent = r.reg.ent_of.get(body.i)
            if body.dep_ == "pobj" and ent is not None and ent.label_ in ASKED_LABELS and \
                    ent.root == body:
                return body
    return None


def _body_asked(r: SpeakerResolver, sent: Span, token: Token) -> Speaker | None:
    """"When Ruiz asked Halden Press to reprint the book, it declined": in a sentence whose
    subject before "it" is no body, "it" is the last body a verb of asking put something to
    before it (its object, tagged a body by the recogniser): the one who answers."""
    for verb in reversed(r.reg.doc[sent.start:min(token.i, sent.end)]):
        if verb.lemma_ not in ASKING:
            continue
        for asked in verb.children:
            ent = r.reg.ent_of.get(asked.i)
            if asked.dep_ in ASKED_DEPS and asked.i < token.i and ent is not None and \
                    ent.label_ in ASKED_LABELS and ent.root == asked and \
                    not r.reg.quoted(asked.idx):
                speaker, _ = r.resolve(asked)
                if speaker.kind == "organisation" and speaker.name is not None:
                    return speaker
    return None
