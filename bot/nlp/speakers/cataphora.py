"""A description the article names only after it ("The city's new mayor rejected the offer.
… Ana Ruiz, elected last week, …"): the person first named in the sentences that follow."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.words import INDEFINITE, NUMBERS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry
    from bot.nlp.speakers.resolver import SpeakerResolver

CATAPHORA_SENTENCES = 2
"""Sentences after the description's own in which the person it describes may be named."""
QUIET_PARAGRAPHS = 1
"""Paragraphs, the description's own first, that must name no one before it."""
UNCOUNTED = INDEFINITE | NUMBERS
"""Words before a noun that leave its source unnamed ("a", "some", "three"), joined once."""


def named_next(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The one person the article names, for the first time, just after a definite
    description of someone when no one was named before it in its paragraph (two people
    named there may be either); not after an indefinite one ("a senior official said"),
    which news leaves unnamed."""
    if any(c.dep_ in {"det", "nummod"} and c.lower_ in UNCOUNTED
           for c in token.children):
        return None
    reg = r.reg
    index = bisect_right(reg.sent_starts, token.i) - 1
    offsets = reg.offsets()
    here = bisect_right(offsets, token.idx)
    if any(m.speaker.kind == "person" for m in
           reg.mentions[bisect_left(offsets, _paragraphs_back(reg, index)):here]):
        return None
    end = reg.sents[min(index + CATAPHORA_SENTENCES, len(reg.sents) - 1)].end_char
    before = {m.key for m in reg.mentions[:here]}
    named: list[str] = []
    after = bisect_right(offsets, token.right_edge.idx)  # past its own phrase ("… to X")
    for mention in reg.mentions[after:]:
        if mention.offset >= end:
            break
        key = mention.key
        if mention.speaker.kind == "person" and key in reg.people and key not in before and \
                key not in named and not reg.tagged.isdisjoint(key.split()) and \
                not reg.quoted(mention.offset):
            named.append(key)
    return reg.people[named[0]].speaker() if len(named) == 1 else None  # two: either


def _paragraphs_back(reg: Registry, index: int) -> int:
    """Where the QUIET_PARAGRAPHS-th paragraph back from sentence ``index`` starts (1: its
    own), as a character offset."""
    doc, breaks = reg.doc, 0
    while index > 0:
        if "\n" in doc[reg.sent_starts[index] - 1].text_with_ws:
            breaks += 1
            if breaks == QUIET_PARAGRAPHS:
                break
        index -= 1
    return reg.sent_start_chars[index]
