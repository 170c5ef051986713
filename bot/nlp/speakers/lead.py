"""The one person or organisation an article's opening headline line names: who a description
means ("the candidate", "the former secretary of state", "the company") when the body names
no one of that kind before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.names import clean
from bot.nlp.speakers.words import (
    HEADLINE_CHARS,
    INSTITUTIONS,
    ORG_NOUNS,
    PLATFORMS,
    PUBLIC_BODIES,
    PUNCTUATION,
    without_possessive,
)

MODIFIERS = {"compound", "amod", "nmod"}
"""Dependencies of a name that only modifies a noun ("the Tallinn-Helsinki route")."""
BODY_KINDS = ORG_NOUNS | PUBLIC_BODIES | INSTITUTIONS
"""Last words of a body's name that say what kind of body it is (``kind_fits``)."""
PANELS = {"committee", "subcommittee", "commission", "board", "panel"}
"""Bodies news calls "the panel": a committee, commission or board, however named."""

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry
    from bot.nlp.speakers.resolver import SpeakerResolver


def headline_person(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The person named on the article's first line when that line is a headline (short, a
    line of its own) naming exactly one person the article registers, ``token`` is below it
    and the body names no person before ``token``."""
    reg = r.reg
    key = read_headline(reg)
    if not key or token.idx < reg.headline_end or \
            r.last_person(token.idx, since=reg.headline_end) is not None:
        return None
    return reg.people[key].speaker()


def headline_organisation(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The company said" under "Corveth recalls …": the one organisation the headline line
    names (an organisation the recogniser tags there or anywhere in the article, or a
    platform), when ``token`` is below it and the body names no organisation before it."""
    reg = r.reg
    if reg.lead_org is None:
        reg.lead_org = _lead_org(reg)
    if not reg.lead_org or token.idx < reg.headline_end or \
            not kind_fits(reg.lead_org, token) or any(
            e.label_ == "ORG" and e.start_char > reg.headline_end and not reg.quoted(e.start_char)
            for e in reg.ents_before(token.i)):
        return None
    return Speaker(reg.lead_org, "organisation")


def kind_fits(name: str, token: Token) -> bool:
    """"The council" is no "Hollins Lane School": a name ending in a kind of body (words.
    ORG_NOUNS, PUBLIC_BODIES, INSTITUTIONS) is only described by that kind; "the panel" is
    only a body a word of whose name is one of ``PANELS`` ("the Committee on Ports")."""
    words = name.lower().split()
    lemma = token.lemma_.lower()
    if lemma == "panel":
        return any(w in PANELS for w in words)
    return words[-1] not in BODY_KINDS or words[-1] == lemma


def _lead_org(reg: Registry) -> str:
    """The headline's one organisation as written there, or "" when there is none or several;
    a name only modifying a noun ("halts Tallinn-Helsinki route") names no one."""
    read_headline(reg)
    end = reg.headline_end
    if not end:
        return ""
    names = {clean(e.text) for e in reg.ents if e.label_ == "ORG"}
    found = set()
    for token in reg.doc:
        if token.idx >= end:
            break
        ent = reg.ent_of.get(token.i)
        org = ent is not None and ent.label_ == "ORG"
        name, root = (clean(ent.text), ent.root) if ent is not None and org else (token.text, token)
        if root.dep_ not in MODIFIERS and name[:1].isupper() and (
                name in names or name.lower() in PLATFORMS):
            found.add(name)
    return found.pop() if len(found) == 1 else ""


def read_headline(reg: Registry) -> str:
    """The headline's one person (its registered key, "" for none), read once for both rules:
    also sets ``reg.headline_end``, which the organisation rule needs too."""
    if reg.lead_key is None:
        text = reg.columns.text if reg.columns.text is not None else reg.doc.text
        end = text.find("\n")
        if end == -1 or end > HEADLINE_CHARS:
            reg.lead_key = ""
        else:
            reg.headline_end = end
            reg.lead_key = _one_person(reg, text[:end])
    return reg.lead_key


def _one_person(reg: Registry, headline: str) -> str:
    """The registered key of the one person ``headline`` names, or "" for none or several."""
    keys = set()
    for word in headline.split():
        word = without_possessive(word.strip(PUNCTUATION))
        key = reg.alias.get(word.lower()) if word[:1].isupper() else None
        if key is not None and key in reg.people and key not in reg.doubtful:
            keys.add(key)
    return keys.pop() if len(keys) == 1 else ""
