"""He, she: the person a pronoun means, from the sentences before it (it and they:
``group_pronouns``)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers import antecedents
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.names import gender_of_words, nominal_subject, weak_role
from bot.nlp.speakers.not_meant import addressed, named_in_quote, named_in_report, speech_tag
from bot.nlp.speakers.subjects import narrative, owner, predicated, sentence_subjects
from bot.nlp.speakers.withheld import named_before_as_withheld, withheld
from bot.nlp.speakers.words import (
    FINITE_TAGS,
    HONORIFICS,
    PRONOUN_GENDER,
    TITLE_WORDS,
)

LAST_SUBJECT_SPAN = 12
"""Sentences he/she looks back over for the last subject of its gender ..."""
LAST_SUBJECT_NARRATIVE = 5
"""... of which at most this many narrative ones (quote-only sentences are not counted)."""
QUESTION_WORDS = {"whether", "if", "what", "why", "how", "who", "when", "where", "which"}
"""Words opening the question a verb of asking puts ("asked Ruiz whether …")."""
TIME_LABELS = {"DATE", "TIME"}
"""Entity labels of a day or a time, which is no one."""

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver


def pronoun(r: SpeakerResolver, token: Token, gender: str) -> tuple[Speaker, float]:
    named = named_in_quote(r, token) | named_in_report(r, token) | addressed(r, token)
    return antecedents.ranked(r, token, gender, by_rules(r, token, gender, named), named)


def by_rules(r: SpeakerResolver, token: Token, gender: str, named: set[str]
             ) -> tuple[Speaker, float]:
    """The last subject of that gender, else the most salient person of it (the ranker's
    baseline, and one of its features)."""
    salient = last_subject(r, token, gender)
    if salient is not None and r.reg.key_of(salient.name) in named:
        salient = None  # "“Ruiz has lost her way,” he said": not Ruiz
    conjoined = _conjoined_subject(r, token, gender, named)
    if conjoined is not None:
        return conjoined, conf.SALIENT_PRONOUN
    if salient is not None and (not r.outweighed(token, gender, salient) or
                                _spoke_just_before(r, token, salient)):
        return salient, conf.SALIENT_PRONOUN
    key = r.salience().referent(token, gender)  # else the most salient of that gender
    if key in named:
        weights = r.salience().weights_at(token.i)
        key = r.salience().choose({k: w for k, w in weights.items() if k not in named}, gender)
    person = r.reg.people.get(r.reg.key_of(key))
    if person is not None:
        return person.speaker(), conf.SALIENCE_PRONOUN
    return Speaker(None, "unknown"), conf.UNKNOWN


def _spoke_just_before(r: SpeakerResolver, token: Token, speaker: Speaker) -> bool:
    """Whether ``speaker`` heads a reporting verb in the narrative sentence just before the
    pronoun's ("Ivo Marsh, a pastor backing Vale, said he had called 150 others. He has …"):
    the one speaking goes on, however often the article names the person spoken of."""
    index = bisect_right(r.reg.sent_starts, token.i) - 1
    key = r.reg.key_of(speaker.name)
    for sent in reversed(r.reg.sents[max(0, index - LAST_SUBJECT_SPAN):index]):
        if not narrative(r, sent):
            continue
        return any(_named_speaker(r, t, key) for t in sentence_subjects(r, sent))
    return False


def _named_speaker(r: SpeakerResolver, subject: Token, key: str) -> bool:
    """The subject of a reporting verb is the person ``key`` by name, or by a name set beside
    it; not by a he/she or a title the rules guessed, which salience may yet correct."""
    if subject.pos == PRON or not r.reg.speaking(subject.head):
        return False
    speaker, confidence = r.resolve(subject)
    return speaker.kind == "person" and confidence >= conf.APPOSITIVE and \
        r.reg.key_of(speaker.name) == key


def _conjoined_subject(r: SpeakerResolver, token: Token, gender: str,
                       named: set[str]) -> Speaker | None:
    """"The veteran unionist gave Berg some credit, but he suggested …": he/she, the subject
    of a verb conjoined to one whose subject (a name or a description) is a person of that
    gender, is that person, however often the article names someone else."""
    if token.dep_ != "nsubj" or token.head.dep_ != "conj":
        return None
    first = nominal_subject(token.head.head)
    if first is None or first.i > token.i or first.pos_ not in {"PROPN", "NOUN"} or \
            r.reg.quoted(first.idx):
        return None
    speaker = if_gender(r, first, gender)
    if speaker is None or speaker.kind != "person" or r.reg.key_of(speaker.name) in named:
        return None
    return speaker


def last_subject(r: SpeakerResolver, token: Token, gender: str) -> Speaker | None:
    """He/she after a sentence whose subject is someone of that gender means that someone.

    The subject of the last sentence of narrative (quotes skipped) is the most salient
    person: "Kaminska was more cautious. She said …", "The driver, Stephen Hale, told the
    inquest that Mr Carvalho … “…,” he said" (Hale, not Carvalho).
    """
    topic = _fitting(r, _topic(token), gender)
    if topic is not None:
        return topic
    sents = r.reg.sents
    index = bisect_right(r.reg.sent_starts, token.i) - 1
    seen = 0
    reported: list[Token] = []
    for sent in reversed(sents[max(0, index - LAST_SUBJECT_SPAN):index + 1]):
        if not narrative(r, sent) or _after_title(sent) and sent.end <= token.i:
            continue
        seen += 1
        if seen > LAST_SUBJECT_NARRATIVE:
            break
        subjects = [t for t in sentence_subjects(r, sent) if t.i < token.i]
        if sent.end > token.i:
            subjects = _governing(r, token) + subjects
        elif speech_tag(r, token):
            subjects = _asked(subjects) + subjects
        if all(t.pos_ == "PRON" and t.lower_ not in PRONOUN_GENDER for t in subjects):
            subjects = inner_subjects(r, sent, token) or predicated(r, sent, token)
        if not subjects and sent.end > token.i:
            reported = clause_subjects(r, token)
            continue
        if not subjects:
            continue
        found = _fitting(r, subjects, gender)
        if found is None and sent.end > token.i and speech_tag(r, token):
            continue  # "The outlets stand in the way, he said": what he says, not who says it
        return found if found is not None or not reported else _fitting(r, reported, gender)
    return _fitting(r, reported, gender)


def _asked(subjects: list[Token]) -> list[Token]:
    """"Berg asked Ruiz whether the port would reopen. “…,” she said": the person a subject
    asked a question of is who answers it, before the one who asked."""
    out = []
    for subject in subjects:
        verb = subject.head
        if subject.dep_ != "nsubj" or verb.lemma_ != "ask":
            continue
        asked = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos == PROPN]
        if asked and any(c.dep_ == "prep" and c.lower_ == "about" or c.dep_ == "ccomp" and any(
                w.lower_ in QUESTION_WORDS for w in c.children) for c in verb.children):
            out.append(asked[0])
    return out


def _topic(token: Token) -> list[Token]:
    """"As for Ruiz, she said …": the name an "as for" phrase before the pronoun sets up in
    its clause is whom the pronoun means."""
    verb = token.head
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    for prep in verb.children:
        if prep.i < token.i and prep.lower_ == "as":
            for inner in prep.children:
                if inner.lower_ == "for":
                    return [c for c in inner.children if c.dep_ == "pobj" and c.pos == PROPN]
    return []


def _governing(r: SpeakerResolver, token: Token) -> list[Token]:
    """"The mayor spoke after Ruiz, who …, held a meeting in which he attacked …": the named
    (or described) subject of the nearest clause the pronoun's clause hangs from, before the
    pronoun."""
    verb = token.head
    for above in verb.ancestors:
        if above.pos_ not in {"VERB", "AUX"} or not _finite(above):
            continue  # "with Vale standing behind him as he spoke": not Vale
        subject = nominal_subject(above)
        if subject is not None and subject.i < token.i:
            if not r.reg.quoted(subject.idx) and (
                    subject.pos == PROPN or _described_person(r, subject)):
                return [subject]
            return []
    return []


def _described_person(r: SpeakerResolver, subject: Token) -> bool:
    """"The head of the union accused the board of blocking a change that he said …": a
    description the rules resolve to a person, not a thing someone owns ("Ruiz's status")."""
    return subject.pos == NOUN and r.resolve(subject)[0].kind == "person"


def _finite(verb: Token) -> bool:
    """The verb carries a tense (or an auxiliary does): a clause, not a participle's phrase."""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _after_title(sent: Span) -> bool:
    """"… the other candidates, notably Govs.|Paul Ferris and Ian Marsh, who …": the parser ended
    a sentence at a title's full stop; the rest belongs to the sentence before."""
    doc = sent.doc
    stop = doc[sent.start - 1] if sent.start >= 2 else None
    if stop is None or stop.text != "." or "\n" in stop.whitespace_:
        return False
    title = doc[sent.start - 2]
    word = title.lower_
    plural = word.endswith("s") and word[:-1] in TITLE_WORDS  # "Govs.", "Sens."
    return title.whitespace_ == "" and title.text[:1].isupper() and len(word) <= 5 and \
        (word in TITLE_WORDS or plural)


