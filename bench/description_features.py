"""Features of the people and organisations a description ("the senator", "the company")
may mean, for the learned ranker bench/description_fit.py tried over the hand rules' pick (not
shipped: it did not beat the rules, see docs/quotes-history.md, ninth pass)."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers.last_person import LOOK_BACK
from bot.nlp.speakers.names import definite, gender_of_words
from bot.nlp.speakers.not_meant import named_in_quote
from bot.nlp.speakers.salience import Salience
from bot.nlp.speakers.subjects import narrative, sentence_subjects
from bot.nlp.speakers.words import (
    AGENCIES,
    COMPANY_NOUNS,
    DESCRIBED_PEOPLE,
    GENDERED_NOUNS,
    ISSUED_NOUNS,
    ORG_NOUNS,
    PLURAL_TAGS,
    PUBLICATIONS,
    SPEAKING_THINGS,
    TITLE_WORDS,
    UNNAMED_SOURCES,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

FEATURES = (
    "rules", "rules_far", "named", "person", "person_fit", "body_fit", "written_person",
    "written_source", "head_in_role", "head_near", "modifiers_near", "sentences_since", "latest", "salience",
    "mentions", "last_subject", "most_mentioned", "gender_agrees", "named_in_quote",
    "spoke_before",
)
"""What ``features`` gives for one candidate, in order."""
FAR = 50
"""Sentences since the last mention of a candidate never mentioned before the description."""
NEAR = 3
"""Tokens either side of a candidate's mention read as the words the article puts near it."""
BODY_WORDS = ORG_NOUNS | COMPANY_NOUNS | PUBLICATIONS | AGENCIES
"""Head nouns of a description of an organisation."""
PEOPLE_WORDS = (TITLE_WORDS | DESCRIBED_PEOPLE | GENDERED_NOUNS["m"] | GENDERED_NOUNS["f"]) - \
    BODY_WORDS
"""Head nouns of a description of a person."""
PLACE_WORDS = {"state", "country", "nation", "government", "city", "town", "regime",
               "republic", "kingdom", "province", "capital"}
"""Descriptions that may mean a place the article named (a state, a country's government)."""
ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor",
                 "gen": "general", "dr": "doctor", "prof": "professor", "lt": "lieutenant",
                 "col": "colonel", "capt": "captain", "sgt": "sergeant", "ceo": "executive"}
"""A title as abbreviated before a name, read as the word a description uses."""


@dataclass
class Candidate:
    """Someone or some body named before a description, with what the article says of them."""

    name: str
    person: bool
    offsets: list[int]
    """Character offsets of the mentions before the description, in order."""
    near: frozenset[str]
    """Words of the name, its role and beside its mentions (lower case, titles spelled out)."""
    role: frozenset[str] = frozenset()
    """Words of the role the article gives a person (titles spelled out)."""
    latest: bool = False
    """Mentioned last among the candidates of its kind (person or not)."""
    salience: float = 0.0
    spoke: bool = False
    gender: str | None = None
    last_subject: bool = False
    in_quote: bool = False
    most_mentioned: bool = False
    rules: bool = False
    named: bool = True
    """False for a description the rules kept as written ("the official")."""


def rankable(token: Token) -> bool:
    """A definite singular description ("the senator"), which means someone the article named;
    not "a spokesman" nor "the protesters"."""
    return definite(token) and token.tag_ not in PLURAL_TAGS


def candidates(r: SpeakerResolver, token: Token, chosen: Speaker) -> list[Candidate]:
    """The people and organisations named before ``token`` (and the rules' pick, ``chosen``)."""
    found: dict[str, Candidate] = {}
    for mention in r.reg.before(token.idx):
        if mention.speaker.kind == "person" and mention.key in r.reg.people:
            _seen(r, found, mention.key, True, mention.offset, mention.subject)
        elif mention.speaker.kind == "organisation" and mention.speaker.name:
            _seen(r, found, mention.speaker.name, False, mention.offset, mention.subject)
    places = token.lemma_.lower() in PLACE_WORDS
    for ent in r.reg.ents_before(token.i):
        if ent.label_ not in {"ORG", "GPE"} or ent.label_ == "GPE" and not places or \
                r.reg.quoted(ent.start_char):
            continue
        name = r.reg.org_name(ent).removeprefix("the ").removeprefix("The ")
        person = r.reg.alias.get(name.lower())  # "Sanders" tagged an organisation
        if person in r.reg.people:
            _seen(r, found, person, True, ent.start_char, False)
        else:
            _seen(r, found, name, False, ent.start_char, False)
    key = _key(r, chosen)
    if key not in found:  # a name the rules found elsewhere, or the description as written
        found[key] = Candidate(key, chosen.kind == "person", [], frozenset(),
                               named=chosen.kind in {"person", "organisation"})
    found[key].rules = True
    for candidate in found.values():
        candidate.offsets.sort()
    _describe(r, token, list(found.values()))
    return list(found.values())


def _key(r: SpeakerResolver, speaker: Speaker) -> str:
    """How a speaker is known among the candidates (a person by the registry's key)."""
    return r.reg.key_of(speaker.name) if speaker.kind == "person" else speaker.name or ""


