"""Which sentences are the reporter's narrative, and whom each is about: the unquoted subjects
of its main or reporting verb, where the parser lost or moved them. Read once per sentence:
every he/she, "it" and description looks back over the same sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.nlp.speakers.names import nominal_subject
from bot.nlp.speakers.words import POSSESSIVE_MARKS

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

LOST_VERB_TAGS = {"VBD", "VBN"}
"""A past verb the parser took for an adjective ("Ruiz accused Vale" as one name)."""
LOST_VERB_DEPS = {"amod", "compound"}
"""Where the parser hangs a past verb it took for a modifier of the name after it."""


def narrative(r: SpeakerResolver, sent: Span) -> bool:
    """The sentence has the reporter's own verb (not only words inside quotation marks)."""
    known = r.reg.narratives.get(sent.start)
    if known is None:
        idx, doc = r.reg.columns.idx, r.reg.doc
        known = r.reg.narratives[sent.start] = not r.reg.quoted(sent.root.idx) or any(
            not r.reg.quoted(idx[i]) and (r.reg.speaking(doc[i]) or _acting(r, doc[i]))
            for i in range(sent.start, sent.end))
    return known


def _acting(r: SpeakerResolver, token: Token) -> bool:
    """"Mr. Petrov hedged his warning by repeating the stock phrase “we assess”": a named
    subject of an unquoted verb makes the sentence the reporter's, wherever the parser put its
    root."""
    return token.dep_ == "nsubj" and token.pos_ == "PROPN" and token.head.pos_ == "VERB" and \
        not r.reg.quoted(token.head.idx)


def sentence_subjects(r: SpeakerResolver, sent: Span) -> list[Token]:
    """Unquoted subjects of the sentence's main verb or of its unquoted reporting verb (found
    once per sentence: every he/she looks back over the same sentences)."""
    key = (sent.start, sent.end)
    known = r.reg.subjects.get(key)
    if known is None:
        known = r.reg.subjects[key] = _fronted_for(r, sent) + _sentence_subjects(r, sent)
    return list(known)


def _fronted_for(r: SpeakerResolver, sent: Span) -> list[Token]:
    """"For Ruiz, a retiree, the calls are a duty. “…,” she said": a name in a "for" phrase
    opening the sentence is whose view the sentence gives, so whom the he/she after means."""
    words = [t for t in sent[:3] if not (t.is_space or t.dep_ == "cc")]
    opener = words[0] if words else None
    if opener is None or opener.lower_ != "for" or opener.dep_ != "prep" or \
            r.reg.quoted(opener.idx):
        return []
    name = next((c for c in opener.children if c.dep_ == "pobj" and c.pos == PROPN), None)
    doc = sent.doc
    if name is None or name.i + 1 >= len(doc) or doc[name.i + 1].text != ",":
        return []
    return [name]


def _sentence_subjects(r: SpeakerResolver, sent: Span) -> list[Token]:
    """The subject of the main verb, or of the unquoted reporting verb when the root is quoted;
    a reporter set inside the sentence first, a name the parser lost its verb for."""
    root = sent.root
    if _name_line(sent):
        return []  # "Ernie Helton." alone on its line signs the letter above; no subject
    if root.pos_ in {"NOUN", "PROPN"} and not r.reg.quoted(root.idx):
        named = _name_before_verb(root)
        if named is not None:
            return [named]
        stray = [c for c in root.children if c.dep_ == "nsubj" and not r.reg.quoted(c.idx)]
        return stray + [root]  # "Ruiz intimated disappointment": the parser lost the verb
    heads = [root] if not r.reg.quoted(root.idx) else \
        [t for t in sent if r.reg.speaking(t) and not r.reg.quoted(t.idx)]
    subject = (r.subject(heads[0]) or nominal_subject(heads[0])) if heads else None
    if heads and (subject is None or subject.i < sent.start):
        subject = _opening_name(r, sent, heads[0]) or subject
    if subject is None or r.reg.quoted(subject.idx):
        return []
    reporter = _inserted_reporter(r, root)
    return [reporter, subject] if reporter is not None else [subject]


