"""Papers, networks and sites: which one "the newspaper", "the editorial board" or "the
paper's editors" means, named like a periodical, named as one or typed as one."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.names import POBJ, POSS, PREP
from bot.nlp.speakers.words import NEWSROOM_STAFF, PERIODICALS, PUBLICATIONS

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

MISTAKEN_PAPER_LABELS = frozenset({"FAC", "GPE", "LOC"})
"""Labels the recogniser gives a paper's name too ("the Halden Herald" as a building)."""


def publication_word(r: SpeakerResolver, token: Token) -> bool:
    """"The newspaper", "the network", "the paper's editorial board", "the editorial", "the
    board" after an editorial board (a school board is none)."""
    lemma = token.lemma_.lower()
    if lemma in PUBLICATIONS or lemma == "editorial" or lemma == "board" and (
            _newsroom(token) or _editorial_board_before(r, token.i)):
        return True
    return lemma == "editor" and any(
        c.lower_ == "editorial" or c.lemma_.lower() in PUBLICATIONS for c in token.children)


def _newsroom(word: Token) -> bool:
    """A paper's staff or its editorials: "editor", "editorial", "the board of editors"."""
    lemma = word.lemma_.lower()
    return lemma in NEWSROOM_STAFF or lemma == "board" and any(
        c.lower_ in {"editorial", "editors"} for c in word.subtree)


def _editorial_board_before(r: SpeakerResolver, at: int) -> bool:
    """Whether "editorial" is hung on a board before token ``at``: found once an article (the
    text before each "the board" read again, 1,000 of them took 6 s)."""
    if r.reg.editorial_boards is None:
        r.reg.editorial_boards = [i for i in r.reg.columns.lowered({"editorial"})
                                  if r.reg.doc[i].head.lemma_ == "board"]
    return bool(r.reg.editorial_boards) and r.reg.editorial_boards[0] < at


def publication(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The newspaper, network or site the article last named: an organisation named like a
    periodical ("… Post", "… Times", "… News") or named as one (told X, in an interview with
    X, X reported, the editors of X, even untagged), or typed as one ("Family Circle
    magazine", "the website Politico")."""
    untagged, at = _untagged_medium(r, token)
    ends, ents = _media(r)
    last = bisect_right(ends, token.i) - 1
    if last >= 0 and ents[last].start >= at:
        return Speaker(r.reg.org_name(ents[last]), "organisation")
    return untagged


def owning_paper(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Halden Herald's editorial board", "Brannock's editors": the paper named as the
    owner of its newsroom or editorial, whatever the recogniser tagged it (a place, a person,
    nothing)."""
    if not (_newsroom(token) or token.lemma_.lower() == "editorial"):
        return None
    owner = next((c for c in token.children if c.dep == POSS and c.pos == PROPN and
                  not r.reg.quoted(c.idx)), None)
    return None if owner is None else Speaker(_proper_name(owner), "organisation")


def _proper_name(tok: Token) -> str:
    """A proper noun with the proper nouns compounded before it ("Halden Herald")."""
    words = [t for t in tok.lefts if t.dep_ in {"compound", "nmod"} and t.pos == PROPN]
    return " ".join(t.text for t in [*words, tok])


def _media(r: SpeakerResolver) -> tuple[list[int], list[Span]]:
    """The article's entities named as a news medium, and where each ends: found once an
    article (each "the editorial board" walked back over every name before it)."""
    if r.reg.media is None:
        media = [ent for ent in r.reg.ents if _a_medium(r, ent)]
        r.reg.media = [ent.end for ent in media], media
    return r.reg.media


def _a_medium(r: SpeakerResolver, ent: Span) -> bool:
    """An entity outside quotes named like a periodical, named as one or typed as one."""
    if ent.label_ not in {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", *MISTAKEN_PAPER_LABELS} or \
            r.reg.quoted(ent.start_char):
        return False
    name = r.reg.name_span(ent)
    if ent.label_ in MISTAKEN_PAPER_LABELS:  # "the Halden Herald" tagged a building or a town
        return name[-1].pos == PROPN and name[-1].lower_ in PERIODICALS
    return typed_as(name, PUBLICATIONS) or ent.label_ in {"ORG", "PERSON", "WORK_OF_ART"} and (
        name[-1].lower_ in PERIODICALS or _named_as_medium(name[-1]))


def _untagged_medium(r: SpeakerResolver, token: Token) -> tuple[Speaker | None, int]:
    """"The editors of The Clarion" with "The Clarion" tagged as nothing: the last proper
    name before the description that the text names as a news medium, and where it is."""
    if r.reg.untagged_media is None:
        r.reg.untagged_media = _untagged_media(r)
    places, speakers = r.reg.untagged_media
    last = bisect_left(places, token.i) - 1
    return (speakers[last], places[last]) if last >= 0 else (None, -1)


def _untagged_media(r: SpeakerResolver) -> tuple[list[int], list[Speaker]]:
    """Every untagged proper name outside quotes the text names as a news medium, in text
    order, found once an article."""
    doc, places, speakers = r.reg.doc, [], []
    for i in r.reg.columns.with_pos(PROPN):
        tok = doc[i]
        if not tok.ent_type_ and _named_as_medium(tok) and tok.text[:1].isupper() and \
                not r.reg.quoted(tok.idx):
            places.append(i)
            speakers.append(Speaker(_proper_name(tok), "organisation"))
    return places, speakers


def typed_as(name: Span, nouns: set[str]) -> bool:
    """Whether the text gives a name one of these kinds: a noun it modifies ("Family Circle
    magazine"), or a noun beside it ("the website Politico", "Politico, the website")."""
    root = name[-1]
    beside = [c for c in root.children if c.dep_ in {"appos", "compound"}]
    if root.dep_ in {"compound", "appos"}:
        beside.append(root.head)
    return any(t.lemma_.lower() in nouns and t.pos_ == "NOUN" and
               not name.start <= t.i < name.end for t in beside)


def _named_as_medium(tok: Token) -> bool:
    """Named as a news medium: told X, X reported, an interview with X, X's editors, the
    editors of X, the X editorial board, X ran editorials (a paper's staff and editorials are
    named by its paper)."""
    head = tok.head
    if tok.dep_ in {"poss", "compound", "nmod"} and _newsroom(head) or tok.dep_ == "pobj" and \
            head.lower_ == "of" and _newsroom(head.head):
        return True
    if tok.dep_ in {"dobj", "dative"} and head.lemma_.lower() == "tell":
        return True
    if tok.dep_ == "nsubj" and (head.lemma_.lower() in {"report", "publish", "editorialize"} or
                                any(t.lemma_.lower() == "editorial" for o in head.children
                                    if o.dep_ == "dobj" for t in (o, *_of_objects(o)))):
        return True
    return tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() == "interview"


def _of_objects(noun: Token) -> list[Token]:
    """The objects of a noun's "of" ("a string of editorials")."""
    return [o for c in noun.children if c.dep == PREP and c.lower_ == "of"
            for o in c.children if o.dep == POBJ]
