"""The people and organisations one article names: full names, aliases, roles, genders, and
every mention in discourse order, for pronouns and descriptions to look back to. Who they are
is found by ``collect`` (with ``name_spans``, ``kin``, ``doubtful`` and ``genders``); the
tables of short forms and of bodies by ``short_forms`` and ``body_index``."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.ingest.accents import unaccented
from bot.models import Speaker
from bot.nlp.speakers.body_index import SPELLINGS, bodies_by_word
from bot.nlp.speakers.body_names import body_name
from bot.nlp.speakers.chunks import NounChunks
from bot.nlp.speakers.collect import collect_people, name_mistagged
from bot.nlp.speakers.columns import Columns, Sentences
from bot.nlp.speakers.doubtful import doubtful_names
from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.genders import gender_cue, infer_genders, named_gender
from bot.nlp.speakers.name_spans import TITLES_OR_HONORIFICS, past_clitic, trimmed_name
from bot.nlp.speakers.names import (
    clean,
    gender_of_words,
    name_text,
    noun_phrase,
    role_of,
    token_span,
    weak_role,
)
from bot.nlp.speakers.roles import Role
from bot.nlp.speakers.short_forms import (
    CLIPPED,
    DOTTED_ACRONYM,
    clippings,
    role_initials,
    spelled_out,
)
from bot.nlp.speakers.words import (
    ACTING,
    CALENDAR_WORDS,
    GENDERED_NOUNS,
    HONORIFICS,
    PLATFORMS,
    PLURAL_TAGS,
    POSSESSIVE_S,
)

GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""What follows a surname to tell a father from a son ("Jr.", "III"): never the surname."""
NAME_OPENERS = " .,;:!?-–—•*“‘\"«„\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Punctuation the recogniser keeps before a name (". Ana Ruiz" after "Col", "-Ana Ruiz"
signing a line, "“Ana Ruiz" opening a quote, with a mark nobody sees glued before it: the
tokenizer keeps a zero-width space, a byte-order mark or a soft hyphen on the quote's first
word): never part of the name's key."""
INITIALS = re.compile(r"(?:[A-Z]\.)+")
"""A first name written as initials ("W.W.", "J.")."""
GENERIC_ROLES = frozenset({"spokesman", "chairman"})
"""A man's words for a post news gives women too ("Hope Vale, the campaign spokesman")."""


@dataclass
class Person:
    name: str
    gender: str | None = None
    role: str | None = None
    """The role as the article first writes it (what descriptions and pronouns read)."""
    shown_role: str | None = None
    """The role as a desk writes it after the name (what a quote's speaker shows)."""
    other_roles: list[str] = field(default_factory=list)
    """Every other role written for them ("campaign manager" before the name, "a veteran
    operative" after it): a title means them if any role gives it."""

    def take_role(self, role: Role | None) -> bool:
        """A written role holds unless it is only a form of address ("Dr"); the one shown is
        the first that is a role at all. True when the written role was taken."""
        if role is None:
            return False
        taken = bool(role.written) and weak_role(self.role)
        for written in (role.title, "" if taken else role.written):
            if written and written != self.role and written not in self.other_roles:
                self.other_roles.append(written)
        if taken:
            self.role = role.written
            self.shown_role = role.shown or self.shown_role
        self.shown_role = self.shown_role or role.shown
        return taken

    def learn_gender(self, words: list[str]) -> bool:
        """A gendered word of a role shows the sex ("chairwoman", "his wife"), unless it is a
        man's word news writes for anyone ("spokesman") and the first name is a woman's: then
        True, the sex is open."""
        if self.gender:
            return False
        gender = gender_of_words(words)
        generic = gender == "m" and named_gender(self.name) == "f" and \
            all(w in GENERIC_ROLES for w in words if w in GENDERED_NOUNS["m"])
        if not generic:
            self.gender = gender
        return generic

    def speaker(self) -> Speaker:
        return Speaker(self.name, "person", self.shown_role)


@dataclass
class Mention:
    """Someone or some group named before a point in the article, for pronouns to find."""

    offset: int
    speaker: Speaker
    subject: bool
    plural: bool = False
    key: str = field(default="")


