"""Short forms an article gives a body or a post: an acronym it spells out ("the PFA"), the
clipped first word of a body's name ("the Fed"), the initials of a role ("the IG"). Each
table is made once per article, when first asked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from bot.nlp.speakers.body_index import BODY_LABELS
from bot.nlp.speakers.name_spans import NAMES_OF_BODIES
from bot.nlp.speakers.names import clean

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry

DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}")
"""An acronym written with full stops ("N.F.C.")."""
CLIPPED = re.compile(r"[A-Z][a-z]{2,5}")
"""A word that may be the clipped first word of a body's name ("Fed", "Intl")."""


def spelled_out(ents: list[Span]) -> dict[str, str]:
    """Each acronym the article spells out, to the name: the initials of a body's or a place's
    name of several capitalised words, or the one given beside a body's name ("(FAP)")."""
    expanded: dict[str, str] = {}
    for ent in ents:
        words = [t.text for t in ent if t.text[:1].isupper() and t.is_alpha
                 and t.lower_ != "the"]
        body = ent.label_ in BODY_LABELS or ent[-1].lower_ in NAMES_OF_BODIES
        given = _acronym_beside(ent) if len(words) > 1 and body else None
        if given:  # "Swiss People's Party" a body by its last word, tagged a person
            expanded.setdefault(given, clean(ent.text).removeprefix("the "))
        if ent.label_ in {"ORG", "GPE", "FAC"} and len(words) > 1:
            expanded.setdefault("".join(w[0] for w in words), clean(ent.text))
    return expanded


def clippings(ents: list[Span]) -> dict[str, str]:
    """"The Fed" after "the Federal Reserve": each beginning, two letters short of it or
    more, of the first word of a body's name of several words, when one name begins so."""
    names: dict[str, set[str]] = {}
    whole: set[str] = set()
    for ent in ents:
        words = [t.text for t in ent if t.is_alpha and t.lower_ != "the"]
        if ent.label_ not in {"ORG", "FAC"} or len(words) < 2 or \
                not words[0].istitle():
            continue
        whole.add(words[0])  # "Fox" of "Fox News" is no clipped "Foxconn"
        full = clean(ent.text).removeprefix("the ").removeprefix("The ")
        for end in range(3, len(words[0]) - 1):
            names.setdefault(words[0][:end], set()).add(full)
    return {short: full.pop() for short, full in names.items()
            if len(full) == 1 and short not in whole}


def role_initials(registry: Registry) -> dict[str, str]:
    """The initials of the lower-case words each tagged person's roles end in, to the one
    person whose roles give them."""
    holders: dict[str, set[str]] = {}
    for key, spans in registry.spans_of.items():
        for role in filter(None, map(registry.role_of, spans)):
            for text in (role.written, role.shown or ""):
                for short in _title_initials(text):
                    holders.setdefault(short, set()).add(key)
    return {short: keys.pop() for short, keys in holders.items() if len(keys) == 1}


def _acronym_beside(ent: Span) -> str | None:
    """The acronym the article gives a name right after it, "(FAP)" or ", or FAP,", if any:
    the article's own short name for it, whatever its initials."""
    doc, end = ent.doc, ent.end
    after = [t.text for t in doc[end:end + 3]]
    if after[:1] == ["("] and after[2:3] == [")"] or after[:2] == [",", "or"]:
        word = after[1] if after[0] == "(" else doc[end + 2].text if end + 2 < len(doc) else ""
        if 2 <= len(word) <= 6 and word.isalpha() and word.isupper():
            return word
    return None


def _title_initials(role: str) -> list[str]:
    """The initials of the two or more lower-case words a role ends in ("IG" of "the State
    Department inspector general")."""
    tail: list[str] = []
    for word in reversed(role.split()):
        if not (word.isalpha() and word.islower()) or word in {"the", "a", "an", "of"}:
            break
        tail.insert(0, word)
    return ["".join(w[0] for w in tail[-n:]).upper() for n in range(2, min(len(tail), 4) + 1)]
