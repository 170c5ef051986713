"""Someone of a person's family or of a body's staff: "his brother", "her husband", "the
mayor's spokesman", "the Quill employee" is the one person named before in that role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.names import POSS, definite
from bot.nlp.speakers.roles import COMPOUND
from bot.nlp.speakers.titles import role_words
from bot.nlp.speakers.words import KIN, PLURAL_TAGS, UNNAMED_SOURCES, without_possessive

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

ANY_STAFF = {"employee", "staffer", "worker", "member"}
"""Words for anyone on a body's staff, whatever their role says ("the Quill employee" for a
"Quill.com writer"); "the Quill spokesman" must be one the article called so."""


def staff_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Quill employee wrote", "the mayor's spokesman said": someone of a named body's or
    person's staff is the one person named before whose role names that body or person
    ("Quill.com writer Ana Ruiz", "Ruiz spokesman Tom Vale"), not an unnamed source."""
    lemma = token.lemma_.lower()
    if lemma not in UNNAMED_SOURCES or token.tag_ in PLURAL_TAGS:
        return None
    owner = next((c for c in token.children if c.dep == POSS), None)
    named = [c for c in token.lefts if c.dep == COMPOUND and c.pos == PROPN]
    if owner is not None:
        speaker, _ = r.resolve(owner)
        if speaker.name is None or speaker.kind == "unnamed":
            return None
        tag, own = speaker.name.split()[-1].lower(), r.reg.key_of(speaker.name)
    elif named and definite(token):
        tag, own = named[-1].lower_, None
    else:
        return None
    found: set[str] = set()
    for mention in r.reg.before(token.idx):
        person = r.reg.people.get(mention.key) if mention.speaker.kind == "person" else None
        if person is not None and person.role and mention.key != own and \
                tag in _role_names(person.role) and (
                    lemma in ANY_STAFF or lemma in role_words(person.role)):
            found.add(mention.key)
    return r.reg.people[found.pop()].speaker() if len(found) == 1 else None


def relative_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"His brother added" after "his brother Piet Vell told …": a family word someone owns
    is the one person named before with that family word as their role, else, with no one
    so named, the one relative of the owner's surname (``_of_the_family``)."""
    lemma = token.lemma_.lower()
    if lemma not in KIN or token.tag_ in PLURAL_TAGS or \
            not any(c.dep == POSS for c in token.children):
        return None
    found: set[str] = set()
    for mention in r.reg.before(token.idx):
        person = r.reg.people.get(mention.key) if mention.speaker.kind == "person" else None
        if person is not None and lemma in role_words(person.role or person.shown_role or ""):
            found.add(mention.key)
    if len(found) == 1:
        return r.reg.people[found.pop()].speaker()
    return _of_the_family(r, token) if not found else None


def _of_the_family(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"If Ana Ruiz wins, her husband would …" with "Tom Ruiz" named in the article: a family
    word owned by a person is the one other person the article names with that person's
    surname."""
    owner = next((c for c in token.children if c.dep == POSS), None)
    if owner is None or r.reg.quoted(owner.idx):
        return None
    speaker, _ = r.resolve(owner)
    if speaker.kind != "person" or speaker.name is None or len(speaker.name.split()) < 2:
        return None
    surname = speaker.name.split()[-1]
    family = [p for name, p in r.reg.people.items() if name != speaker.name and
              len(name.split()) > 1 and name.split()[-1] == surname]
    return family[0].speaker() if len(family) == 1 else None


def _role_names(role: str) -> set[str]:
    """The names a role holds, a web address by its site ("Quill.com writer" → "quill")."""
    words = (without_possessive(w.strip(",.;:()'\"“”’")) for w in role.split())
    return {w.lower().split(".")[0] for w in words if w[:1].isupper()}
