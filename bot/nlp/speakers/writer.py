"""The writer's own "I": the person an article names as its writer, for "“…,” I said" in the
narrative of an excerpt ("the second of three excerpts from Tomas Berg's new memoir")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

EXCERPTING = frozenset({"excerpt", "excerpts", "excerpted", "adapted", "extract", "extracts",
                        "extracted"})
"""Words that say the text below is taken from a writing: "excerpts from", "adapted from"."""
WRITINGS = frozenset({"book", "memoir", "memoirs", "autobiography", "diary", "essay", "novel"})
"""What a first-person excerpt is taken from, owned by its writer ("Berg's new memoir")."""


def named_writer(r: SpeakerResolver) -> Speaker | None:
    """The person whose writing the article says it is taken from, outside quotation marks;
    None when it says no such thing (a news report's "I" stays no one's)."""
    for i in r.reg.columns.lowered(EXCERPTING):
        token = r.reg.doc[i]
        if r.reg.quoted(token.idx):
            continue
        for owner in _owners(token):
            speaker, _ = r.resolve(owner)
            if speaker.kind == "person" and speaker.name is not None:
                return speaker
    return None


def _owners(excerpt: Token) -> list[Token]:
    """The owners of the writings a "from" phrase on ``excerpt`` names ("from Berg's book")."""
    return [owner for prep in excerpt.children if prep.dep_ == "prep" and prep.lower_ == "from"
            for writing in prep.subtree if writing.lemma_.lower() in WRITINGS
            for owner in writing.children if owner.dep_ == "poss"]
