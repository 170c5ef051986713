"""Who a subject of a reporting verb is: full names, titles, pronouns, organisations, sources."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.models import Speaker

HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "ms": "f", "ms.": "f",
              "mrs": "f", "mrs.": "f", "miss": "f", "lady": "f", "dame": "f"}
TITLE_WORDS = {
    "dr", "prof", "gen", "col", "sen", "rep", "gov", "capt", "lt", "sgt", "president", "minister",
    "secretary", "senator", "governor", "mayor", "judge", "justice", "chancellor", "premier",
    "chairman", "chairwoman", "chair", "chief", "director", "manager", "coach", "captain",
    "general", "colonel", "commander", "officer", "inspector", "detective", "sergeant",
    "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "professor", "doctor",
    "farmer", "lawyer", "attorney", "prosecutor", "economist", "analyst", "scientist", "bishop",
    "father", "pope", "king", "queen", "prince", "princess", "sheikh", "emir", "rabbi", "imam",
    "deputy", "vice", "former", "acting", "leader", "executive", "ceo", "founder", "owner",
    "star", "striker", "goalkeeper", "player", "champion", "singer", "actor", "actress",
    "author", "editor", "reporter", "councillor", "councilor", "commissioner", "speaker",
    "representative", "congressman", "congresswoman", "mp", "lord", "lady", "sir", "dame",
    "candidate", "nominee", "activist", "campaigner", "resident", "witness", "worker", "teacher",
    "nurse", "engineer", "researcher", "historian", "chef", "architect", "pilot", "driver",
    "headteacher", "headmaster", "headmistress", "superintendent", "constable", "sheriff",
    "marshal", "admiral", "lieutenant", "corporal", "commodore", "brigadier", "treasurer",
    "alderman", "reverend", "rev", "pastor", "cardinal", "archbishop", "coroner", "magistrate",
    "barrister", "solicitor", "auditor", "surgeon", "paramedic", "firefighter", "warden",
    "provost", "rector", "vicar", "sen.", "rep.", "gov.", "dr.", "prof.", "gen.", "col.",
    "capt.", "lt.", "sgt.", "supt", "insp", "det", "cllr", "conductor", "composer",
    "photographer", "director-general", "secretary-general", "skipper", "midfielder",
    "defender", "winger", "batsman", "bowler", "substitute", "challenger", "incumbent",
}
GENDERED_NOUNS = {
    "m": {"spokesman", "chairman", "businessman", "congressman", "father", "husband", "son",
          "brother", "king", "prince", "uncle", "boy", "man", "grandfather", "nephew"},
    "f": {"spokeswoman", "chairwoman", "businesswoman", "congresswoman", "mother", "wife",
          "daughter", "sister", "queen", "princess", "aunt", "girl", "woman", "actress",
          "grandmother", "niece", "duchess"},
}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their"}
ORG_PRONOUNS = {"it", "its"}
ORG_NOUNS = {
    "ministry", "government", "company", "agency", "department", "office", "police", "army",
    "military", "council", "committee", "court", "bank", "group", "firm", "union", "party",
    "commission", "administration", "alliance", "embassy", "parliament", "cabinet", "board",
    "authority", "authorities", "regulator", "airline", "club", "team", "organisation",
    "organization", "campaign", "coalition", "university", "hospital", "school", "service",
    "kremlin", "pentagon", "statement", "spokesperson's office", "operator", "insurer", "network",
    "newspaper", "broadcaster", "prosecutor's office", "federation", "league", "institute",
    "foundation", "charity", "association", "senate", "house", "congress",
}
RECENT_CHARS = 600
ACTING = {"nsubj", "nsubjpass", "poss", "appos"}
COMPANY_ROLES = {"owner", "founder", "champion", "leader", "star", "player", "operator"}
WEAK_TITLES = {"dr", "prof", "mr", "ms", "mrs", "miss", "sir", "dame", "lord", "lady", "rev"}
COMPANY_NOUNS = {"company", "firm", "group", "airline", "operator", "insurer", "carmaker",
                 "retailer", "bank", "lender", "maker", "manufacturer", "producer", "developer",
                 "supplier", "chain", "brand", "business", "startup", "miner", "carrier"}
INDEFINITE = {"a", "an", "some", "several", "many", "two", "three", "four", "five", "one"}
NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens"}
COLLECTIVE = {"police", "authorities", "military", "government"}
DOCUMENT_NOUNS = {"letter", "statement", "post", "tweet", "email", "memo", "note", "message",
                  "speech", "report", "filing", "submission", "testimony", "op-ed", "column"}
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
NP_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "prep",
           "acl", "advmod", "predet", "npadvmod"}
ROLE_DEPS = {"amod", "compound", "nmod", "poss", "case", "npadvmod"}


@dataclass
class Person:
    name: str
    gender: str | None = None
    role: str | None = None


@dataclass
class Mention:
    """Someone or some group named before a point in the article, for pronouns to find."""

    offset: int
    speaker: Speaker
    subject: bool
    plural: bool = False
    key: str = field(default="")


class SpeakerResolver:
    """Resolves subject tokens of one article to speakers, remembering who was mentioned."""

    def __init__(self, doc: Doc, *, quoted: Callable[[int], bool],
                 speaking: Callable[[Token], bool],
                 subject: Callable[[Token], Token | None] | None = None) -> None:
        self.doc = doc
        self.quoted = quoted
        self.speaking = speaking
        self.subject = subject or _nominal_subject
        self.people: dict[str, Person] = {}
        self.alias: dict[str, str] = {}
        self.ents: list[Span] = list(doc.ents)
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self._chunks: list[Span] | None = None
        self.ent_of: dict[int, Span] = {t.i: e for e in self.ents for t in e}
        self.mentions: list[Mention] = []
        self._collect_people()
        self._infer_genders()

    def _collect_people(self) -> None:
        person_spans = [self._name_span(e) for e in self.ents if e.label_ == "PERSON"]
        for span in sorted((s for s in person_spans if len(s) > 1), key=lambda s: s.start):
            self._register(span.text)
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            span = self._name_span(ent)
            person = self._register(span.text)
            self._learn_from_mention(person, span)
            if not self.quoted(ent.start_char):
                self._add_mention(span.root, person.name)
        self._collect_honorific_names()

    def _collect_honorific_names(self) -> None:
        """"Ms Ito" is a person even when the entity recogniser missed her."""
        for tok in self.doc[:-1]:
            name = tok.nbor(1)
            if tok.lower_ not in HONORIFICS or name.pos_ != "PROPN" or self._is_person(name):
                continue
            end = name.i
            while end + 1 < len(self.doc) and self.doc[end + 1].pos_ == "PROPN" and \
                    not self._is_person(self.doc[end + 1]):
                end += 1
            for i in range(tok.i, end + 1):
                self.ent_of.pop(i, None)
            span = self.doc[name.i:end + 1]
            person = self._register(span.text)
            person.gender = person.gender or HONORIFICS[tok.lower_]
            if not self.quoted(name.idx):
                self._add_mention(span[-1], person.name)

    def _is_person(self, token: Token) -> bool:
        ent = self.ent_of.get(token.i)
        return ent is not None and ent.label_ == "PERSON"

    def prime(self, subjects: list[Token]) -> None:
        """Resolve named and nominal subjects up front, so pronouns can look back to them."""
        for token in subjects:
            if token.pos_ != "PRON":
                self.resolve(token)

    def _name_span(self, ent: Span) -> Span:
        start, end = ent.start, ent.end
        while end > start + 1 and self.doc[end - 1].text.lower() in {"'s", "’s", "'", "’"}:
            end -= 1
        if end - start == 1 and start > 0 and _name_part(self.doc[start - 1], range(start, end)):
            start -= 1
        while end - start > 1 and (self.doc[start].lower_.strip(".") in TITLE_WORDS
                                    or self.doc[start].lower_ in HONORIFICS):
            start += 1
        return self.doc[start:end]

    def _register(self, text: str) -> Person:
        """The canonical person: a surname or first name maps to the full name first given."""
        key = text.strip()
        canonical = self.alias.get(key.lower())
        if canonical:
            return self.people[canonical]
        parts = key.split()
        if len(parts) == 1:
            for full, person in self.people.items():
                if key in full.split():
                    self.alias[key.lower()] = full
                    return person
        elif parts[-1] in self.people:
            return self.people[self._lengthen(parts[-1], key)]
        person = self.people.setdefault(key, Person(key))
        self.alias[key.lower()] = key
        if len(parts) > 1:
            self.alias.setdefault(parts[-1].lower(), key)
        return person

    def _learn_from_mention(self, person: Person, span: Span) -> None:
        prev = self.doc[span.start - 1] if span.start > 0 else None
        if prev is not None and not person.gender:
            person.gender = HONORIFICS.get(prev.text.lower())
        role = role_of(span)
        if role and _weak_role(person.role):
            person.role = role
        if role and not person.gender:
            person.gender = _gender_of_words(role.lower().split())

    def _add_mention(self, token: Token, name: str, *, kind: str = "person") -> None:
        speaker = Speaker(name, kind, self.people[name].role if name in self.people else None)
        subject = token.dep_ == "nsubj" and self.speaking(token.head)
        self.mentions.append(Mention(token.idx, speaker, subject,
                                     plural=token.tag_ in {"NNS", "NNPS"}, key=name))
        self.mentions.sort(key=lambda m: m.offset)

    def _infer_genders(self) -> None:
        """A he/she right after the only person just mentioned tells that person's gender."""
        for tok in self.doc:
            gender = PRONOUN_GENDER.get(tok.lower_)
            if not gender or self.quoted(tok.idx):
                continue
            sent = tok.sent
            window_start = sent.start_char
            if sent.start > 0:
                window_start = self.doc[sent.start - 1].sent.start_char
            names = {m.key for m in self.mentions
                     if window_start <= m.offset < tok.idx and m.speaker.kind == "person"}
            if len(names) == 1:
                person = self.people.get(names.pop())
                if person and not person.gender:
                    person.gender = gender

    def resolve(self, token: Token) -> tuple[Speaker, float]:
        """A speaker for the subject ``token`` and how sure we are (0..1)."""
        lower = token.lower_
        if lower in PRONOUN_GENDER:
            return self._pronoun(token, PRONOUN_GENDER[lower])
        if lower in PLURAL_PRONOUNS:
            return self._group(token, plural=True)
        if lower in ORG_PRONOUNS:
            return self._group(token, plural=False)
        if token.pos_ == "PRON":
            return Speaker(None, "unknown"), 0.2
        ent = self.ent_of.get(token.i)
        if token.pos_ == "PROPN" and not token.text.islower() or ent is not None:
            return self._proper(token, ent)
        return self._nominal(token)

    def _proper(self, token: Token, ent: Span | None) -> tuple[Speaker, float]:
        text = self._name_span(ent).text if ent is not None else _name_text(token, None)
        company = self._organisation_called(token, text)
        if company is not None:
            self._remember(token, company)
            return company, 0.8
        known = self.alias.get(text.lower()) or self.alias.get(text.split()[-1].lower())
        if known and " " not in known and text.endswith(" " + known):
            known = self._lengthen(known, text)
        if known:
            return self._person_speaker(token, known), 0.9
        if ent is not None and ent.label_ == "PERSON" or _looks_like_person(token):
            return self._person_speaker(token, self._register(text).name), 0.85
        fuller = self._fuller_name(token, text)
        if fuller != text:
            return self._person_speaker(token, self._register(fuller).name), 0.8
        if ent is not None and ent.label_ in ORG_LABELS or text.isupper():
            if token.pos_ != "PROPN" and token.tag_ in {"NNS", "NN"}:
                return self._nominal(token)
            speaker = Speaker(self._org_name(ent) if ent is not None else text, "organisation")
            self._remember(token, speaker)
            return speaker, 0.85
        person = self._register(text)
        self._learn_from_mention(person, _token_span(token, text))
        return self._person_speaker(token, person.name), 0.75

    def _lengthen(self, short: str, full: str) -> str:
        """A surname registered alone becomes the full name once it is seen in full."""
        person = self.people.pop(short)
        person.name = full
        self.people[full] = person
        for key, target in list(self.alias.items()):
            if target == short:
                self.alias[key] = full
        self.alias[full.lower()] = full
        for mention in self.mentions:
            if mention.key == short:
                mention.key = full
                mention.speaker = Speaker(full, "person", person.role)
        return full

    def _org_name(self, ent: Span) -> str:
        """"Duravia's defence ministry", not just the "defence ministry" the recogniser saw."""
        start = self._name_span(ent).start
        before = self.doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in {"'s", "’s"} and start > 1 and \
                self.doc[start - 2].dep_ == "poss" and self.doc[start - 2].pos_ == "PROPN":
            start -= 2
        return _clean(self.doc[start:self._name_span(ent).end].text)

    def _fuller_name(self, token: Token, text: str) -> str:
        """A surname alone maps to "First Surname" written earlier, even when not tagged."""
        if " " in text:
            return text
        for tok in self.doc[:token.i]:
            first = self.doc[tok.i - 1] if tok.i > 0 else None
            if tok.text == text and first is not None and first.dep_ == "compound" and \
                    first.head == tok and first.pos_ == "PROPN" and first.text[:1].isupper() \
                    and first.lower_.strip(".") not in TITLE_WORDS | set(HONORIFICS):
                return f"{first.text} {text}"
        return text

    def _person_speaker(self, token: Token, name: str) -> Speaker:
        person = self.people[name]
        ent = self.ent_of.get(token.i)
        span = self._name_span(ent) if ent is not None and ent.label_ == "PERSON" \
            else _token_span(token, _name_text(token, None))
        role = role_of(span) or None
        if role and _weak_role(person.role):
            person.role = role
            person.gender = person.gender or _gender_of_words(role.lower().split())
        speaker = Speaker(person.name, "person", person.role)
        self._remember(token, speaker)
        return speaker

    def _remember(self, token: Token, speaker: Speaker) -> None:
        if not any(m.offset == token.idx for m in self.mentions):
            self.mentions.append(Mention(token.idx, speaker, True,
                                         plural=token.tag_ in {"NNS", "NNPS"},
                                         key=speaker.name or ""))
            self.mentions.sort(key=lambda m: m.offset)

    def _before(self, offset: int) -> list[Mention]:
        index = bisect_left([m.offset for m in self.mentions], offset)
        return list(reversed(self.mentions[:index]))

    def _pronoun(self, token: Token, gender: str) -> tuple[Speaker, float]:
        salient = self._last_subject(token, gender)
        if salient is not None:
            return salient, 0.8
        people = [m for m in self._before(token.idx) if m.speaker.kind == "person"]
        fits = [m for m in people if self._gender(m.key) in (None, gender)]
        recent = [m for m in fits if token.idx - m.offset < RECENT_CHARS]
        known = [m for m in recent if self._gender(m.key) == gender]
        pools = (
            ([m for m in known if m.subject], 0.85), (known, 0.8),
            ([m for m in recent if m.subject], 0.75), (recent, 0.7),
            ([m for m in fits if m.subject], 0.6), (fits, 0.5),
        )
        for pool, confidence in pools:
            if pool:
                person = self.people[pool[0].key]
                return Speaker(person.name, "person", person.role), confidence
        return Speaker(None, "unknown"), 0.2

    def person_named(self, text: str) -> Speaker | None:
        """The person an article calls ``text`` (full name, surname or first name), if any."""
        key = self.alias.get(text.lower()) or self.alias.get(text.split()[-1].lower())
        if key is None:
            for token in self.doc:
                if token.text == text.split()[-1] and token.pos_ == "PROPN" and \
                        not self.quoted(token.idx):
                    speaker, _ = self.resolve(token)
                    return speaker if speaker.kind == "person" else None
            return None
        person = self.people[key]
        return Speaker(person.name, "person", person.role)

    def last_person(self, offset: int) -> Speaker | None:
        """The person last seen as a sentence's subject before ``offset``, else last mentioned."""
        sents = [s for s in self.sents if s.end_char <= offset and self._narrative(s)]
        for sent in reversed(sents[-6:]):
            for subject in self._sentence_subjects(sent):
                if subject.pos_ in {"PROPN", "PRON"}:
                    speaker, _ = self.resolve(subject)
                    if speaker.kind == "person" and speaker.name is not None:
                        return speaker
        for mention in self._before(offset):
            if mention.speaker.kind == "person" and mention.key in self.people:
                person = self.people[mention.key]
                return Speaker(person.name, "person", person.role)
        return None

    def _last_subject(self, token: Token, gender: str) -> Speaker | None:
        """He/she after a sentence whose subject is someone of that gender means that someone.

        The subject of the last sentence of narrative (quotes skipped) is the most salient
        person: "Kaminska was more cautious. She said …", "The driver, Stephen Hale, told the
        inquest that Mr Carvalho … “…,” he said" (Hale, not Carvalho).
        """
        sents = self.sents
        index = bisect_right(self.sent_starts, token.i) - 1
        for sent in reversed(sents[max(0, index - 4):index + 1]):
            if not self._narrative(sent):
                continue
            subjects = [t for t in self._sentence_subjects(sent) if t.i < token.i]
            if not subjects and sent.start <= token.i:
                continue
            for candidate in self._candidates(subjects):
                speaker = self._if_gender(candidate, gender)
                if speaker is not None:
                    return speaker
            return None
        return None

    def _narrative(self, sent: Span) -> bool:
        """The sentence has the reporter's own verb (not only words inside quotation marks)."""
        return not self.quoted(sent.root.idx) or any(
            self.speaking(t) and not self.quoted(t.idx) for t in sent)

    def _sentence_subjects(self, sent: Span) -> list[Token]:
        """Unquoted subjects of the sentence's main verb or of its unquoted reporting verb."""
        root = sent.root
        if root.pos_ in {"NOUN", "PROPN"} and not self.quoted(root.idx):
            return [root]
        heads = [root] if not self.quoted(root.idx) else \
            [t for t in sent if self.speaking(t) and not self.quoted(t.idx)]
        subject = (self.subject(heads[0]) or _nominal_subject(heads[0])) if heads else None
        return [subject] if subject is not None and not self.quoted(subject.idx) else []

    def _candidates(self, subjects: list[Token]) -> list[Token]:
        out = []
        for subject in subjects:
            out.append(subject)
            out.extend(c for c in subject.children if c.dep_ == "conj")
        return out

    def _if_gender(self, candidate: Token, gender: str) -> Speaker | None:
        if candidate.lower_ in PRONOUN_GENDER:
            if PRONOUN_GENDER[candidate.lower_] != gender:
                return None
            speaker, _ = self.resolve(candidate)
            return speaker if speaker.name is not None else None
        if candidate.pos_ not in {"PROPN", "NOUN"}:
            return None
        speaker, _ = self.resolve(candidate)
        if speaker.kind == "person" and self._gender(speaker.name or "") in (None, gender):
            return speaker
        if speaker.kind == "unnamed" and _gender_of_words([candidate.lower_]) == gender:
            return speaker
        return None

    def _gender(self, key: str) -> str | None:
        person = self.people.get(key)
        return person.gender if person else None

    def _group(self, token: Token, *, plural: bool) -> tuple[Speaker, float]:
        groups = [m for m in self._before(token.idx) if m.speaker.kind != "person"]
        if plural:
            preferred = [m for m in groups if m.plural or m.speaker.kind == "organisation"]
        else:
            preferred = [m for m in groups if m.speaker.kind == "organisation"]
        if preferred:
            return preferred[0].speaker, 0.65
        return Speaker(None, "unknown"), 0.2

    def _nominal(self, token: Token) -> tuple[Speaker, float]:
        """A common-noun subject: a title of someone named earlier, an organisation or a source."""
        named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and not self.quoted(c.idx)]
        if named:
            return self._appositive(token, named[0])
        author = [c for c in token.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "PRON"}]
        if author and token.lemma_.lower() in DOCUMENT_NOUNS:
            return self.resolve(author[0])
        phrase = noun_phrase(token)
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that"}
                       for c in token.children)
        singular = token.tag_ not in {"NNS", "NNPS"}
        if definite and singular:
            holder = self._title_holder(token)
            if holder is not None:
                return holder, 0.75
        lemma = token.lemma_.lower()
        kind = "organisation" if lemma in ORG_NOUNS and (singular or lemma in COLLECTIVE) \
            else "unnamed"
        if definite:
            earlier = self._earlier_entity(token)
            if earlier is None and kind == "organisation":
                earlier = self._earlier_named(token)
            if earlier is None:
                earlier = self._earlier_source(token)
            if earlier is not None:
                return earlier, 0.65
        speaker = Speaker(phrase, kind)
        self._remember(token, speaker)
        return speaker, 0.7

    def _appositive(self, token: Token, name: Token) -> tuple[Speaker, float]:
        """"The festival's director, Camille Laurent, said": the name speaks, the noun is a role."""
        ent = self.ent_of.get(name.i)
        if token.lemma_.lower() in ORG_NOUNS and (ent is None or ent.label_ != "PERSON"):
            speaker = Speaker(self._name_span(ent).text if ent else name.text, "organisation")
            self._remember(name, speaker)
            return speaker, 0.8
        if _person_noun(token) and (ent is None or ent.label_ != "PERSON"):
            text = _name_text(name, None)
            speaker, confidence = self._person_speaker(name, self._register(text).name), 0.8
        else:
            speaker, confidence = self._proper(name, ent)
        if speaker.kind == "person" and speaker.name in self.people:
            person = self.people[speaker.name]
            person.role = noun_phrase(token) if _weak_role(person.role) else person.role
            person.gender = person.gender or _gender_of_words([token.lower_])
            speaker = Speaker(person.name, "person", person.role)
        return speaker, confidence

    def _title_holder(self, token: Token) -> Speaker | None:
        for mention in self._before(token.idx):
            person = self.people.get(mention.key)
            if mention.speaker.kind == "person" and person and person.role and \
                    token.lower_ in person.role.lower().split():
                return Speaker(person.name, "person", person.role)
        return None

    def _earlier_entity(self, token: Token) -> Speaker | None:
        """"The agency" after "the European Space Agency": a named organisation ending so."""
        for ent in reversed([e for e in self.ents if e.end <= token.i]):
            name = self._name_span(ent)
            if ent.label_ in ORG_LABELS - {"NORP"} and len(name) > 1 and \
                    name[-1].lower_ == token.lower_ and not self.quoted(ent.start_char):
                return Speaker(self._org_name(ent), "organisation")
        return None

    def _earlier_source(self, token: Token) -> Speaker | None:
        """"The people" after "three people familiar with the matter" introduced them."""
        lemma = token.lemma_.lower()
        for tok in reversed(self.doc[:token.i]):
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN" or self.quoted(tok.idx):
                continue
            if any(c.dep_ in {"det", "nummod"} and c.lower_ in INDEFINITE | NUMBERS or
                   c.dep_ == "nummod" and c.like_num for c in tok.children):
                return Speaker(noun_phrase(tok), "unnamed")
        return None

    def _earlier_named(self, token: Token) -> Speaker | None:
        """"The commission" after "the electoral commission" or an organisation named before."""
        lemma = token.lemma_.lower()
        if self._chunks is None:
            self._chunks = list(self.doc.noun_chunks)
        for chunk in self._chunks:
            if chunk.start_char >= token.idx:
                break
            if chunk.root.lemma_.lower() == lemma and len(chunk) > 2 and \
                    not self.quoted(chunk.start_char):
                return Speaker(noun_phrase(chunk.root), "organisation")
        for mention in self._before(token.idx):
            if mention.speaker.kind == "organisation":
                return mention.speaker
        if lemma in COMPANY_NOUNS:
            for ent in reversed([e for e in self.ents if e.end <= token.i]):
                if ent.label_ == "ORG" and ent.root.dep_ in ACTING and \
                        not self.quoted(ent.start_char):
                    return Speaker(self._org_name(ent), "organisation")
        return None

    def _organisation_called(self, token: Token, text: str) -> Speaker | None:
        """"Corveth said" after "Corveth Foods": the short name of an organisation named before."""
        known = self.people.get(self.alias.get(text.lower(), ""))
        previous = self.doc[token.i - 1].lower_ if token.i > 0 else ""
        if " " in text or known is not None and (" " in known.name or known.gender) or \
                previous in HONORIFICS or previous.strip(".") in TITLE_WORDS:
            return None
        for ent in self.ents:
            if ent.start >= token.i:
                break
            if ent.label_ == "ORG" and len(ent) > 1 and ent[0].text == text and \
                    not self.quoted(ent.start_char):
                return Speaker(self._org_name(ent), "organisation")
        return None


