"""Which person a title means: "the minister", "the Ohio senator", "the union's chair" is the
one the article gave that title (of that place, of that body, not a former one), or the
subject just before it, when nothing known of them says otherwise."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.commanding import commanding_subject
from bot.nlp.speakers.names import APPOS, PERSON_TITLES, POSS, definite, gender_of_words
from bot.nlp.speakers.roles import role_head
from bot.nlp.speakers.someone import LISTED, describes_someone
from bot.nlp.speakers.subjects import sentence_subjects
from bot.nlp.speakers.words import (
    ABBREVIATED_TITLES,
    ARTICLES,
    PLURAL_TAGS,
    ROLE_PREPOSITIONS,
    SECOND_RANK,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Person
    from bot.nlp.speakers.resolver import SpeakerResolver

FORMER = "former"
"""A title held no longer ("a former governor"), which "the governor" does not mean."""
PLACE_LABELS = {"GPE", "NORP", "LOC"}
"""What a title's modifier names when it tells one holder from another ("the Ohio governor")."""
TITLES_OR_ARTICLES = TITLE_WORDS | ARTICLES
"""Capitalised words of a role that name no place ("Senator", "The"; ``_placed_alike``)."""
ROLE_MEMO = 10_000
"""How many roles ``role_words`` keeps before starting afresh."""
_role_words: dict[str, tuple[str, ...]] = {}