class Registry:
    """Who one article names, under which names, with which role, and where."""

    def __init__(self, doc: Doc, *, quoted: Callable[[int], bool],
                 speaking: Callable[[Token], bool], columns: Columns | None = None) -> None:
        self.doc = doc
        self.quoted = quoted
        self.speaking = speaking
        self.columns = columns or Columns.of(doc)
        self.people: dict[str, Person] = {}
        self.alias: dict[str, str] = {}
        self.bodies: set[str] = set()
        """Registered names that are a body's (``body_name``), kept as people register: asked
        once a name, read by ``doubtful`` and salience."""
        self.ents: list[Span] = [past_clitic(e) for e in doc.ents]
        self.sent_starts = self.columns.line_starts(doc)
        self.sents = Sentences(doc, self.sent_starts)
        self.sent_start_chars = [self.columns.idx[i] for i in self.sent_starts]
        self._chunks: NounChunks | None = None
        self._nouns: dict[str, list[int]] | None = None
        self._kept: dict[tuple[str, Callable[[Token], bool]], list[int]] = {}
        self.ent_of: dict[int, Span] = {i: e for e in self.ents for i in range(e.start, e.end)}
        self._ent_ends = [e.end for e in self.ents]
        self._bodies: dict[str, list[int]] | None = None
        self.mentions: list[Mention] = []
        self._offsets: list[int] = []
        self.acting: set[str] = set()
        self.tagged: set[str] = set()
        """Words of the names the recogniser tagged as people."""
        self.narratives: dict[int, bool] = {}
        """Whether the sentence starting at a token index has the reporter's own verb."""
        self.subjects: dict[tuple[int, int], list[Token]] = {}
        """The subjects ``subjects.sentence_subjects`` found in the sentence at (start, end)."""
        self.unsure: set[str] = set()
        """People whose first name the article's pronouns contradict: gender unknown."""
        self._expanded: dict[str, str] | None = None
        self._clipped: dict[str, str] | None = None
        self._initialled: dict[str, str] | None = None
        self._names: dict[tuple[int, int], Span] = {}
        self._roles: dict[tuple[int, int], Role | None] = {}
        self._counts: Counter[int] | None = None
        self._text: str | None = None
        self.headlines: dict[int, int] = {}
        """Where the line starting at a character offset ends if it is a headline, else -1,
        read once (``collect``)."""
        self.spans_of: dict[str, list[Span]] = {}
        """Each mention the recogniser tagged, by registered name."""
        self.doubtful: set[str] = set()
        """Names the recogniser took for people that are no one's: never an antecedent."""
        self.kin: set[str] = set()
        """Relatives named in full beside a family word after their surname was written alone:
        never whom the surname alone means ("Ruiz …. her husband, Frank Ruiz": "Ruiz" is she)."""
        self.lead_key: str | None = None
        """The one person the headline line names ("" for none), read once (``lead.py``)."""
        self.lead_org: str | None = None
        """The one organisation the headline line names ("" for none), read once."""
        self.issued: dict[tuple[frozenset[str], bool, int], dict[int, int]] = {}
        """By document words, whether titles count and direction: where to go on from each
        document that named no issuer (``documents.issuer``), so each is read once."""
        self.document_words: dict[tuple[frozenset[str], bool], list[int]] = {}
        """Where the documents of each set of words are named, found once (``documents``)."""
        self.owning_bodies: dict[str, Speaker | None] = {}
        """By document word, the body that owns such a document somewhere, found once."""
        self.statement_runs: dict[int, int] = {}
        """By statement word speaking, the first of its run of the same word speaking again
        (``documents``): 3,000 "“…,” the statement said" in a row are walked once."""
        self.editorial_boards: list[int] | None = None
        """Where "editorial" is hung on a board ("the editorial board"), found once."""
        self.media: tuple[list[int], list[Span]] | None = None
        """Entities named as a news medium and where each ends, found once (``media``)."""
        self.untagged_media: tuple[list[int], list[Speaker]] | None = None
        """Untagged proper names named as a news medium, where and who, found once."""
        self.web_names: list[int] | None = None
        """Platforms and web addresses outside quotes left untagged, found once (``company``):
        "the company" asked it again at each mention."""
        self.headline_end = 0
        """Where the headline line ends, when the article opens with one."""
        self._after_breaks: list[int] | None = None
        self.reporting_subjects: dict[int, bool] = {}
        """Whether the mention at a character offset is the subject of a sentence's reporting
        verb (``antecedents``), read once: each he/she asks of the mentions before it."""
        collect_people(self)
        self.doubtful = doubtful_names(self) | self.bodies
        if self.doubtful:
            self.mentions = [m for m in self.mentions if m.key not in self.doubtful]
        infer_genders(self)

    def source(self) -> str:
        """The text the Doc was parsed from, else rebuilt once: slicing it is cheaper than
        building a span's tokens."""
        if self._text is None:
            self._text = self.columns.text if self.columns.text is not None else self.doc.text
        return self._text

    def text_of(self, span: Span) -> str:
        """``span.text``, sliced from the source text instead of joined from its tokens."""
        return self.source()[span.start_char:span.end_char]

    def phrase(self, token: Token, upto: int | None = None) -> str:
        """``noun_phrase`` of the token, sliced from the source text."""
        return noun_phrase(token, upto, text=self.source())

    def mistagged_name(self, tok: Token) -> str | None:
        """"Marsh replied": the full name a registered surname or first name stands for when
        the tagger read it as a common word (``name_mistagged``), else None."""
        key = self.alias.get(tok.lower_)
        if key is None or " " not in key or key in self.doubtful or \
                not name_mistagged(self, tok):
            return None
        return key

    def chunks_before(self, lemma: str, before: int, *, longer_than: int = 0) -> Iterator[Span]:
        """Noun chunks headed by this lower-cased lemma starting before index ``before``, in
        text order, of more than ``longer_than`` words, each a Span as it is read: the
        article's chunks are found once, as far as any description asks, and indexed by
        length, so "the statement said" thousands of times reads none of the short ones."""
        if self._chunks is None:
            self._chunks = NounChunks(self.doc, self.columns)
        return (Span(self.doc, start, end)
                for start, end in self._chunks.before(lemma, before, longer_than))

    def noun_indexes(self, lemma: str) -> list[int]:
        """Indexes of the nouns with this lower-cased lemma, in text order."""
        return self._noun_index().get(lemma, [])

    def nouns_after(self, lemma: str, after: int) -> list[Token]:
        """Nouns with this lower-cased lemma after index ``after``, in text order."""
        found = self._noun_index().get(lemma, [])
        return [self.doc[i] for i in found[bisect_right(found, after):]]

    def nouns_where(self, lemma: str, keep: Callable[[Token], bool]) -> list[int]:
        """Indexes of the unquoted nouns with this lower-cased lemma that ``keep`` takes, in
        text order: found once per article, not again for every description that asks."""
        found = self._kept.get((lemma, keep))
        if found is None:
            doc = self.doc
            found = self._kept[lemma, keep] = [
                i for i in self._noun_index().get(lemma, [])
                if not self.quoted(doc[i].idx) and keep(doc[i])]
        return found

    def _noun_index(self) -> dict[str, list[int]]:
        if self._nouns is None:
            self._nouns = self.columns.nouns(self.doc)
        return self._nouns

    def body_called(self, word: str, before: int) -> Span | None:
        """The last organisation, place or building named in two words or more that "the
        ``word``" (lower case) may stand for, ending at or before token ``before``, outside
        quotes: its last word is ``word``, or the word before its first "of" or "for" is ("the
        center" after "the Centre for Coastal Studies"). The names are indexed by those words
        once (``body_index``)."""
        if self._bodies is None:
            self._bodies = bodies_by_word(self)
        found = self._bodies.get(SPELLINGS.get(word, word), [])
        at = bisect_left(found, bisect_right(self._ent_ends, before))
        return self.ents[found[at - 1]] if at else None

    def ents_before(self, index: int) -> list[Span]:
        """Entities ending at or before token ``index``, latest first (no scan of them all)."""
        return self.ents[:bisect_right(self._ent_ends, index)][::-1]

    def is_person(self, token: Token) -> bool:
        ent = self.ent_of.get(token.i)
        return ent is not None and ent.label_ == "PERSON"

    def name_span(self, ent: Span) -> Span:
        """The entity without a possessive 's or leading titles, with a lost first name back."""
        key = (ent.start, ent.end)
        if key not in self._names:
            self._names[key] = trimmed_name(self, ent)
        return self._names[key]

    def role_of(self, span: Span) -> Role | None:
        """``role_of`` the name span, read once (a speaker's name is resolved again and again)."""
        key = (span.start, span.end)
        if key not in self._roles:
            self._roles[key] = role_of(span, self.source())
        return self._roles[key]

    def key_of(self, name: str | None) -> str:
        """The registry's key for a name as written: the full name a surname or alias stands for."""
        return self.alias.get((name or "").lower(), name or "")

    def known_as(self, text: str) -> str | None:
        """The registered person a name as written is: its full name's, else its surname's
        holder, unless the name gives that holder another first name (``another_holder``)."""
        key = self.alias.get(text.lower())
        if key is not None or self.another_holder(text):
            return key
        return self.alias.get(text.split()[-1].lower())

    def another_holder(self, text: str) -> bool:
        """"Jeb Bush" after "George Bush": a known first name before a surname registered
        for someone named in full by another first name is a second person of that surname."""
        words = text.split()
        key = self.alias.get(words[-1].lower()) if len(words) > 1 else None
        first = words[0]
        return key is not None and " " in key and first[:1].isupper() and \
            first.lower() not in TITLES_OR_HONORIFICS and first_name_gender(first) is not None \
            and unaccented(first) not in unaccented(key).split()

    def register(self, text: str) -> Person:
        """The canonical person: a surname or first name maps to the full name first given."""
        key = text.strip().lstrip(NAME_OPENERS) or text.strip()  # a mark alone stays itself
        canonical = self.alias.get(key.lower())
        if canonical:
            return self.people[canonical]
        parts = key.split()
        if len(parts) == 1:
            for full, person in self.people.items():
                if key in full.split() and not (full in self.kin and full.endswith(" " + key)):
                    self.alias[key.lower()] = full
                    return person
        elif (surname := _surname(parts)) in self.people:
            return self.people[self.lengthen(surname, key)]
        elif (same := self._written_otherwise(parts)) is not None:
            self.alias[key.lower()] = same
            return self.people[same]
        person = self.people.setdefault(key, Person(key))
        if body_name(key):
            self.bodies.add(key)
        self.alias[key.lower()] = key
        if len(parts) > 1 and key not in self.kin:
            self.alias.setdefault(_surname(parts).lower(), key)
        return person

    def _written_otherwise(self, parts: list[str]) -> str | None:
        """"Ana M. Ruiz" after "Ana Ruiz", "Ruiz Vale" after "Ana Ruiz Vale": the one person
        registered under the same first name and surname, one of the two names with a middle
        name, or under a longer name ending in these words; none when two would fit ("George
        Bush" after "George W. Bush" and "George H. Bush")."""
        found = {full for full in self.people if _same_name(full.split(), parts)}
        return found.pop() if len(found) == 1 else None

    def owner(self, span: Span, person: Person) -> Person:
        """"Mrs. Harlow" after "John Harlow" and "Mary Harlow" is Mary: a surname alone that
        several people registered in full share is the first of them whose gender fits the
        Mr, Mrs, Ms or gendered title written before it; with no such word, or none fitting,
        the person the alias gives."""
        if len(span) != 1 or span.start == 0 or " " not in person.name:
            return person
        cue = gender_cue(self.doc[span.start - 1])
        if cue is None or self.gender(person.name) == cue:
            return person
        word = span[0].text
        return next((p for p in self.people.values() if " " in p.name and
                     p.name.rsplit(" ", 1)[1] == word and self.gender(p.name) == cue), person)

    def learn_from_mention(self, person: Person, span: Span) -> None:
        prev = self.doc[span.start - 1] if span.start > 0 else None
        if prev is not None and not person.gender:
            person.gender = HONORIFICS.get(prev.text.lower())
        role = self.role_of(span)
        person.take_role(role)
        self._gender_of_role(person, role)

    def _gender_of_role(self, person: Person, role: Role | None) -> None:
        """The sex a written role shows (``Person.learn_gender``); left open where a man's word
        for the post and a woman's first name disagree."""
        if role and role.written and person.learn_gender(role.written.lower().split()):
            self.unsure.add(person.name)

    def add_mention(self, token: Token, name: str, *, kind: str = "person",
                    ordered: bool = True) -> None:
        """A mention of ``name`` at ``token`` (``ordered=False``: the caller sorts after)."""
        if name in self.doubtful:
            return
        speaker = Speaker(name, kind, self.people[name].shown_role if name in self.people else None)
        subject = token.dep_ == "nsubj" and self.speaking(token.head)
        if token.dep_ in ACTING:
            self.acting.add(name)
        mention = Mention(token.idx, speaker, subject, plural=token.tag_ in PLURAL_TAGS, key=name)
        if ordered:  # after any mention at the same offset, as a stable sort would put it
            insort_right(self.mentions, mention, key=_offset)
        else:
            self.mentions.append(mention)

    def lengthen(self, short: str, full: str) -> str:
        """A surname registered alone becomes the full name once it is seen in full."""
        person = self.people.pop(short)
        person.name = full
        self.people[full] = person
        self.bodies.discard(short)
        if body_name(full):
            self.bodies.add(full)
        for key, target in list(self.alias.items()):
            if target == short:
                self.alias[key] = full
        self.alias[full.lower()] = full
        for mention in self.mentions:
            if mention.key == short:
                mention.key = full
                mention.speaker = person.speaker()
        return full

    def org_name(self, ent: Span) -> str:
        """"Duravia's defence ministry", not just the "defence ministry" the recogniser saw."""
        start = self.name_span(ent).start
        before = self.doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in POSSESSIVE_S and start > 1 and \
                self.doc[start - 2].dep_ == "poss" and self.doc[start - 2].pos_ == "PROPN":
            start -= 2
        return self.expand(clean(self.text_of(self.doc[start:self.name_span(ent).end])))

    def expand(self, name: str) -> str:
        """An acronym the article also spells out ("the PFA" after "the Port Freight
        Association") is that organisation's full name; any other name is kept."""
        letters = name.removeprefix("the ").removeprefix("The ")
        if DOTTED_ACRONYM.fullmatch(letters):  # "the F.B.H." as "the FBH"
            letters = letters.replace(".", "")
        if CLIPPED.fullmatch(letters):
            if self._clipped is None:
                self._clipped = clippings(self.ents)
            return self._clipped.get(letters, name)
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            return name
        if self._expanded is None:
            self._expanded = spelled_out(self.ents)
        return self._expanded.get(letters, name)

    def titled_by(self, name: str) -> Person | None:
        """"The IG review" after "the State Department inspector general, Steve Linick": an
        acronym no body's name spells out stands for the one person whose role ends in
        lower-case words with its initials."""
        letters = name.removeprefix("the ").removeprefix("The ")
        if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()) or \
                self.expand(letters) != letters:
            return None
        if self._initialled is None:
            self._initialled = role_initials(self)
        holder = self._initialled.get(letters)
        return None if holder is None else self.people.get(holder)

    def person_speaker(self, token: Token, name: str) -> Speaker:
        ent = self.ent_of.get(token.i)
        span = self.name_span(ent) if ent is not None and ent.label_ == "PERSON" \
            else token_span(token, name_text(token, None))
        person = self.owner(span, self.people[name])
        role = self.role_of(span)
        if person.take_role(role):
            self._gender_of_role(person, role)
        if person.name in self.doubtful:  # "The Blaze said": its words, not a person's
            platform = person.name.lower() in PLATFORMS  # "Twitter said": the company's
            return Speaker(person.name, "organisation" if platform else "unnamed")
        speaker = person.speaker()
        self.remember(token, speaker)
        return speaker

    def not_a_name(self, token: Token, text: str) -> bool:
        """A word the recogniser did not tag as a person that is no one's name: a day or month,
        a word it tagged as something else here or elsewhere (and never as a person), a plural
        ("Republicans said"), or a word the article also writes in lower case (a sentence
        opening "Editor", "Poll")."""
        if " " in text:  # "Marina Fang" tagged a place is still a name
            return False
        ent = self.ent_of.get(token.i)
        if ent is not None and ent.label_ != "PERSON":
            return True
        lower = text.lower()
        if lower in CALENDAR_WORDS or self._labelled_otherwise(text):
            return True
        if token.tag_ in PLURAL_TAGS and lower.endswith("s") and not lower.endswith("ss"):
            return True
        return lower != text and first_name_gender(text) is None and \
            get_string_id(lower) in self.word_counts()

    def word_counts(self) -> Counter[int]:
        """How often each word (as spaCy's hash of its text) stands in the article, counted once."""
        if self._counts is None:
            self._counts = Counter(self.columns.orth)
        return self._counts

    def _labelled_otherwise(self, word: str) -> bool:
        """The recogniser tags the word, where it tags it, as a place or a body, never a person."""
        labels = {e.label_ for e in self.ents if e.text == word}
        return bool(labels) and "PERSON" not in labels

    def initialled_body(self, name: str) -> bool:
        """"W.W. Norton": a name of initials and one word that the recogniser tags, where it
        tags it, as a place or a body, never a person, is a body's (a firm named after its
        founder), not the person the last word is the surname of."""
        words = name.split()
        return len(words) > 1 and all(INITIALS.fullmatch(w) for w in words[:-1]) and \
            self._labelled_otherwise(name)

    def place_named(self, word: str) -> bool:
        """The recogniser tags the word, where it tags it, only as a country, state or town."""
        return {e.label_ for e in self.ents if e.text == word} == {"GPE"}

    def credible(self, key: str) -> bool:
        """A full name, or a one-word name seen acting in a clause or with a role: not a
        platform or a group the recogniser took for a person ("took to Twitter", "Latinos")."""
        person = self.people.get(key)
        return person is not None and (" " in person.name or person.name in self.acting
                                       or not weak_role(person.role))

    def remember(self, token: Token, speaker: Speaker) -> None:
        if speaker.kind == "person" and speaker.name and token.dep_ in ACTING:
            self.acting.add(speaker.name)
        if speaker.name in self.doubtful:
            return
        offsets = self.offsets()
        at = bisect_left(offsets, token.idx)
        if at == len(offsets) or offsets[at] != token.idx:
            insort_right(self.mentions, Mention(token.idx, speaker, True,
                                                plural=token.tag_ in PLURAL_TAGS,
                                                key=speaker.name or ""), key=_offset)

    def before(self, offset: int) -> list[Mention]:
        index = bisect_left(self.offsets(), offset)
        return list(reversed(self.mentions[:index]))

    def paragraph_sentences(self) -> list[int]:
        """Indexes (into ``sent_starts``) of the sentences right after a line break, in order,
        found once when first asked: a pronoun's candidates each ask whether one is between."""
        if self._after_breaks is None:
            breaks = set(self.columns.with_line_breaks(self.doc))
            self._after_breaks = [s for s, start in enumerate(self.sent_starts)
                                  if start - 1 in breaks]
        return self._after_breaks

    def offsets(self) -> list[int]:
        """The mentions' offsets in order, rebuilt only when a mention was added."""
        if len(self._offsets) != len(self.mentions):
            self._offsets = [m.offset for m in self.mentions]
        return self._offsets

    def gender(self, key: str) -> str | None:
        """What the article shows (Mr/Ms, a role, the pronouns after them), else the gender
        of the first name."""
        person = self.people.get(key)
        if person is None or person.name in self.unsure:
            return None
        return person.gender or named_gender(person.name)


def _surname(parts: list[str]) -> str:
    """The last word of a name before a generation's mark ("Biden" in "Joseph R. Biden Jr.")."""
    if len(parts) > 2 and parts[-1].lower().rstrip(".,") in GENERATIONS:
        return parts[-2].rstrip(",")
    return parts[-1]


def _same_name(full: list[str], parts: list[str]) -> bool:
    """Whether two names of two words or more are one person's written with and without a
    middle name, or the second the end of the first."""
    if len(full) < 2 or full[-1] != parts[-1] or len(full) == len(parts):
        return False
    shorter, longer = sorted((full, parts), key=len)
    return shorter[0] == longer[0] and len(shorter) == 2 or full[-len(parts):] == parts


_offset = attrgetter("offset")
"""A mention's offset, read in C: ``insort_right`` asks it at each step of every insert."""
