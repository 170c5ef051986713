"""A speaker's role as a desk writes it after the name: titles spelled out and in lower case,
a US party tag read, and never a handle, a dateline, a person as owner or a qualifier alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.words import (
    ABBREVIATED_TITLES,
    DASHES,
    DATELINE_LETTERS,
    DESCRIBED_PEOPLE,
    HANDLE_MARK,
    NOT_ROLE_ENTITIES,
    ORGANISATION,
    PARTY_ADJECTIVES,
    PARTY_NOUNS,
    PARTY_TITLES,
    PLURAL_TAGS,
    POSSESSIVE_MARKS,
    PROPER_ENTITIES,
    ROLE_PREPOSITIONS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    UNNAMED_SOURCES,
    US_STATES,
    WEAK_TITLES,
)

TAG_TOKENS = 10
"""Tokens after a name a party tag is read from ("(", "R", "-", "N.H.", ")" and room)."""
_PLACE = r"[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?"
_TAGS = (re.compile(rf"\s*\(\s*([RDI])(?:\s*[-–]\s*({_PLACE}))?\s*\)"),
         re.compile(rf",\s*([RDI])\s*[-–]\s*({_PLACE})(?=[\s,;:)]|$)"))
"""A party tag right after a name: "(R-Texas)", "(D)", or AP's ", R-Texas" (then a comma, a
semicolon, or the sentence's end)."""
_ADDRESS = WEAK_TITLES - ABBREVIATED_TITLES.keys()
"""Forms of address ("Dr", "Mr"), never a role; "Prof." is one, and "professor" a role."""
_PARTIES = {w.lower() for w in (*PARTY_ADJECTIVES.values(), *PARTY_NOUNS.values())
            if w[:1].isupper()}
"""Party names, capitalised whatever the recogniser says ("Republican", "Democrat")."""
COMPOUND = get_string_id("compound")
PLAIN_VERB_TAGS = {"VB", "VBP", "VBZ"}
"""A verb's base and present forms: before a name as its compound, a noun ("lead"), where a
participle or a past form is a verb ("Iran-backed", "he ousted")."""
_LOWER_WORD = re.compile(r"\b[a-z]")
"""A word in lower case: a role holding none ("Black Lives", "Conservative Icon") is a name
or a headline's words, whose capitals stay."""
_OPENING_MARKS = {"\"", "“", "‘", "'", "(", "[", "—", "–", "-"}
"""What may stand before a sentence's first word ("“The organiser …", "— Union organiser")."""


@dataclass(frozen=True)
class Role:
    """A role as the article writes it, which resolution reads ("Sen."), and as a desk shows
    it after the name ("senator"; None when what is written is no role)."""

    written: str
    shown: str | None
    title: str = ""
    """The title words before the name when an apposition was written too ("campaign
    manager" in "campaign manager Ana Ruiz, a veteran operative,")."""


@dataclass(frozen=True)
class PartyTag:
    """"(D-Ore.)" after a name: the party letter, the state spelled out, where the tag ends."""

    party: str
    state: str | None
    start: int
    end: int


def _state_table() -> dict[str, str]:
    """Each state's name, keyed by the name and its abbreviations (lower case, no full stops)."""
    table = {}
    for entry in US_STATES.split("|"):
        words = entry.split()
        name = " ".join(w for w in words if w[:1].isupper())
        for key in [name.lower().replace(" ", ""), *(w for w in words if w[:1].islower())]:
            table[key] = name
    return table


_STATES = _state_table()


def party_tag(name: Span) -> PartyTag | None:
    """The US party tag written right after a name, if any."""
    doc = name.doc
    if name.end >= len(doc) or doc[name.end].text not in {"(", ","} or \
            not _party_letter_after(doc, name.end):
        return None
    text = name[-1].whitespace_ + doc[name.end:name.end + TAG_TOKENS].text
    for pattern in _TAGS:
        found = pattern.match(text)
        if found:
            place = found.group(2)
            state = _STATES.get(place.lower().replace(".", "").replace(" ", "")) if place else None
            return PartyTag(found.group(1), state, name.end_char + found.start(),
                            name.end_char + found.end())
    return None


