"""The document a speech tag's "it" means: "A memo from the panel reached us. “…,” it stated."."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.nlp.speakers.words import ISSUED_NOUNS, PLURAL_TAGS

if TYPE_CHECKING:
    from bot.models import Speaker
    from bot.nlp.speakers import SpeakerResolver

BACK_SENTENCES = 3
"""Sentences of narrative before the quote searched for the document (a quote's own
sentences, and a run of quotes each tagged "it said", are not counted)."""
IT = {"it"}


def document_before(subject: Token, opening: int, quoted: set[int]) -> Token | None:
    """The last thing issued (memo, letter, email, report, …) named outside quotes in the
    few sentences of narrative before the sentence of the token at ``opening``, when the tag's
    subject is "it"."""
    if subject.lower_ not in IT:
        return None
    doc = subject.doc
    sentences = 0
    for i in range(doc[opening].sent.start - 1, -1, -1):  # not "the editorial, “…”, when it ran"
        token = doc[i]
        if i in quoted:
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in ISSUED_NOUNS and \
                token.tag_ not in PLURAL_TAGS:
            return token
        if token.is_sent_start and not _tag_of_quote(token, quoted):
            sentences += 1
            if sentences >= BACK_SENTENCES:
                return None
    return None


def _tag_of_quote(token: Token, quoted: set[int]) -> bool:
    """The sentence starting at ``token`` is a quote with its tag ("“…,” it said.")."""
    return token.i in quoted or token.i - 1 in quoted


def resolved(resolver: SpeakerResolver, subject: Token, opening: int,
             quoted: set[int]) -> tuple[Speaker, float]:
    """The tag's subject resolved; an "it" that names no one, as the document just before
    (``document_before``) would be: "“…,” it stated" after a memo is the memo's sender."""
    speaker, confidence = resolver.resolve(subject)
    if speaker.name is not None:
        return speaker, confidence
    document = document_before(subject, opening, quoted)
    if document is None:
        return speaker, confidence
    meant, confidence = resolver.resolve(document)
    named = meant.name is not None and meant.kind != "unnamed"
    return (meant, confidence) if named else (speaker, confidence)
