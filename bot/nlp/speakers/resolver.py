"""Resolving the subject of a reporting verb to a speaker, with how sure we are."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.parts_of_speech import NOUN, PRON, PROPN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.models import Speaker
from bot.nlp.speakers import (
    appositives,
    bodies,
    descriptions,
    documents,
    group_pronouns,
    last_person,
    pronouns,
    writer,
)
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.columns import Columns
from bot.nlp.speakers.name_spans import fuller_name
from bot.nlp.speakers.names import (
    WHEN_LABELS,
    clitic,
    looks_like_person,
    modal_name,
    name_text,
    nominal_subject,
    token_span,
)
from bot.nlp.speakers.not_meant import addressed
from bot.nlp.speakers.registry import Registry
from bot.nlp.speakers.salience import Salience
from bot.nlp.speakers.words import (
    FINITE_TAGS,
    ORG_LABELS,
    ORG_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    SHARES,
    TITLE_WORDS,
)

RELCL = get_string_id("relcl")
NAMING_DEPS = frozenset({get_string_id("appos"), get_string_id("compound")})
WRITERS_OWN = frozenset({"i", "me", "my"})
"""The narrative's first person singular, as subject ("I"), in "let me say" or owning a view
("my view is that …"): the writer's own (``writer.py``)."""
WHO = get_string_id("who")
"""Read as hashes: every subject resolved is first asked for a "who" clause (``_who_means``)."""