def _seen(r: SpeakerResolver, found: dict[str, Candidate], key: str, person: bool,
          offset: int, spoke: bool) -> None:
    """One more mention of a candidate (a name seen as a person and as an entity counts once)."""
    candidate = found.get(key)
    if candidate is None:
        candidate = found[key] = Candidate(key, person, [], frozenset())
    candidate.offsets.append(offset)
    candidate.spoke = candidate.spoke or spoke


def _describe(r: SpeakerResolver, token: Token, found: list[Candidate]) -> None:
    """What the article says around each candidate, and who the text is about at ``token``."""
    weights = Salience(r).weights_at(token.i) if any(c.person for c in found) else {}
    last_key = _last_subject(r, token)
    quoted = named_in_quote(r, token)
    counts = {True: 0, False: 0}
    last = {True: -1, False: -1}
    for c in found:
        counts[c.person] = max(counts[c.person], len(c.offsets))
        last[c.person] = max([last[c.person], *c.offsets])
    for c in found:
        if not c.named:
            continue
        person = r.reg.people.get(c.name) if c.person else None
        role = person.role if person else None
        c.role = frozenset(_word(w) for w in (role or "").split())
        c.near = frozenset(_near_words(r, c, role))
        c.latest = bool(c.offsets) and c.offsets[-1] == last[c.person]
        c.salience = weights.get(c.name, 0.0)
        c.gender = r.reg.gender(c.name) if c.person else None
        c.last_subject = c.name == last_key
        c.in_quote = c.name in quoted
        c.most_mentioned = bool(c.offsets) and len(c.offsets) == counts[c.person]


def _last_subject(r: SpeakerResolver, token: Token) -> str | None:
    """The person named as the subject of the last narrative sentences before ``token`` (read
    off the registry, resolving nothing: recording must not change the extraction)."""
    index = bisect_right(r.reg.sent_starts, token.i) - 1
    seen = 0
    while index >= 0 and seen < LOOK_BACK:
        sent = r.reg.sents[index]
        index -= 1
        if sent.end > token.i or not narrative(r, sent):
            continue
        seen += 1
        for subject in sentence_subjects(r, sent):
            key = r.reg.alias.get(subject.lower_)
            if subject.pos_ == "PROPN" and key in r.reg.people:
                return key
    return None


def _near_words(r: SpeakerResolver, c: Candidate, role: str | None) -> set[str]:
    """What the article writes with a candidate ("Florida Sen.", "the firm Corveth"), where a
    description's head or modifiers may be found."""
    words = {_word(w) for w in f"{c.name} {role or ''}".split()}
    idx = r.reg.columns.idx
    for offset in c.offsets:
        i = bisect_right(idx, offset) - 1
        for tok in r.reg.doc[max(0, i - NEAR):i + NEAR + 1]:
            words.add(_word(tok.lemma_))
    return words


def _word(text: str) -> str:
    """A word as a description would write it ("Sen." is "senator")."""
    lower = text.lower().strip(".,'’")
    return ABBREVIATIONS.get(lower, lower)


def features(r: SpeakerResolver, token: Token, c: Candidate) -> tuple[float, ...]:
    """The candidate's features for the description at ``token``, in the order of FEATURES."""
    head = token.lemma_.lower()
    person_head = _person_head(token, head)
    body_head = head in BODY_WORDS
    written = c.rules and not c.named
    modifiers = [_word(m.lemma_) for m in token.lefts if m.dep_ in {"amod", "compound", "nmod"}]
    since = _sentences_since(r, token, c)
    gender = gender_of_words([token.lower_])
    return (
        float(c.rules),
        float(c.rules) * math.log1p(since),
        float(c.named),
        float(c.person),
        float(c.person and person_head),
        float(c.named and not c.person and body_head),
        float(written and person_head and head not in UNNAMED_SOURCES),
        float(written and (head in UNNAMED_SOURCES or not person_head)),
        float(_word(head) in c.role),
        float(_word(head) in c.near),
        sum(m in c.near for m in modifiers) / len(modifiers) if modifiers else 0.0,
        math.log1p(since),
        float(c.latest),
        math.log1p(c.salience),
        math.log1p(len(c.offsets)),
        float(c.last_subject),
        float(c.most_mentioned),
        0.0 if gender is None or c.gender is None else 1.0 if gender == c.gender else -1.0,
        float(c.in_quote),
        float(c.spoke),
    )


def _person_head(token: Token, head: str) -> bool:
    """"The senator", "the billionaire", or a modified noun no list knows ("the retired
    neurosurgeon"), not a body, a document or a thing that says."""
    if head in PEOPLE_WORDS or token.lower_ in PEOPLE_WORDS:
        return True
    return head not in BODY_WORDS | ISSUED_NOUNS | SPEAKING_THINGS and token.pos_ == "NOUN" \
        and any(c.dep_ in {"amod", "compound"} for c in token.lefts)


def _sentences_since(r: SpeakerResolver, token: Token, c: Candidate) -> int:
    """Sentences between the candidate's last mention and the description (far when none)."""
    if not c.offsets:
        return FAR
    starts = r.reg.sent_start_chars
    return bisect_right(starts, token.idx) - bisect_right(starts, c.offsets[-1])