def _weak_role(role: str | None) -> bool:
    """No role yet, or only a form of address ("Dr"), which a written role should replace."""
    return not role or all(w.strip(".").lower() in WEAK_TITLES for w in role.split())


def _person_noun(token: Token) -> bool:
    """"His wife, Tigist," or "the coach, Ama Owusu,": whoever is named there is a person."""
    word = token.lemma_.lower()
    return word in TITLE_WORDS - COMPANY_ROLES or _gender_of_words([token.lower_]) is not None


def _nominal_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _name_part(tok: Token, span: range) -> bool:
    """A first name the recogniser left out of a lone surname ("Žaneta" Horváthová)."""
    return tok.dep_ == "compound" and tok.head.i in span and tok.text[:1].isupper() and \
        tok.pos_ == "PROPN" and tok.lower_.strip(".") not in TITLE_WORDS and \
        "\n" not in tok.whitespace_ and tok.ent_type_ in {"", "PERSON"}


def _looks_like_person(token: Token) -> bool:
    """A name the recogniser called an organisation, but with a person's role or a "who"."""
    for child in token.children:
        if child.dep_ == "appos" and (child.lemma_.lower() in TITLE_WORDS or any(
                t.lower_ == "who" for t in child.subtree)):
            return True
        if child.dep_ == "relcl" and any(t.lower_ == "who" for t in child.children):
            return True
    return any(c.dep_ == "compound" and c.lower_ in TITLE_WORDS and c.i < token.i - 1
               for c in token.lefts)


