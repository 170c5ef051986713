"""Salience of the people of one article, in the manner of Lappin and Leass (1994): each mention
weighs by its grammatical role, the weights halve with each sentence of narrative, and a
he/she means the most salient person of its gender; one pass per article, in text order."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.columns import LOWER_COLUMN, sorted_ids
from bot.nlp.speakers.names import PERSON_TITLES, definite, gender_of_words
from bot.nlp.speakers.roles import role_head
from bot.nlp.speakers.subjects import narrative
from bot.nlp.speakers.titles import sole_holder
from bot.nlp.speakers.words import JOB_WORDS, KIN, PLURAL_TAGS, PRONOUN_GENDER

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver

RECENCY = 100.0
"""Every mention in the current sentence."""
SUBJECT = 80.0
OBJECT = 50.0
OBLIQUE = 40.0
HEAD = 80.0
"""Not inside another noun phrase (not a possessor, not a compound)."""
NOT_ADVERBIAL = 50.0
"""Not the object of a preposition."""
DOMINANT = 4.0
"""He/she means a person this many times as salient as the last subject rather than them."""
UNKNOWN_GENDER = 0.5
"""A person whose gender the article never shows counts half for he/she."""
PEOPLE_WORDS = JOB_WORDS | KIN | PERSON_TITLES
"""Role words only a person holds ("voter", "cousin", "senator")."""
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
"""A clause's subject, active or passive: where a title stands for its holder."""
FLOOR = 1.0
"""Below this weight a person has left the discourse."""


