"""What an account, a plan or remarks say, their owner says: "her Twitter account posted",
"his plan calls for", "the remarks suggest" (whoever spoke last)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.names import definite
from bot.nlp.speakers.words import ACCOUNTS, RECENT_CHARS, REMARKS, SPEAKING_THINGS

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

OWNED_WORDS = ACCOUNTS | SPEAKING_THINGS | REMARKS
"""What says what its owner says (``account_owner``), joined once, not at every subject."""


def account_owner(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Her Twitter account posted", "his plan calls for", "her remarks suggest": what an
    account, a plan, a book or words say (words.ACCOUNTS, SPEAKING_THINGS, REMARKS), their
    owner says."""
    if token.lemma_.lower() not in OWNED_WORDS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss" and (
        c.pos_ in {"PRON", "PROPN"} or c.pos_ == "NOUN" and definite(c))  # "the mayor's words"
        and not r.reg.quoted(c.idx)), None)
    if owner is None:
        return None
    speaker, _ = r.resolve(owner)
    return speaker if speaker.name is not None and speaker.kind != "unnamed" else None


def remarks_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The remarks suggest …" with no owner named: the words of whoever spoke last (within
    words.RECENT_CHARS)."""
    if token.lemma_.lower() not in REMARKS or not definite(token):
        return None
    for mention in r.reg.before(token.idx):
        if token.idx - mention.offset > RECENT_CHARS:
            return None
        if mention.subject and mention.speaker.name is not None and \
                mention.speaker.kind in {"person", "organisation"}:
            return mention.speaker
    return None