def _gender_of_words(words: list[str]) -> str | None:
    for gender, nouns in GENDERED_NOUNS.items():
        if any(w in nouns for w in words):
            return gender
    return None


def _name_text(token: Token, ent: Span | None) -> str:
    if ent is not None:
        words = [t.text for t in ent if t.text.lower() not in {"'s", "’s", "the"}
                 and t.text.lower() not in HONORIFICS]
        return " ".join(words) or token.text
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
             and c.i == token.i - 1]
    first = parts[0].i if parts else token.i
    while first > 0 and token.doc[first - 1].dep_ == "compound" and \
            token.doc[first - 1].pos_ == "PROPN" and token.doc[first - 1].head.i in \
            range(first, token.i + 1) and token.doc[first - 1].text.lower() not in HONORIFICS:
        first -= 1
    while first < token.i and (token.doc[first].lower_.strip(".") in TITLE_WORDS
                               or token.doc[first].lower_ in HONORIFICS):
        first += 1
    return token.doc[first:token.i + 1].text


def _token_span(token: Token, text: str | None) -> Span:
    doc = token.doc
    length = len((text or token.text).split())
    start = max(0, token.i - length + 1)
    return doc[start:token.i + 1]


def role_of(name: Span) -> str | None:
    """A role as written: an apposition after the name, or the title words before it."""
    root = name[-1]
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and not child.like_num:
            return _clean(child.doc[child.left_edge.i:child.right_edge.i + 1].text)
    doc = root.doc
    allowed = {t.i for tok in name for c in tok.lefts if c.i < name.start
               and c.dep_ in ROLE_DEPS for t in c.subtree}
    start = name.start
    while start - 1 in allowed and _role_word(doc[start - 1]):
        start -= 1
    while start < name.start and (doc[start].dep_ == "det" or doc[start].is_punct
                                  or doc[start].lower_ in HONORIFICS):
        start += 1
    return _clean(doc[start:name.start].text) or None


def _role_word(tok: Token) -> bool:
    if tok.is_space or "\n" in tok.whitespace_ or "\n" in tok.text or tok.like_num:
        return False
    return not tok.is_punct or tok.text in {"'s", "’s", "-"}


def noun_phrase(token: Token) -> str:
    """The subject's noun phrase without appositions, relative clauses or trailing commas."""
    keep = [c for c in token.children if c.dep_ in NP_DEPS and not _set_off(c)]
    start = min([c.left_edge.i for c in keep if c.i < token.i] + [token.i])
    end = max([c.right_edge.i for c in keep if c.i > token.i] + [token.i])
    return _clean(token.doc[start:end + 1].text)


def _set_off(child: Token) -> bool:
    """", speaking to the BBC by telephone," describes the moment, not the speaker."""
    before = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
    return child.dep_ == "acl" and child.i > child.head.i and before is not None and \
        before.text == ","


def _clean(text: str) -> str:
    """Trimmed, and never reaching back across a paragraph break ("NEWS RELEASE\n\nX")."""
    return text.strip(" ,;:—–-\n\"“”").split("\n")[-1].strip()