def _party_letter_after(doc: Doc, mark: int) -> bool:
    """Whether the first letter after the "(" or "," at ``mark`` (within the tokens a tag is
    read from) is a party's R, D or I: most commas after a name start no tag, and reading
    the tokens after them as text costs more than this."""
    for k in range(mark + 1, min(mark + TAG_TOKENS, len(doc))):
        first = doc[k].text.lstrip()[:1]
        if first:
            return first in {"R", "D", "I"}
    return False


def in_tag(tag: PartyTag | None, token: Token) -> bool:
    return tag is not None and tag.start <= token.idx < tag.end


def desk_role(span: Span, *, title: bool) -> str | None:
    """The role written in ``span`` (``title``: the title words before a name), or None
    when what is written there is no role."""
    if not len(span):
        return None
    tokens = [t for t in span if not _handle(t)]
    if title:
        tokens = _after_dateline(tokens)
    while title and len(tokens) > 1 and tokens[-1].lower_.strip(".") in _ADDRESS:
        tokens.pop()  # "Chief Medical Officer Dr." Ana Ruiz
    if title and tokens and tokens[-1].text in POSSESSIVE_MARKS:
        return _organisation(tokens[:-1])
    if _no_role(tokens) or title and _headless(tokens[-1]):
        return None
    words = [_spelled_out(t) for t in tokens] if title else [t.text for t in tokens]
    if title and all(_title_word(w, t) for w, t in zip(words, tokens, strict=True)
                     if w.strip(".-")):
        words = [w.lower() for w in words]
    text = "".join(w + t.whitespace_ for w, t in zip(words, tokens, strict=True))
    text = text.strip(" ,;:—–-\n\"“”").split("\n")[-1].strip()
    return sentence_cased(text, tokens) or None


def sentence_cased(text: str, tokens: Sequence[Token]) -> str:
    """"Union organiser", "The organiser" opening a sentence, shown after a name as a desk
    writes them: "union organiser", "the organiser" (a name, a party, or words all in
    capitals, as a headline's, keep theirs)."""
    if not text[:1].isupper() or not _LOWER_WORD.search(text):
        return text
    first = next((t for t in tokens if t.is_alpha), None)
    if first is None or not text.startswith(first.text) or not _opens_sentence(first) or \
            not _LOWER_WORD.search(text, len(first.text)) or \
            first.pos_ == "PROPN" or first.ent_type_ in PROPER_ENTITIES | {"PERSON"} or \
            len(first) > 1 and first.is_upper or first.lower_ in _PARTIES or \
            first_name_gender(first.text) is not None:
        return text
    return text[:1].lower() + text[1:]


def _opens_sentence(tok: Token) -> bool:
    """The first word of a sentence or a line, where a common word takes a capital."""
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and (doc[i].is_punct and doc[i].text in _OPENING_MARKS):
        i -= 1
    return i < 0 or bool(tok.is_sent_start) or "\n" in doc[i].text_with_ws or \
        doc[i].text in {".", "!", "?"}


def with_party(title: str | None, tag: PartyTag | None) -> str | None:
    """"senator" with "(R-Texas)" is "Republican senator from Texas"; a tag alone gives
    "Texas Republican"; any other title stays as it is."""
    if tag is None:
        return title
    if title is None:
        return " ".join(w for w in (tag.state, PARTY_NOUNS[tag.party]) if w)
    *modifiers, head = title.split()
    if head not in PARTY_TITLES or any(m not in TITLE_MODIFIERS for m in modifiers):
        return title
    role = " ".join([*modifiers, PARTY_ADJECTIVES[tag.party], head])
    return f"{role} {PARTY_TITLES[head]} {tag.state}" if tag.state else role


def _no_role(tokens: list[Token]) -> bool:
    """Nothing, a form of address ("Dr."), a qualifier, a place, a date or a name."""
    return not tokens or not any(_names_a_role(t) for t in tokens) or \
        all(t.lower_.strip(".") in _ADDRESS for t in tokens) or \
        all(_place_or_time(t) for t in tokens if any(c.isalpha() for c in t.text))


