"""Whom a gendered word for a role means: the person the article called by it before."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

TITLE_REACH = 3
"""How many words before a name a title written for it may stand ("Oscar-winning actress")."""


def called_so(r: SpeakerResolver, token: Token, gender: str) -> Speaker | None:
    """"The actress said she …" after "award-winning actress Ana Ruiz, star of …,": a
    gendered word for a role is the one person of that sex written with it before their name
    or as their role, even when another role was written for them first; None when no one or
    several were (the pronoun rules then decide)."""
    word = token.lower_
    found: set[str] = set()
    for mention in r.reg.before(token.idx):
        person = r.reg.people.get(mention.key) if mention.speaker.kind == "person" else None
        if person is None or mention.key in found or \
                r.reg.gender(mention.key) not in (None, gender):
            continue
        if word in (person.role or "").lower().split() or _written_before(r, mention.offset, word):
            found.add(mention.key)
    return r.reg.people[found.pop()].speaker() if len(found) == 1 else None


def _written_before(r: SpeakerResolver, offset: int, word: str) -> bool:
    """Whether ``word`` stands, unquoted, among the words right before the name at ``offset``
    (or opens it), with no punctuation or article between."""
    start = bisect_left(r.reg.columns.idx, offset)
    for tok in reversed(r.reg.doc[max(0, start - TITLE_REACH):start + 1]):
        if tok.lower_ == word:
            return not r.reg.quoted(tok.idx)
        if tok.i < start and (tok.is_punct or tok.dep_ == "det"):
            return False
    return False