class Salience:
    """How salient each person of one article is at each point, and whom each he/she means."""

    def __init__(self, r: SpeakerResolver) -> None:
        self.r = r
        self.referents: dict[int, str | None] = {}
        self.snapshots: list[dict[str, float]] = []
        self.events: list[tuple[int, str, float]] = []
        self._people: dict[str, tuple[str | None, bool]] = {}
        self._at = self._mentions()
        pronouns = {i for i in r.reg.columns.lowered(PRONOUN_GENDER)
                    if r.reg.columns.pos[i] == PRON}
        self._points = sorted(pronouns.union(self._at))
        self._weights: dict[str, float] = {}

    def _advance(self, index: int) -> None:
        """Run the pass on through the sentence holding token ``index`` (only as far as asked:
        the rest of the article may never be needed)."""
        reg = self.r.reg
        last = bisect_right(reg.sent_starts, index) - 1
        while len(self.snapshots) <= last:
            self._sentence(reg.sents[len(self.snapshots)])

    def _sentence(self, sent: Span) -> None:
        reg = self.r.reg
        if self._weights and narrative(self.r, sent):
            self._weights = {k: w / 2 for k, w in self._weights.items() if w / 2 >= FLOOR}
        self.snapshots.append(self._weights)  # never changed in place after this
        points = self._points
        here = points[bisect_left(points, sent.start):bisect_left(points, sent.end)]
        if not here:
            return
        weights = self._weights = dict(self._weights)
        added: dict[str, float] = {}
        idx = reg.columns.idx
        for i in here:
            if reg.quoted(idx[i]):
                continue
            tok = reg.doc[i]
            key = self._at.get(i)
            if key is None:
                key = self.referents[i] = self.choose(weights, PRONOUN_GENDER[tok.lower_])
            if key is None:
                continue
            weight = _weight(tok)  # a person counts once a sentence, at their best role
            if weight > added.get(key, 0.0):
                weights[key] = weights.get(key, 0.0) + weight - added.get(key, 0.0)
                added[key] = weight
                self.events.append((i, key, weights[key]))

    def _mentions(self) -> dict[int, str]:
        """Token index → person key of every mention the registry holds, and of every later
        surname or first name it knows, read once when the first he/she asks: people the
        resolver registers after that (mostly capitalised phrases guessed to be people, "Super
        Tuesday") gain no salience, which measured better than rereading (quotes-history.md,
        session 33). A two-word name written in full is its owner's wherever it is written
        ("Ivy Vale", untagged, is not the "Vale" the surname alone means)."""
        reg = self.r.reg
        idx = reg.columns.idx
        people = reg.people.keys() - reg.bodies  # "Harlow Tower" is no one's
        found: dict[int, str] = {}
        for m in reg.mentions:
            i = bisect_left(idx, m.offset)
            if m.speaker.kind == "person" and m.key in people and i < len(idx) and \
                    idx[i] == m.offset:
                found[i] = m.key
        known = [(w, key) for w, key in reg.alias.items()
                 if key in people and reg.credible(key)]
        words = {get_string_id(w): key for w, key in known if " " not in w}
        full = {(get_string_id(first), get_string_id(last)): key for w, key in known
                for first, _, last in [w.partition(" ")] if last and " " not in last}
        cols = reg.columns
        wanted = sorted_ids(set(words) | {last for _, last in full})
        for i in cols.holding(LOWER_COLUMN, wanted):  # "Okafor" again, tagged or not
            if cols.pos[i] != PROPN:
                continue
            key = full.get((cols.lower[i - 1], cols.lower[i])) if i else None
            if key is not None:
                found[i] = key
            elif i not in found and cols.lower[i] in words:
                found[i] = words[cols.lower[i]]
        self._titled_subjects(found, people)
        return found

    def _titled_subjects(self, found: dict[int, str], people: set[str]) -> None:
        """"The senator said …": a title as a subject is a mention of the one person who holds
        it (``titles.sole_holder``), as the name would be."""
        reg = self.r.reg
        for i in reg.columns.lowered(PERSON_TITLES):
            tok = reg.doc[i]
            if i in found or tok.pos != NOUN or tok.dep_ not in SUBJECTS or \
                    tok.tag_ in PLURAL_TAGS or not definite(tok) or reg.quoted(tok.idx):
                continue
            holder = sole_holder(self.r, tok)
            if holder is not None and holder.name in people:
                found[i] = holder.name

    def referent(self, token: Token, gender: str) -> str | None:
        """The person he/she (or a gendered description) at ``token`` means, if anyone fits."""
        self._advance(token.i)
        if token.i in self.referents:
            return self.referents[token.i]
        return self.choose(self.weights_at(token.i), gender)

    def weights_at(self, index: int) -> dict[str, float]:
        """Each person's salience just before token ``index``."""
        self._advance(index)
        sent = bisect_right(self.r.reg.sent_starts, index) - 1
        weights = dict(self.snapshots[sent]) if 0 <= sent < len(self.snapshots) else {}
        start = self.r.reg.sent_starts[sent] if sent >= 0 else 0
        for i, key, weight in self.events:
            if start <= i < index:
                weights[key] = weight
        return weights

    def outweighed(self, token: Token, gender: str, subject: Speaker) -> bool:
        """Whether the person the last sentence was about (``subject``) gives way, for the
        he/she at ``token``, to someone of that gender far more salient: the person the
        paragraphs are about against someone mentioned once, or capitalised words this model
        never took for a person. Only someone the article shows to be of that gender: one it
        never shows may be of the other, and recency is the better guess then."""
        if subject.kind != "person":
            return False
        choice = self.referent(token, gender)
        key = self.r.reg.key_of(subject.name)
        if choice is None or choice == key or self.r.reg.tagged.isdisjoint(choice.split()) or \
                self.r.reg.gender(choice) is None:
            return False
        weights = self.weights_at(token.i)
        if key not in weights and self._introduced(key):
            return False
        return self._score(choice, weights) > DOMINANT * self._score(key, weights)

    def _introduced(self, key: str) -> bool:
        """"One voter, Ivo Marsh, 35, …": a person the registry learnt of from a role set beside
        the name after the pass began, so the pass never weighed them; not outweighed for that."""
        person = self.r.reg.people.get(key)
        head = role_head(person.role) if person is not None else None
        return head is not None and (head in PEOPLE_WORDS or gender_of_words([head]) is not None)

    def _score(self, key: str, weights: dict[str, float]) -> float:
        """Salience for he/she: a person whose gender the article never shows counts half."""
        unknown = self.r.reg.gender(key) is None
        return weights.get(key, 0.0) * (UNKNOWN_GENDER if unknown else 1.0)

    def choose(self, weights: dict[str, float], gender: str) -> str | None:
        """The most salient credible person who may be of ``gender``."""
        best, best_score = None, 0.0
        for key, weight in weights.items():
            known, credible = self._person(key)
            if known is not None and known != gender or not credible:
                continue
            score = weight * (UNKNOWN_GENDER if known is None else 1.0)
            if score > best_score:
                best, best_score = key, score
        return best

    def _person(self, key: str) -> tuple[str | None, bool]:
        """A person's gender and whether they are credible, read once a pass."""
        if key not in self._people:
            self._people[key] = (self.r.reg.gender(key), self.r.reg.credible(key))
        return self._people[key]


def _role(tok: Token) -> str:
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return "subject"
    if tok.dep_ in {"dobj", "attr"}:
        return "object"
    return "oblique"


def _weight(tok: Token) -> float:
    """Recency plus the grammatical role of one mention."""
    role = _role(tok)
    weight = RECENCY + (SUBJECT if role == "subject" else OBJECT if role == "object"
                        else OBLIQUE)
    if tok.dep_ not in {"poss", "compound"}:
        weight += HEAD
    if tok.dep_ != "pobj":
        weight += NOT_ADVERBIAL
    return weight