def _inserted_reporter(r: SpeakerResolver, root: Token) -> Token | None:
    """"Mayor Jansen, Varga said, has turned …": the named subject of a reporting verb set inside
    the sentence, whose words the rest is; the one on stage, before the clause's subject."""
    if r.reg.speaking(root):
        return None
    for verb in root.children:
        if verb.dep_ == "parataxis" and r.reg.speaking(verb) and not r.reg.quoted(verb.idx):
            name = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos == PROPN), None)
            if name is not None:
                return name
    return None


def _name_before_verb(root: Token) -> Token | None:
    """"Then Ruiz accused Vale, the mayor, of …", "Ruiz rubbished Vale’s claim …": the parser
    took a past verb for a modifier of its object's name and made a noun the root; the name it
    left as that verb's subject, or hung before it on the same noun, acts."""
    doc = root.doc
    for word in doc[root.sent.start:root.i]:
        if word.tag_ not in LOST_VERB_TAGS or word.dep_ not in LOST_VERB_DEPS:
            continue
        before = doc[word.i - 1]
        if word.i > root.sent.start and before.pos == PROPN and before.dep_ == "compound" and \
                before.head == word.head:
            return before
        name = next((c for c in word.children if c.dep_ == "nsubj" and c.pos == PROPN), None)
        if name is not None:
            return name
    return None


def _name_line(sent: Span) -> bool:
    """A line holding only a name (a signature, a byline, a photo credit), no clause."""
    doc = sent.doc
    opens = sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
    closes = "\n" in sent[-1].text_with_ws or sent.end == len(doc) or doc[sent.end].is_space
    if not (opens and closes):
        return False  # most sentences: no need to read their words
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return bool(words) and len(words) <= 4 and all(t.pos_ == "PROPN" for t in words)


def _opening_name(r: SpeakerResolver, sent: Span, verb: Token) -> Token | None:
    """"U.S.\nChris Christie added …" parsed as one sentence: on its own line, the name that
    opens the clause before its verb is its subject."""
    for tok in sent:
        if tok.i >= verb.i:
            return None
        ent = r.reg.ent_of.get(tok.i)
        if ent is not None and ent.label_ == "PERSON":
            return r.reg.doc[min(ent.end, verb.i) - 1]
        if not (tok.is_space or tok.is_punct):
            return None
    return None


def predicated(r: SpeakerResolver, sent: Span, token: Token) -> list[Token]:
    """"This was Ruiz's double, Ana Vale, on stage", "It has been a hard year for Vale. She
    …": after a copula whose subject is no one and whose clauses name no subject, the names
    in what it says the subject is and in the phrases after that, latest first (never an
    object of another verb: "it has meant a lot to Vale" measured worse, session 36)."""
    root = sent.root
    if root.lemma_ != "be" or root.i >= token.i or r.reg.quoted(root.idx):
        return []
    attrs = [c for c in root.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}]
    if not attrs:
        return []
    phrases = attrs + [c for c in root.children if c.dep_ == "prep" and c.i > attrs[0].i]
    found = [t for phrase in phrases for t in phrase.subtree if t.pos == PROPN and
             t.i < token.i and t.dep_ in {"attr", "appos", "pobj"} and not r.reg.quoted(t.idx)]
    return sorted(found, key=lambda t: -t.i)


def owner(tok: Token) -> bool:
    """"Vale's column attacked …": the parser may hang a name with "'s" as a modifier (nmod),
    not an owner; either way the name owns what acts."""
    return tok.dep_ == "poss" or tok.dep_ == "nmod" and any(
        c.dep_ == "case" and c.lower_ in POSSESSIVE_MARKS for c in tok.children)
