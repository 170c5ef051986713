"""Which organisation "the company" or "the group" means: the last one acting before it,
a platform or a web address the recogniser left untagged, or a body it did not tag
(``untagged``)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN, X
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.untagged import untagged_bodies
from bot.nlp.speakers.words import ACTING, INSTITUTIONS, PLATFORMS, PUBLIC_BODIES

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver


def acting_company(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The company" means the last organisation that acted in a clause before it; one just
    named, in its sentence or the one before, without acting comes before any further back
    ("… hours with Nordair, the airline said"; "Shares in Corveth fell" long before does not
    name the company meant)."""
    since = r.reg.sent_starts[max(0, bisect_right(r.reg.sent_starts, token.i) - 2)]
    near: Span | None = None
    untagged = untagged_bodies(r.reg, token.i)
    for ent in _with_platforms(r, token, r.reg.ents_before(token.i), untagged):
        if not _may_be_company(r, ent, token.lemma_.lower(), untagged):
            continue
        if near is not None and ent.start < since:
            break
        if ent.root.dep_ in ACTING or ent.start in untagged:
            near = ent
            break
        if near is None and ent.start >= since and ent.root.dep_ != "compound":
            near = ent
    return Speaker(r.reg.org_name(near), "organisation") if near is not None else None


def _may_be_company(r: SpeakerResolver, ent: Span, lemma: str, untagged: dict[int, Span]
                    ) -> bool:
    """An organisation, a platform or an ``untagged`` body that "the company" (``lemma``) may
    mean."""
    if ent.root.tag_ == "NNS" or r.reg.quoted(ent.start_char):
        return False
    if ent.start in untagged:
        return _may_be_called(r.reg.name_span(ent), lemma)
    platform = ent.label_ in {"PERSON", ""} and (  # "Twitter said", "Reeltrader.com said"
        ent.text.lower() in PLATFORMS or ent.root.like_url)
    return (ent.label_ == "ORG" or platform) and _may_be(r, ent, lemma)


def _with_platforms(r: SpeakerResolver, token: Token, ents: list[Span],
                    untagged: dict[int, Span]) -> list[Span]:
    """The entities before ``token``, latest first, with a platform or a website the recogniser
    left untagged that acts in its clause ("Twitter conceded …", "Reeltrader.com said …"), and
    the ``untagged`` bodies no entity covers."""
    doc = r.reg.doc
    found = [doc[i:i + 1] for i in _untagged_sites(r) if i < token.i and doc[i].dep_ in ACTING]
    found += [span for span in untagged.values() if span.root.i not in r.reg.ent_of]
    return sorted(ents + found, key=lambda e: -e.start) if found else ents


def _untagged_sites(r: SpeakerResolver) -> list[int]:
    """Platforms and web addresses outside quotes the recogniser left untagged, found once an
    article ("the company" asks at each mention)."""
    if r.reg.web_names is None:
        cols, vocab = r.reg.columns, r.reg.doc.vocab
        r.reg.web_names = [i for i in sorted(cols.with_pos(X) + cols.with_pos(PROPN))
                           if i not in r.reg.ent_of and not r.reg.quoted(cols.idx[i]) and (
                               vocab[cols.orth[i]].like_url or
                               vocab[cols.orth[i]].lower_ in PLATFORMS)]
    return r.reg.web_names


def _may_be(r: SpeakerResolver, ent: Span, lemma: str) -> bool:
    """Not a person the recogniser tagged an organisation ("Weiner's future"), nor an
    institution news never calls a company or a group ("New York University", "the Supreme
    Court"; a caucus or a party may be "the group")."""
    name = r.reg.name_span(ent)
    person = r.reg.people.get(r.reg.key_of(r.reg.text_of(name)))
    return _may_be_called(name, lemma) and (
        person is None or " " not in person.name and not person.gender)


def _may_be_called(name: Span, lemma: str) -> bool:
    """Not an institution news never calls a company or a group by ``lemma``."""
    return name[-1].lower_ not in (PUBLIC_BODIES if lemma == "group" else INSTITUTIONS)