def _headless(last: Token) -> bool:
    """A title before a name ends in one person's title noun: not in a verb ("Iran-backed",
    "the rival he ousted"), a conjunction ("Abusive and") or a plural in lower case ("the
    fact-checks"), which the parser hung on the name; a title word, or a verb's plain form
    set before the name as its compound ("headteacher", "campaign lead"), is a noun the
    parser took for a verb."""
    if last.lower_ in TITLE_WORDS or last.dep == COMPOUND and last.tag_ in PLAIN_VERB_TAGS:
        return False
    return last.pos_ in {"VERB", "CCONJ"} or last.tag_ in PLURAL_TAGS and last.text.islower()


def _after_dateline(tokens: list[Token]) -> list[Token]:
    """"S.C. - Sen." before a name: what follows a dash set off by spaces (a dateline's)."""
    dashes = [i for i, t in enumerate(tokens) if t.text in DASHES and t.whitespace_
              and t.i > 0 and t.nbor(-1).whitespace_]
    return tokens[dashes[-1] + 1:] if dashes else tokens


def _handle(tok: Token) -> bool:
    """"@ana_ruiz" or a link, and the brackets around it."""
    doc = tok.doc
    if tok.text.startswith(HANDLE_MARK) or tok.like_url:
        return True
    if tok.text not in {"(", ")"}:
        return False  # before the neighbours: most words are no bracket
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    before = doc[tok.i - 1] if tok.i > 0 else None
    return any(t is not None and t.text.startswith(HANDLE_MARK) for t in (before, after))


def _names_a_role(tok: Token) -> bool:
    """A noun or a title, not a qualifier alone ("Former"), a pronoun ("himself") or an
    adjective ("unlikely")."""
    word = tok.lower_.strip(".")
    if word in TITLE_MODIFIERS:
        return False
    return tok.pos_ in {"NOUN", "PROPN"} or word in ABBREVIATED_TITLES or _title_word(word, tok)


def _organisation(owner: list[Token]) -> str | None:
    """"NBC's Ana Ruiz" is Ana Ruiz of NBC, shown as a desk credits her ("Ana Ruiz, NBC");
    "Trump's Ana Ruiz" says whose she is, not what."""
    if owner and all(t.ent_type_ == ORGANISATION for t in owner):
        return owner[0].doc[owner[0].i:owner[-1].i + 1].text
    return None


def _place_or_time(tok: Token) -> bool:
    """A dateline ("WASHINGTON"), a place, a date or a name standing where a role would be
    (not a title the recogniser took into a name, "Alderman", or a place, "Harlow City
    Councilman")."""
    if _title_word(tok.text, tok) or tok.lower_.rstrip(".") in ABBREVIATED_TITLES or \
            tok.lower_.strip(".") in TITLE_WORDS and not tok.is_upper:
        return False
    if tok.ent_type_ == "PERSON" and tok.is_alpha and tok.is_lower:  # "harbour master"
        return False
    return tok.ent_type_ in NOT_ROLE_ENTITIES or tok.is_upper and len(tok) > DATELINE_LETTERS


def _spelled_out(tok: Token) -> str:
    """"Sen." is "senator"; the full stop the tokenizer split off "Lt" goes with it."""
    if tok.text == "." and tok.i > 0 and not tok.nbor(-1).whitespace_ and \
            tok.nbor(-1).lower_ in ABBREVIATED_TITLES:
        return ""
    return ABBREVIATED_TITLES.get(tok.lower_.rstrip("."), tok.text)


def _title_word(word: str, tok: Token) -> bool:
    """A word of a title a desk writes in lower case after the name ("Vice President"); not
    a party's ("Republican")."""
    lower = word.lower().strip(".")
    if tok.ent_type_ in PROPER_ENTITIES or lower in _PARTIES:
        return False
    return any(lower in words for words in (TITLE_WORDS, TITLE_MODIFIERS, DESCRIBED_PEOPLE,
                                            UNNAMED_SOURCES, ABBREVIATED_TITLES.values()))


def role_head(role: str | None) -> str | None:
    """The title a role gives: "judge" in "Judge", "governor" in "a former governor of Ohio"."""
    words = []
    for word in (role or "").lower().split():
        if word in ROLE_PREPOSITIONS:
            break
        words.append(word.strip(".,"))
    return words[-1] if words else None
