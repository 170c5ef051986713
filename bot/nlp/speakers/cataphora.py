"""A description the article names only after it ("The city's new mayor rejected the offer.
… Ana Ruiz, elected last week, …"): the person first named in the sentences that follow; a
headline's bare "official says": the first person the story names speaking."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.names import weak_role
from bot.nlp.speakers.words import HEADLINE_CHARS, INDEFINITE, NUMBERS

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Registry
    from bot.nlp.speakers.resolver import SpeakerResolver

CATAPHORA_SENTENCES = 2
"""Sentences after the description's own in which the person it describes may be named."""
QUIET_PARAGRAPHS = 1
"""Paragraphs, the description's own first, that must name no one before it."""
TITLE_WORDS_BEFORE = 3
"""Capitalised words of a title the first named may stand after ("Port Authority Chairman")."""
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
    opener: str | None = None
    first_end = 0
    own_end = reg.sents[index].end_char
    after = bisect_right(offsets, token.right_edge.idx)  # past its own phrase ("… to X")
    for mention in reg.mentions[after:]:
        if mention.offset >= end:
            break
        key = mention.key
        if mention.speaker.kind != "person" or key not in reg.people or \
                reg.tagged.isdisjoint(key.split()) or reg.quoted(mention.offset):
            continue
        new = key not in before and key not in named
        if opener is None and mention.offset >= own_end:  # the first named after its own
            opener = key if new and _opens_sentence(reg, mention.offset, key) else ""
            first_end = reg.sents[bisect_right(reg.sent_start_chars, mention.offset) - 1].end_char
        elif opener == "" and new and mention.offset < first_end and \
                _main_subject(reg, mention.offset):
            opener = key  # "In an interview with X, Ana Ruiz said …"
        if new:
            named.append(key)
    if len(named) == 1:
        return reg.people[named[0]].speaker()
    return reg.people[opener].speaker() if opener else None  # two: either


def introduced_next(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"A retired lighthouse keeper who wrote that …. “…,” wrote Ewan Tulloch, who …": someone
    an indefinite description with a "who" clause brings in is the one person the next
    sentence names for the first time, speaking there (not one named before, nor a second
    new name: either might be meant)."""
    reg = r.reg
    index = bisect_right(reg.sent_starts, token.i) - 1
    if index + 1 >= len(reg.sents):
        return None
    offsets = reg.offsets()
    before = {m.key for m in reg.mentions[:bisect_right(offsets, token.idx)]}
    after = bisect_right(offsets, reg.sents[index].end_char - 1)
    end = reg.sents[index + 1].end_char
    new: list[tuple[str, int]] = []
    for mention in reg.mentions[after:]:
        if mention.offset >= end:
            break
        if mention.speaker.kind == "person" and mention.key in reg.people and \
                mention.key not in before and all(k != mention.key for k, _ in new):
            new.append((mention.key, mention.offset))
    if len(new) != 1 or reg.quoted(new[0][1]) or not _speaks(r, new[0][1]):
        return None
    person = reg.people[new[0][0]]
    if not weak_role(person.role) and token.lower_ not in (person.role or "").lower():
        return None  # "…, said Ewan Tulloch, the pilots' chairman": someone else
    return person.speaker()


def _opens_sentence(reg: Registry, offset: int, key: str) -> bool:
    """"Ana Ruiz, an aide to Mayor Tom Vale, said …": the first named opens a sentence as its
    subject, alone, the way news names whom its lede described, after at most three
    capitalised words of a title ("Port Authority Chairman Ana Ruiz"); others named after
    her are asides (not "Judge Ruiz and Judge Vale sat …", either of whom may be meant)."""
    start = reg.sent_start_chars[bisect_right(reg.sent_start_chars, offset) - 1]
    text = reg.columns.text if reg.columns.text is not None else reg.doc.text
    before = text[start:offset].split()  # a mention stands at its name's last word
    if len(before) > TITLE_WORDS_BEFORE + len(key.split()) - 1 or \
            not all(w[:1].isupper() for w in before):
        return False
    return _sole_subject(reg, offset) is not None


def _main_subject(reg: Registry, offset: int) -> bool:
    """"In an interview with Tom Vale on his podcast, Ana Ruiz said …": the first sentence
    that names someone after the description names, as its main verb's subject, whom the
    lede described, though a name in a phrase comes first."""
    subject = _sole_subject(reg, offset)
    return subject is not None and subject.head.dep_ == "ROOT"


def _sole_subject(reg: Registry, offset: int) -> Token | None:
    """The name standing at ``offset`` when it is a clause's subject, alone."""
    tok = reg.doc[bisect_left(reg.columns.idx, offset)]
    while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
        tok = tok.head
    alone = tok.dep_ in {"nsubj", "nsubjpass"} and not any(c.dep_ == "conj" for c in tok.children)
    return tok if alone else None


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


HEADLINE_REACH = 2000
"""Characters after a headline's bare source within which the body names who it is."""


def headline_source(token: Token) -> bool:
    """"Incentives failed, analyst says": a singular common noun in small letters with no
    article, number, owner or name, the way a headline or its deck writes a source the story
    names below; one whose phrase carries a capitalised word ("SEIU chief says", a
    title-case "Official Says") is a source as written, named enough already."""
    return token.tag_ == "NN" and token.pos_ == "NOUN" and token.is_lower and not any(
        c.dep_ in {"det", "poss", "nummod", "appos"} or c.pos_ == "PROPN" or
        c.i < token.i and not c.is_lower for c in token.children)


def first_speaker_after(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The first person the text names after ``token`` as the subject of a reporting verb
    (or beside it: "The minister, Ana Ruiz, said"): whom a headline's bare "official says"
    or "top aide implies" stands for."""
    reg = r.reg
    text = reg.columns.text if reg.columns.text is not None else reg.doc.text
    if not in_headline_or_deck(text, token.idx):
        return None
    start = bisect_right(reg.offsets(), token.right_edge.idx)
    for mention in reg.mentions[start:]:
        if mention.offset - token.idx > HEADLINE_REACH:
            return None
        if mention.speaker.kind == "person" and mention.key in reg.people and \
                not reg.quoted(mention.offset) and _speaks(r, mention.offset):
            return reg.people[mention.key].speaker()
    return None


def in_headline_or_deck(text: str, offset: int) -> bool:
    """``offset`` lies in the text's first or second line, each short enough for a headline
    or its deck: a body's "…, spokesman said" is a source as written."""
    start = 0
    for _ in range(2):
        end = text.find("\n", start)
        if end == -1 or end - start > HEADLINE_CHARS:
            return False
        if offset < end:
            return True
        start = end + 1
    return False


def _speaks(r: SpeakerResolver, offset: int) -> bool:
    """The name at ``offset`` (its last word, or the noun it is set beside) is a speaker."""
    tok = r.reg.doc[bisect_left(r.reg.columns.idx, offset)]
    while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head
    return tok.dep_ == "nsubj" and r.reg.speaking(tok.head)