def _fitting(r: SpeakerResolver, subjects: list[Token], gender: str) -> Speaker | None:
    """The first of the subjects (or their conjuncts, appositions, owners) of that gender."""
    for candidate in candidates(r, subjects):
        speaker = if_gender(r, candidate, gender)
        if speaker is not None:
            return speaker
    return None


def inner_subjects(r: SpeakerResolver, sent: Span, token: Token) -> list[Token]:
    """"This is not the race Ayotte hoped to run. She …": when a sentence's subject is no one
    ("this", "it", or none found), the names that are subjects of its clauses, latest first."""
    doc, cols = r.reg.doc, r.reg.columns  # names before the token, read from the columns
    said = _reported_before(r, token) if sent.end > token.i else range(0)
    return [doc[i] for i in range(min(sent.end, token.i) - 1, sent.start - 1, -1)
            if cols.pos[i] == PROPN and doc[i].dep_ == "nsubj" and not r.reg.quoted(cols.idx[i])
            and i not in said]


def _reported_before(r: SpeakerResolver, token: Token) -> range:
    """"Ruiz fits the bill for many people, he added": the words a speech tag's he/she reports
    right before it, unquoted and reporting no one else (not "Ruiz weighed in, telling …: “…,”
    he said", which sets the scene for a quotation); a name acting there is whom he speaks of."""
    if not speech_tag(r, token):
        return range(0)
    for clause in token.head.children:
        if clause.dep_ in {"ccomp", "parataxis"} and clause.i < token.i:
            words = range(clause.left_edge.i, clause.right_edge.i + 1)
            doc = r.reg.doc
            tagged = all(t.is_punct and not r.reg.quoted(t.idx)
                         for t in doc[clause.right_edge.i + 1:token.i])
            if tagged and not any(r.reg.quoted(doc[i].idx) or r.reg.speaking(doc[i])
                                  for i in words):
                return words
    return range(0)