class SpeakerResolver:
    """Resolves subject tokens of one article to speakers, remembering who was mentioned."""

    def __init__(self, doc: Doc, *, quoted: Callable[[int], bool],
                 speaking: Callable[[Token], bool],
                 subject: Callable[[Token], Token | None] | None = None,
                 columns: Columns | None = None, byline: str | None = None) -> None:
        self.reg = Registry(doc, quoted=quoted, speaking=speaking, columns=columns)
        self.subject = subject or nominal_subject
        self._resolving: set[int] = set()
        self.cycles = 0
        """How often a rule led back to a token being resolved (found no one there, this time)."""
        self._settled: dict[int, tuple[Speaker, float]] = {}
        """He/she resolved on their own, as a rule looking back to them finds them: a chain of
        "…," she said. would otherwise be followed afresh, one level deeper, for each quote."""
        self._salience: Salience | None = None
        self._writer: tuple[Speaker | None] | None = None
        """The person the article names as its writer (``writer.py``), found at the first "I"."""
        self._sign_offs: tuple[list[int], list[Speaker | None]] | None = None
        """Lines that sign what is above them (``writer.sign_offs``), found at the first "I"."""
        self._bylined = writer.bylined(byline)
        self._interview: tuple[list[tuple[int, int]], Speaker | None] | None = None
        """A transcript's answers and who gives them (``writer.interview``), found at the
        first "I"."""
        self.withheld: set[str] = set()
        """Sources the article says it does not name, as written: a he/she after one stays."""
        self._unnamed: dict[int, tuple[Speaker, float]] = {}
        """Common-noun subjects every rule left as the words themselves ("the official"), asked
        on their own: prime resolves each reporting verb's subject and each quote's reading
        asks again, running every rule of ``descriptions.nominal`` a second time."""

    def salience(self) -> Salience:
        """How salient each person is where, built at the first he/she that needs it."""
        if self._salience is None:
            self._salience = Salience(self)
        return self._salience

    def outweighed(self, token: Token, gender: str, subject: Speaker) -> bool:
        """Whether he/she at ``token`` means someone far more salient than the last subject
        (salience.py); no pass is run when no one else of that gender could be meant."""
        key = self.reg.key_of(subject.name)
        if subject.kind != "person" or not any(
                name != key and self.reg.gender(name) in (None, gender) and
                not self.reg.tagged.isdisjoint(name.split()) for name in self.reg.people):
            return False
        return self.salience().outweighed(token, gender, subject)

    def prime(self, subjects: list[Token]) -> None:
        """Resolve named and nominal subjects up front, so pronouns can look back to them."""
        for token in subjects:
            if token.pos_ != "PRON":
                self.resolve(token)

    def resolve(self, token: Token) -> tuple[Speaker, float]:
        """A speaker for the subject ``token`` and how sure we are (0..1)."""
        token = _who_means(_written_onto(token))
        if token.i in self._resolving:  # a rule led back to a token it is resolving
            self.cycles += 1
            return Speaker(None, "unknown"), conf.UNKNOWN
        top = not self._resolving
        known = self._unnamed.get(token.i) if top else self._settled.get(token.i)
        if known is not None:
            return known
        self._resolving.add(token.i)
        try:
            found = self._resolve(token)
        finally:
            self._resolving.discard(token.i)
        if token.pos == NOUN and self._own_object(token, found[0]):
            found = descriptions.as_written(self, token)
        if top and token.lower_ in PRONOUN_GENDER:
            self._settled[token.i] = found
        elif top and token.pos == NOUN and found[1] == conf.DESCRIPTION:
            self._unnamed[token.i] = found
        return found

    def _resolve(self, token: Token) -> tuple[Speaker, float]:
        lower = token.lower_
        if lower in PRONOUN_GENDER:
            return pronouns.pronoun(self, token, PRONOUN_GENDER[lower])
        if lower in PLURAL_PRONOUNS:
            return group_pronouns.group(self, token, plural=True)
        if lower in ORG_PRONOUNS:
            return group_pronouns.group(self, token, plural=False)
        if lower in WRITERS_OWN and not self.reg.quoted(token.idx):
            return self._writers_own(token)
        if token.pos_ == "PRON":
            return Speaker(None, "unknown"), conf.UNKNOWN
        if last_person.one_named(token) or self._titled_beside(token):  # "One of his advisers,
            return descriptions.nominal(self, token)  # Tad Devine, said"; "Acme's CEO, X,"
        if token.like_num and appositives.named_past_clause(self, token):
            return descriptions.nominal(self, token)  # "One of her donors who backs Y, X,"
        if token.like_num or token.ent_type_ in SHARES:  # "Six in 10 say", "Nearly half said"
            poll = documents.respondents_poll(self, token)
            if poll is not None:
                return poll, conf.EARLIER_DESCRIPTION
            return Speaker(self.reg.phrase(token), "unnamed"), conf.DESCRIPTION
        if _aged(token):  # "the 46-year-old said"
            person = descriptions.described_person(self, token)
            if person is not None:
                return person, conf.DESCRIBED_PERSON
        ent = self.reg.ent_of.get(token.i)
        if ent is not None and ent.label_ == "NORP" and _definite(token):
            country = bodies.nation_of(self, token)
            if country is not None:
                return country, conf.EARLIER_DESCRIPTION
            return descriptions.nominal(self, token)
        key = self._modal_surname(token)
        if key is not None:
            return self.reg.person_speaker(token, key), conf.KNOWN_NAME
        if token.pos_ == "PROPN" and not token.text.islower() or ent is not None:
            return self.proper(token, ent)
        key = self.reg.mistagged_name(token)
        if key is not None:
            return self.reg.person_speaker(token, key), conf.KNOWN_NAME
        return descriptions.nominal(self, token)

    def named_writer(self, token: Token) -> Speaker | None:
        """The writer the article names, when ``token`` is the narrative's "I" ("me", "my");
        else None."""
        if token.lower_ not in WRITERS_OWN or self.reg.quoted(token.idx):
            return None
        speaker, _ = self._writers_own(token)
        return speaker if speaker.name is not None else None

    def _writers_own(self, token: Token) -> tuple[Speaker, float]:
        """The narrative's "I": in an interview's answer the person interviewed; else the
        author of the excerpt the article says it is, else the writer the next sign-off
        names, else the byline's; else no one."""
        answering = self._answering(token)
        if answering is not None:
            found = answering[0]
        else:
            if self._writer is None:
                self._writer = (writer.excerpts_writer(self),)
            found = self._writer[0] or self._signed(token)
        return (found, conf.WRITER) if found is not None else \
            (Speaker(None, "unknown"), conf.UNKNOWN)

    def _answering(self, token: Token) -> tuple[Speaker | None] | None:
        """Who gives the interview's answer ``token`` is in (None inside: no one known);
        None when it is in no answer."""
        if self._interview is None:
            self._interview = writer.interview(self)
        answers, interviewed = self._interview
        at = bisect_left(answers, (token.i + 1,)) - 1
        return (interviewed,) if at >= 0 and token.i < answers[at][1] else None

    def _signed(self, token: Token) -> Speaker | None:
        """The writer of the first sign-off below ``token`` (a signature under its letter, a
        closing line), else the byline's; a sign-off of several signers names no one."""
        if self._sign_offs is None:
            found = writer.sign_offs(self)
            self._sign_offs = ([i for i, _ in found], [w for _, w in found])
        starts, writers = self._sign_offs
        at = bisect_left(starts, token.i)
        return writers[at] if at < len(starts) else self._bylined

    def _own_object(self, token: Token, speaker: Speaker) -> bool:
        """"The minister told Berg …": a description or title is never the person its own verb
        tells, asks or speaks to, whichever rule led there."""
        return speaker.kind == "person" and speaker.name is not None and \
            self.reg.key_of(speaker.name) in addressed(self, token)

    def _modal_surname(self, token: Token) -> str | None:
        """The registered person whose surname a "May" or "Will" read as a modal is."""
        if not modal_name(token):
            return None
        key = self.reg.alias.get(token.lower_)
        return key if key is not None and " " in key and key not in self.reg.doubtful else None

    def _titled_beside(self, token: Token) -> bool:
        """"The Brightline Group's CEO, Dana Whitfield, said": a title the recogniser tagged as
        an organisation, with a person's name beside it, is that person's role."""
        return token.lower_ in TITLE_WORDS and not self.reg.is_person(token) and any(
            c.dep_ == "appos" and self.reg.is_person(c) for c in token.children)

    def proper(self, token: Token, ent: Span | None) -> tuple[Speaker, float]:
        if ent is not None and (_holds_a_clause(ent) or ent.label_ in WHEN_LABELS):
            ent = None  # "“…,” Trump assured Jones": one "work of art" over subject and object;
            # "On Friday, Vale said": a date tagged over the name names no one
        text = self.reg.text_of(self.reg.name_span(ent)) if ent is not None else \
            name_text(token, None)
        company = bodies.organisation_called(self, token, text)
        if company is not None:
            self.reg.remember(token, company)
            return company, conf.SHORT_NAME
        known = self.reg.known_as(text)
        if known and " " not in known and text.endswith(" " + known):
            known = self.reg.lengthen(known, text)
        if known:
            return self.reg.person_speaker(token, known), conf.KNOWN_NAME
        if ent is not None and ent.label_ == "PERSON" or looks_like_person(token) or \
                self.reg.another_holder(text):
            return self.reg.person_speaker(token, self.reg.register(text).name), conf.NEW_PERSON
        fuller = fuller_name(self.reg, token, text)
        if fuller != text and ent is not None and ent.label_ in ORG_LABELS and \
                self.reg.initialled_body(fuller):  # "Norton" after the firm "W.W. Norton"
            speaker = Speaker(fuller, "organisation")
            self.reg.remember(token, speaker)
            return speaker, conf.ORGANISATION_ENTITY
        if fuller != text:
            return self.reg.person_speaker(token, self.reg.register(fuller).name), conf.FULLER_NAME
        if ent is not None and ent.label_ in ORG_LABELS or text.isupper():
            if token.pos_ != "PROPN" and token.tag_ in {"NNS", "NN"}:
                return descriptions.nominal(self, token)
            holder = self.reg.titled_by(text)
            speaker = holder.speaker() if holder is not None else Speaker(
                self.reg.org_name(ent) if ent is not None else self.reg.expand(text),
                "organisation")
            self.reg.remember(token, speaker)
            return speaker, conf.ORGANISATION_ENTITY
        if self.reg.not_a_name(token, text):  # "Thursday", "Republicans": no one to look back to
            return Speaker(text, "unnamed"), conf.DESCRIPTION
        person = self.reg.register(text)
        self.reg.learn_from_mention(person, token_span(token, text))
        return self.reg.person_speaker(token, person.name), conf.GUESSED_PERSON

    def person_named(self, text: str) -> Speaker | None:
        """The person an article calls ``text`` (full name, surname or first name), if any."""
        words = text.split()
        key = self.reg.alias.get(text.lower()) or self.reg.alias.get(words[-1].lower())
        if key is not None and len(words) > 1 and words[0].lower() not in key.lower().split():
            return None  # "Bill Clinton" is not the "Hillary Clinton" the article has
        if key is None:
            cols = self.reg.columns
            for i in cols.written(words[-1], len(cols.orth)):
                if cols.pos[i] == PROPN and not self.reg.quoted(cols.idx[i]):
                    speaker, _ = self.resolve(self.reg.doc[i])
                    return speaker if speaker.kind == "person" else None
            return None
        person = self.reg.people[key]
        return person.speaker()

    def last_person(self, offset: int, since: int = 0) -> Speaker | None:
        """The person last seen as a sentence's subject before ``offset``, else last mentioned
        (only from ``since`` on)."""
        return last_person.last_person(self, offset, since)


