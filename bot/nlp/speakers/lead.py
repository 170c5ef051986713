"""The one person an article's opening headline line names: who a description means ("the
candidate", "the former secretary of state") when the body names no one before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.words import HEADLINE_CHARS, PUNCTUATION

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry
    from bot.nlp.speakers.resolver import SpeakerResolver


def headline_person(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The person named on the article's first line when that line is a headline (short, a
    line of its own) naming exactly one person the article registers, ``token`` is below it
    and the body names no person before ``token``."""
    reg = r.reg
    if reg.lead_key is None:
        reg.lead_key = _lead_key(reg)
    key = reg.lead_key
    if not key or token.idx < reg.headline_end or \
            r.last_person(token.idx, since=reg.headline_end) is not None:
        return None
    return reg.people[key].speaker()


def _lead_key(reg: Registry) -> str:
    """The registered key of the headline's one person, or "" when there is none or several."""
    text = reg.columns.text if reg.columns.text is not None else reg.doc.text
    end = text.find("\n")
    if end == -1 or end > HEADLINE_CHARS:
        return ""
    reg.headline_end = end
    keys = set()
    for word in text[:end].split():
        word = word.strip(PUNCTUATION).removesuffix("’s").removesuffix("'s")
        key = reg.alias.get(word.lower()) if word[:1].isupper() else None
        if key is not None and key in reg.people and key not in reg.doubtful:
            keys.add(key)
    return keys.pop() if len(keys) == 1 else ""