def clause_subjects(r: SpeakerResolver, token: Token) -> list[Token]:
    """"Shays backed Ruiz while the governor ran, he said": the subject of the words a
    pronoun's reporting verb reports, when they come first, is whom the pronoun means."""
    verb = token.head
    if not speech_tag(r, token):
        return []
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.i < token.i
               and not r.reg.quoted(c.idx)]
    subjects = [nominal_subject(c) for c in clauses]
    return [s for s in subjects if s is not None and not r.reg.quoted(s.idx)]


def candidates(r: SpeakerResolver, subjects: list[Token]) -> list[Token]:
    """The subjects, the names joined to them, and the owner of a subject that is
    a thing: a name, a pronoun or a description ("the nominee's record is mixed. While he …")."""
    out = []
    for subject in subjects:
        out.append(subject)
        out.extend(c for c in subject.children if c.dep_ == "conj")
        if subject.pos_ == "NOUN" and gender_of_words([subject.lower_]) is None:
            out.extend(c for c in subject.children if owner(c) and
                       c.pos_ in {"PROPN", "PRON", "NOUN"} and not r.reg.quoted(c.idx))
    return out


def if_gender(r: SpeakerResolver, candidate: Token, gender: str) -> Speaker | None:
    if candidate.lower_ in PRONOUN_GENDER:
        if PRONOUN_GENDER[candidate.lower_] != gender:
            return None
        speaker, _ = r.resolve(candidate)
        return speaker if speaker.name is not None else None
    if candidate.pos_ not in {"PROPN", "NOUN"} and not _known_name(r, candidate):
        return None
    written = _honorific(candidate)
    if written is not None and written != gender:
        return None  # "Mrs. Clinton" is no "he", whoever the registry took her for
    speaker, _ = r.resolve(candidate)
    known = r.reg.gender(speaker.name or "")
    if speaker.kind == "person" and (known == gender or known is None and
                                     _may_be_anyone(r, candidate, speaker.name or "")):
        return speaker
    if speaker.kind == "unnamed" and _unnamed_fits(r, candidate, gender):
        return speaker
    return None


def _unnamed_fits(r: SpeakerResolver, candidate: Token, gender: str) -> bool:
    """An unnamed "spokeswoman", or a source the article keeps unnamed ("an engineer who was
    not authorised to speak") whose word has no sex: he/she goes on from them, to no name."""
    written = gender_of_words([candidate.lower_])
    return written == gender or written is None and (
        withheld(candidate) or named_before_as_withheld(
            candidate, r.reg.noun_indexes(candidate.lemma_.lower())) is not None)


def _honorific(candidate: Token) -> str | None:
    """The gender a Mr, Mrs or Ms written just before the name shows."""
    before = candidate.doc[candidate.i - 1] if candidate.i > 0 else None
    return HONORIFICS.get(before.lower_) if before is not None else None


def _known_name(r: SpeakerResolver, candidate: Token) -> bool:
    """"Back at the office, Dowling recalled …": a surname the tagger took for a verb,
    capitalised mid-sentence and registered as someone's name."""
    return candidate.dep_ == "nsubj" and candidate.text[:1].isupper() and \
        not candidate.is_sent_start and candidate.lower_ in r.reg.alias


def _may_be_anyone(r: SpeakerResolver, candidate: Token, name: str) -> bool:
    """A person of unknown gender he/she may mean: a name the recogniser tagged as a person
    here or elsewhere in the article ("Kaminska was more cautious"), or one with a role; not
    capitalised words taken for a name ("Tuesday was cold", "Outside Corveth Plant lost")."""
    return candidate.ent_type_ == "PERSON" or not r.reg.tagged.isdisjoint(name.split()) or \
        r.reg.credible(name) and \
        not weak_role(r.reg.people[name].role if name in r.reg.people else None)