def title_holder(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The minister": the person last named with that title before, else the one person
    the article gives that title at all ("The judge rubbed his chin" before "Judge Berman"),
    when their role places them nowhere else."""
    read: set[str] = set()  # each person's role read once, at their latest mention
    for mention in r.reg.before(token.idx):
        if mention.speaker.kind != "person" or mention.key in read:
            continue
        read.add(mention.key)
        person = r.reg.people.get(mention.key)
        if person and _titled(person, token):
            return person.speaker()
    if token.lower_ not in PERSON_TITLES:
        return None
    described = described_before(r, token)
    if described is not None:
        return described
    holders = [p for p in r.reg.people.values() if role_head(p.role) == token.lower_ and
               _placed_alike(token, p.role or "") and not _former(role_words(p.role or ""), token)]
    if len(holders) == 1:
        return holders[0].speaker()
    return None


def described_before(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Years ago, the Ohio senator said, …. “…,” the senator said": the person the article
    last called by the same title (the same places), when no one named
    before holds it, rather than the one person it titles so later ("Sen. Mara Lind"), unless
    something known of them says otherwise. An earlier one resolved as a title itself (the
    subject before, a title holder) is passed over: it is these rules' own guess again, and a
    wrong one would feed every later one."""
    places = _proper_modifiers(token)
    for i in reversed(r.reg.columns.lowered([token.lower_])):
        if i >= token.i:
            continue
        earlier = r.reg.doc[i]
        if earlier.pos_ != "NOUN" or not definite(earlier) or r.reg.quoted(earlier.idx) or \
                not places <= _proper_modifiers(earlier):
            continue
        speaker, confidence = r.resolve(earlier)
        person = r.reg.people.get(r.reg.key_of(speaker.name)) \
            if speaker.kind == "person" and confidence != conf.TITLE_HOLDER else None
        if person is not None and _may_describe(r, person, token):
            return person.speaker()
    return None


def subject_before(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Ana Ruiz said …. The lawmaker, who …": a description of one person opening a
    sentence is the person the sentence before was about, when neither sex nor title says
    otherwise."""
    if token.dep_ != "nsubj" or any(c.dep_ == "poss" for c in token.children) or \
            token.lemma_.lower() in LISTED or not describes_someone(token):
        return None
    index = bisect_right(r.reg.sent_start_chars, token.idx) - 1
    if index < 1:
        return None
    subjects = sentence_subjects(r, r.reg.sents[index - 1])
    if not subjects or not _names_someone(subjects[0]):
        return None
    speaker, _ = r.resolve(subjects[0])
    person = r.reg.people.get(speaker.name or "") if speaker.kind == "person" else None
    if person is None or not _may_describe(r, person, token) or \
            not _titled(person, token) and _formal_title(r, token):
        return None  # "the judge" is Judge Marsh, not the lawyer named before her
    return person.speaker()


def sole_holder(r: SpeakerResolver, token: Token, body: str | None = None) -> Speaker | None:
    """"Varga, the finance minister, …. Ruiz, an organiser, …. “…,” the minister said": the
    one person named before whose role is the title (of ``body``, when given), when no one
    else in the article holds it (the subject before, of another role, is not who the title
    means)."""
    holders = [key for key, p in r.reg.people.items() if p.role and _titled(p, token) and
               (body is None or body in role_words(p.role))]
    if len(holders) != 1 or not any(m.key == holders[0] for m in r.reg.before(token.idx)):
        return None
    return r.reg.people[holders[0]].speaker()


def body_title_holder(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The union's chair said": the one person whose role is that title of that body ("chair
    of the dockers' union", from "who chairs the dockers' union")."""
    owner = next((c for c in token.children if c.dep == POSS), None)
    if owner is None or owner.pos != NOUN or not definite(owner) or token.tag_ in PLURAL_TAGS:
        return None
    return sole_holder(r, token, owner.lower_)


def _names_someone(subject: Token) -> bool:
    """A name, or a description with a name set beside it ("Her husband, Abel, said …")."""
    return subject.pos == PROPN or any(c.dep == APPOS and c.pos == PROPN
                                       for c in subject.children)


def _formal_title(r: SpeakerResolver, token: Token) -> bool:
    """Whether the article writes the description as someone's title before their name
    ("Judge Marsh", "Sen. Ruiz"; not "actress Ana Ruiz")."""
    return token.lower_ in PERSON_TITLES and any(
        word == token.lower_ and written[:1].isupper() and
        (written.strip(".,").lower() != word or _capitalised_within(r, written))
        for p in r.reg.people.values() if p.role
        for written, word in zip(p.role.split(), role_words(p.role), strict=True))


def _capitalised_within(r: SpeakerResolver, written: str) -> bool:
    """Whether the title is written capitalised somewhere past a sentence's first word
    ("Actress Eva Lind" opening a paragraph is capitalised only as the sentence's start; an
    abbreviation, "Sen.", is a title wherever it stands and is not asked)."""
    doc = r.reg.doc
    return any(doc[i].text == written and not doc[i].is_sent_start and
               "\n" not in doc[i - 1].whitespace_ + doc[i - 1].text
               for i in r.reg.columns.lowered([written.lower()]))


def _may_describe(r: SpeakerResolver, person: Person, token: Token) -> bool:
    """Whether nothing known of the person contradicts the description: their sex, a title
    of another kind, no past title for "the former …" (a role of another kind, "Ruiz's
    husband", says nothing of one; none at all leaves it to whoever the article gave it), or a
    place their title does not name; nor may they be the subject of a clause it stands inside
    (``commanding``)."""
    if commanding_subject(r, token, person.speaker()):
        return False
    gender = gender_of_words([token.lower_])
    known = r.reg.gender(r.reg.key_of(person.name))
    if gender is not None and known is not None and gender != known:
        return False
    role = role_words(person.role or "")
    if (not role or token.lower_ in role) and any(c.lower_ == FORMER for c in token.lefts):
        return FORMER in role
    if not person.role:
        return True
    if not _proper_modifiers(token) <= set(role):
        return False
    head = role_head(person.role)
    return _titled(person, token) or token.lower_ not in PERSON_TITLES or \
        head not in PERSON_TITLES


def _titled(person: Person, token: Token) -> bool:
    """Whether the person's role gives them this title, abbreviated or not, with the places
    and peoples the description names ("Florida Sen." is "the senator" and "the Florida
    senator", not "the Ohio senator"; "an aide at the company" is no "company")."""
    return any(_gives(role, token) for role in [person.role or "", *person.other_roles])


def _gives(role: str, token: Token) -> bool:
    """Whether one role written for someone gives them this title (``_titled``)."""
    words = role_words(role)
    title = words[:next((i for i, w in enumerate(words) if w in ROLE_PREPOSITIONS), None)]
    return _heads(title, token) and _proper_modifiers(token) <= set(words) and \
        not _former(title, token)


def _heads(title: list[str], token: Token) -> bool:
    """Whether the description's word heads the title: ends it or a title joined to it
    ("President and CEO"), with the same second's rank ("the president" is no "vice
    president", nor the reverse; "the campaign" is no "campaign manager")."""
    if token.lower_ not in title:
        return False  # the usual answer, given before the word's left children are built
    rank = {c.lower_ for c in token.lefts} & SECOND_RANK
    return any(w == token.lower_ and (i + 1 == len(title) or title[i + 1] == "and") and
               rank == {title[i - 1] if i else ""} & SECOND_RANK
               for i, w in enumerate(title))


def _former(title: list[str], token: Token) -> bool:
    """"A former candidate for governor" is no longer "the candidate" (but may be "the former
    candidate")."""
    if any(c.lower_ == FORMER for c in token.lefts):
        return False
    return token.lower_ in title and FORMER in title[:title.index(token.lower_)]


def _placed_alike(token: Token, role: str) -> bool:
    """"The Florida senator" may be the one senator of an article whose role names no place
    ("President"), never one whose role places them elsewhere ("the senator from Vermont")."""
    places = _proper_modifiers(token)
    if places <= set(role_words(role)):
        return True
    return not any(w[:1].isupper() and word not in TITLES_OR_ARTICLES
                   for w, word in zip(role.split(), role_words(role), strict=True))


def role_words(text: str) -> list[str]:
    """A role's words, abbreviated titles written out ("Sen." is "senator"); kept by role:
    a description is checked against every person's roles, the same few roles each time."""
    words = _role_words.get(text)
    if words is None:
        if len(_role_words) >= ROLE_MEMO:
            _role_words.clear()
        split = (w.strip(",.;:()'\"“”’") for w in text.lower().split())
        words = _role_words[text] = tuple(ABBREVIATED_TITLES.get(w, w) for w in split)
    return list(words)


def _proper_modifiers(token: Token) -> frozenset[str]:
    """The places and peoples before a title ("Florida", "Republican" in "the Florida
    Republican senator"; not the owner in "the Okafor aide"), or after it in a "from" phrase
    ("the senator from Florida", as a role reads "senator from Florida")."""
    before = [c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    after = [w for prep in token.rights if prep.dep_ == "prep" and prep.lower_ == "from"
             for place in prep.children if place.dep_ == "pobj" for w in place.subtree]
    return frozenset(c.lower_ for c in before + after if c.ent_type_ in PLACE_LABELS)