def _written_onto(token: Token) -> Token:
    """"He’s said", "officials who’ve said": a clitic the parser made the subject stands for
    the pronoun it is written onto, "who" for the noun before it."""
    if not clitic(token) or token.doc[token.i - 1].pos != PRON:
        return token
    host = token.doc[token.i - 1]
    before = token.doc[host.i - 1] if host.i > 0 else host
    return before if host.lower == WHO and before.pos in {NOUN, PROPN} else host


def _holds_a_clause(ent: Span) -> bool:
    """An entity the recogniser ran over a finite verb and its subject ("Ruiz assured Vale"
    tagged one work of art) names no one as a whole; its subject is read on its own."""
    return ent.label_ not in {"PERSON", "ORG"} and any(
        t.pos == VERB and t.tag_ in FINITE_TAGS and t.dep_ == "ROOT" for t in ent)


def _definite(token: Token) -> bool:
    """"The Wisconsin Republican" describes someone; "Republicans" or "Democrat Ann Ray" do not."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _aged(token: Token) -> bool:
    """"The 46-year-old": a person the article has named, described by age."""
    return token.lower_ == "old" and _definite(token) and \
        any(c.lower_ == "year" for c in token.children)


def _who_means(token: Token) -> Token:
    """"Ana Ruiz, an analyst at Corveth, who said …": the parser hangs a "who" clause off the
    nearest noun (a firm, a town, a second description); "who" is a person, so the name that
    noun phrase describes."""
    if token.pos == PROPN and token.ent_type_ in {"", "PERSON"} or not any(
            c.dep == RELCL and any(w.lower == WHO for w in c.children)
            for c in token.children):
        return token
    if token.pos == NOUN and any(c.dep in NAMING_DEPS and c.pos == PROPN
                                 for c in token.children):
        return token  # "his friend Ana Ruiz, who …": named in its own phrase
    current = token
    for _ in range(4):
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            current = current.head.head
        elif current.dep_ in {"appos", "conj"} and current.head.i < current.i:
            current = current.head
        else:
            break
        if current.pos_ == "PROPN" and current.ent_type_ in {"", "PERSON"}:
            return current
    named = [c for c in current.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return named[0] if named and current is not token else token


