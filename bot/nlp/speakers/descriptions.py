"""Descriptions: "the minister", "the agency", "the people", "his wife, X" linked to whom
or what the article introduced earlier; otherwise kept as an unnamed source."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import NOUN, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers import documents, pronouns
from bot.nlp.speakers.called import called_so
from bot.nlp.speakers.cataphora import (
    UNCOUNTED,
    first_speaker_after,
    headline_source,
    introduced_next,
    named_next,
)
from bot.nlp.speakers.company import acting_company
from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.lead import (
    PANELS,
    headline_organisation,
    headline_person,
    kind_fits,
    read_headline,
)
from bot.nlp.speakers.media import owning_paper, publication, publication_word
from bot.nlp.speakers.names import (
    PERSON_TITLES,
    clean,
    definite,
    gender_of_words,
    name_text,
    person_noun,
)
from bot.nlp.speakers.roles import Role, role_head, sentence_cased
from bot.nlp.speakers.withheld import named_before_as_withheld, withheld
from bot.nlp.speakers.words import (
    ABBREVIATED_TITLES,
    ACCOUNTS,
    ACTING,
    AGENCIES,
    ARTICLES,
    COLLECTIVE,
    COMPANY_NOUNS,
    COMPANY_ROLES,
    DESCRIBED_PEOPLE,
    GOVERNMENTS,
    HONORIFICS,
    ISSUED_NOUNS,
    JOB_WORDS,
    KIN,
    ORG_NOUNS,
    PERIODICALS,
    PLURAL_TAGS,
    PRONOUN_GENDER,
    RECENT_CHARS,
    REMARKS,
    ROLE_PREPOSITIONS,
    SECOND_RANK,
    SPEAKING_THINGS,
    TITLE_WORDS,
    UNNAMED_SOURCES,
)

FORMER = "former"
"""A title held no longer ("a former governor"), which "the governor" does not mean."""
PLACE_LABELS = {"GPE", "NORP", "LOC"}
"""What a title's modifier names when it tells one holder from another ("the Ohio governor")."""

CAMPAIGN = "campaign"
CAMPAIGN_ALIASES = {"team", "camp"}
"""What news also calls a candidate's campaign ("his team", "the Ruiz camp")."""

GENERIC_BODIES = {"group", "organization", "organisation", "body", "coalition", "alliance"}
"""Words for a body of any kind ("the organization" may be "United Gun Group"; "the union" is
no "harbour board")."""

ANY_STAFF = {"employee", "staffer", "worker", "member"}
"""Words for anyone on a body's staff, whatever their role says ("the Quill employee" for a
"Quill.com writer"); "the Quill spokesman" must be one the article called so."""

RANKS = {"senior", "top", "other", "junior", "local", "federal", "national", "foreign",
         "military", "administration", "same", "chief", "high", "new", "second",
         "first", "third", "last", "next", "anonymous", "unnamed", "single", "only"}
"""Adjectives that place an unnamed source ("a senior official"), not judge someone named."""
OWNED_WORDS = ACCOUNTS | SPEAKING_THINGS | REMARKS
"""What says what its owner says (``account_owner``), joined once, not at every subject."""
TITLES_OR_ARTICLES = TITLE_WORDS | ARTICLES
"""Capitalised words of a role that name no place ("Senator", "The"; ``_placed_alike``)."""
APPOS, PREP, POBJ, POSS, COMPOUND = (get_string_id(d) for d in
                                     ("appos", "prep", "pobj", "poss", "compound"))
"""Relations every description's children are read for, as hashes."""
LISTED = ORG_NOUNS | ISSUED_NOUNS | UNNAMED_SOURCES | COMPANY_NOUNS | SPEAKING_THINGS
"""Nouns a list knows, so never an unlisted description of someone."""

CLAUSES = frozenset({"acl", "relcl"})
"""A participle or relative clause describing a noun ("backing X", "who backs X")."""
PLACE_KINDS = frozenset({"town", "city", "village", "state", "country", "kingdom"})
"""What "the town said" may call a place the article names (``place_acting``)."""

if TYPE_CHECKING:
    from bot.nlp.speakers.registry import Person
    from bot.nlp.speakers.resolver import SpeakerResolver


def nominal(r: SpeakerResolver, token: Token) -> tuple[Speaker, float]:
    """A common-noun subject: a title of someone named earlier, an organisation or a source."""
    beside = _set_beside(r, token)
    if beside is not None:
        return appositive(r, *beside)
    named = _named_after_of(r, token) or _titles_before_name(r, token) or \
        named_past_clause(r, token)
    if named:
        return appositive(r, token, named[0])
    kept = _kept_unnamed(r, token)
    if kept is not None:
        return kept
    head = token.head if token.dep == APPOS else None
    if head is not None and head.pos_ == "PROPN" and head.i < token.i and \
            not r.reg.quoted(head.idx):
        named_by, confidence = r.resolve(head)  # "Harold Ode, a banker who said …"
        if named_by.name is not None and named_by.kind != "unnamed":
            return named_by, confidence
    if publication_word(r, token) and (definite(token) or any(
            c.dep == POSS and (definite(c) or c.pos == PROPN) for c in token.children)):
        paper = owning_paper(r, token) or publication(r, token)
        if paper is not None:
            return paper, conf.EARLIER_DESCRIPTION
    owned = owned_body(r, token) or account_owner(r, token) or remarks_of(r, token) or \
        nation_of(r, token) or staff_of(r, token) or relative_named(r, token) or \
        body_title_holder(r, token)
    if owned is not None:
        return owned, conf.EARLIER_DESCRIPTION
    described = definite(token)
    if token.lemma_.lower() in ISSUED_NOUNS:
        issued_by = documents.issuer(r, token, definite=described)
        if issued_by is not None:
            return issued_by, conf.EARLIER_DESCRIPTION
    singular = token.tag_ not in PLURAL_TAGS
    if described and singular:
        for rule in (sole_holder, subject_before, title_holder):
            holder = rule(r, token)
            if holder is not None and _other_sex_going_on(r, token, holder) is None:
                return holder, conf.TITLE_HOLDER
    return _described(r, token, described=described, singular=singular)


def _kept_unnamed(r: SpeakerResolver, token: Token) -> tuple[Speaker, float] | None:
    """A source the article says it does not name, or the same noun again after one, as
    written: no rule may give it a name the article uses for someone else."""
    if withheld(token):
        found = as_written(r, token)
    else:
        earlier = named_before_as_withheld(token, r.reg.noun_indexes(token.lemma_.lower())) \
            if definite(token) else None
        if earlier is None:
            return None
        found = Speaker(r.reg.phrase(earlier), "unnamed"), conf.EARLIER_DESCRIPTION
    r.withheld.add(found[0].name or "")
    return found


def _set_beside(r: SpeakerResolver, noun: Token) -> tuple[Token, Token] | None:
    """"Their daughter's school, Hartwell Academy,", "the other man, his cousin Ivo Marsh,": a
    name set beside a noun, or beside a person noun set beside a person noun (not a body's
    "its chairwoman X"), is whom the noun means (returned with the noun it is beside)."""
    for beside in noun.children:
        if beside.dep != APPOS or r.reg.quoted(beside.idx):
            continue
        if _a_name(r, beside) and not _member_beside(noun, beside) and \
                not _person_beside_body(r, noun, beside):
            return noun, beside
        if beside.i > noun.i and _a_person(beside) and _a_person(noun):
            name = next((c for c in beside.children if c.dep == APPOS and c.i > beside.i and
                         _a_name(r, c) and not r.reg.quoted(c.idx)), None)
            if name is not None:
                return beside, name
    return None


def _member_beside(noun: Token, name: Token) -> bool:
    """"The union, its spokeswoman Ines Calder,": a name its own words give a person's role,
    set beside a body's noun, is one of that body's people, not the body."""
    return noun.lemma_.lower() in ORG_NOUNS and any(
        c.dep_ == "compound" and c.i < name.i and _a_person(c) for c in name.children)


def _person_beside_body(r: SpeakerResolver, noun: Token, name: Token) -> bool:
    """"The union, Helen Brooks, said": a person's name (a known first name and more) set off
    by commas beside a body's noun, with no role between, is not the body's name, nor is the
    body her role (a list the parser read as an apposition): the body speaks as itself; "the
    newspaper, Nordlys Tidende," tagged a person, is the paper's name."""
    ent = r.reg.ent_of.get(name.i)
    return noun.lemma_.lower() in ORG_NOUNS and ent is not None and ent.label_ == "PERSON" and \
        len(ent) > 1 and first_name_gender(ent[0].text) is not None and \
        name.i > noun.i and noun.nbor().text == ","


def _a_person(token: Token) -> bool:
    """A noun only a person is ("voter", "cousin", "the coach"), whatever the name beside it
    was tagged."""
    return person_noun(token) or token.lemma_.lower() in JOB_WORDS | KIN


def _aged(name: Token) -> bool:
    """"Ivo Marsh, 35,": a name with an age set beside it is a person's."""
    return any(c.dep == APPOS and c.like_num and c.i > name.i and c.text.isdigit() and
               0 < int(c.text) < 120 for c in name.children)


def _a_name(r: SpeakerResolver, token: Token) -> bool:
    """A proper noun, or a word the recogniser puts in an organisation's name though the
    tagger made it common ("her employer, Pilots' College,"); not a party's or a people's word
    ("the clerk, a registered Republican who …")."""
    if token.pos == PROPN:
        return token.ent_type_ != "NORP"
    ent = r.reg.ent_of.get(token.i)
    return ent is not None and ent.label_ == "ORG" and ent[-1].i == token.i


def _described(r: SpeakerResolver, token: Token, *, described: bool,
               singular: bool) -> tuple[Speaker, float]:
    """A description no name, owner, document or title settled: whoever or whatever the
    article (or its headline) named that it fits, else the words themselves as a source."""
    lemma = token.lemma_.lower()
    kind = "organisation" if lemma in ORG_NOUNS and (singular or lemma in COLLECTIVE) \
        else "unnamed"
    if described:
        earlier = earlier_entity(r, token)
        if earlier is None and kind == "organisation":
            earlier = _self_named(r, token) or earlier_named(r, token)
        if earlier is None and singular:
            earlier = place_acting(r, token)
        if earlier is None:
            earlier = earlier_source(r, token)
        if earlier is not None:
            return earlier, conf.EARLIER_DESCRIPTION
    if described and singular and (describes_someone(token) or unlisted_description(token)):
        person = described_person(r, token)
        if person is not None:
            return person, conf.DESCRIBED_PERSON
    lead = from_headline(r, token, kind) if singular else None
    if lead is not None:
        return lead, conf.DESCRIBED_PERSON if lead.kind == "person" else conf.EARLIER_DESCRIPTION
    if singular and kind == "unnamed" and _of_someone(token):
        later = named_next(r, token)
        if later is not None:
            return later, conf.DESCRIBED_PERSON
    if singular and kind == "unnamed" and _introduced(token):
        later = introduced_next(r, token)
        if later is not None:
            return later, conf.DESCRIBED_PERSON
    if singular and kind == "unnamed" and headline_source(token) and _of_anyone(token):
        later = first_speaker_after(r, token)
        if later is not None:
            return later, conf.DESCRIBED_PERSON
    return as_written(r, token, kind)


def as_written(r: SpeakerResolver, token: Token, kind: str = "unnamed"
               ) -> tuple[Speaker, float]:
    """The description itself as the source, when no one it may mean is found."""
    speaker = Speaker(r.reg.phrase(token), kind)
    r.reg.remember(token, speaker)
    return speaker, conf.DESCRIPTION


def _of_someone(token: Token) -> bool:
    """A definite description of one person ("the new mayor", "his son", "the city's new
    mayor"; not "Ruiz's campaign manager", which says who they are)."""
    owned = any(c.dep_ == "poss" and (c.pos_ == "PRON" or definite(c)) for c in token.children)
    return (definite(token) or owned) and (
        token.lemma_.lower() in UNNAMED_SOURCES or describes_someone(token) or _who(token) or
        _head_of(token))


def _head_of(token: Token) -> bool:
    """"The head of the dockers' union": a head of something is the person leading it."""
    return token.lower_ == "head" and any(c.dep_ == "prep" and c.lower_ == "of"
                                          for c in token.children)


def _who(token: Token) -> bool:
    """"The Romanian hacker who first revealed …": a noun a "who" clause describes is a
    person, whatever the noun."""
    return any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj"
                                         for w in c.children) for c in token.children)


def _introduced(token: Token) -> bool:
    """"A retired lighthouse keeper who wrote …", "a ferry pilot, who said …": an indefinite person
    a "who" clause describes, brought into the story to be named."""
    return _who(token) and any(c.dep_ == "det" and c.lower_ in {"a", "an"}
                               for c in token.children)


def _of_anyone(token: Token) -> bool:
    """A word for a person speaking ("official", "top aide", "candidate"), not "polling"."""
    return token.dep_ == "nsubj" and (
        token.lemma_.lower() in UNNAMED_SOURCES or describes_someone(token))


def from_headline(r: SpeakerResolver, token: Token, kind: str) -> Speaker | None:
    """A description the body leaves without anyone: the headline's one person for a bare
    title ("Win or lose, candidate says" under "Ruiz …"), its one organisation for "the
    company" (lead.py)."""
    owners = [c for c in token.children if c.dep_ in {"det", "poss"}]
    if kind == "organisation":
        return None if any(c.dep_ == "poss" for c in owners) else headline_organisation(r, token)
    return headline_person(r, token) if not owners and describes_someone(token) else None


def _titles_before_name(r: SpeakerResolver, token: Token) -> list[Token]:
    """"said lawyer and activist Ana Ruiz": two bare titles before one name, the parser making
    the name a conjunct of the first title, are that person's."""
    if token.tag_ != "NN" or any(c.dep_ in {"det", "poss"} for c in token.children):
        return []
    return [c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN" and
            r.reg.is_person(c) and not r.reg.quoted(c.idx)]


def named_past_clause(r: SpeakerResolver, token: Token) -> list[Token]:
    """"One farmer backing Mr. Hale, Ivo Marsh of …, said", "One of her donors who backs
    Lund, Ada Ruiz, said": the parser hangs the name on the name the subject's clause ends
    on; a name set beside a name does not describe it, so it names the subject (a person's
    name, or any name beside a noun only a person is)."""
    nouns = [token] + [g for c in token.children if c.dep == PREP and c.i > token.i
                       for g in c.children if g.dep == POBJ]
    for noun in nouns:
        for clause in (c for c in noun.children if c.dep_ in CLAUSES and c.i > noun.i):
            for obj in _clause_objects(clause):
                named = [c for c in obj.children if c.dep == APPOS and c.pos == PROPN and
                         c.i > obj.i and c.left_edge.nbor(-1).text == "," and
                         not r.reg.quoted(c.idx)]
                if obj.pos == PROPN and named and (_a_person(noun) or r.reg.is_person(named[0])):
                    return named[:1]
    return []


def _clause_objects(clause: Token) -> list[Token]:
    """The objects a clause ends on: its direct object, or the object of its preposition."""
    return [c for c in clause.children if c.dep_ == "dobj"] + [
        g for c in clause.children if c.dep == PREP for g in c.children if g.dep == POBJ]


def _named_after_of(r: SpeakerResolver, token: Token) -> list[Token]:
    """"The director of the Baltic Policy Institute, Vera Lindholm, told …": the parser hangs the
    name off the organisation; a person's name set beside a thing or a place describes the
    person the subject is (not "a spokesman for the mayor, X")."""
    current = token
    for _ in range(2):
        pobj = next((g for c in current.children if c.dep == PREP and c.i > current.i
                     for g in c.children if g.dep == POBJ), None)
        if pobj is None or person_noun(pobj) or pobj.lemma_.lower() in TITLE_WORDS:
            return []
        named = [c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and
                 r.reg.is_person(c) and not r.reg.quoted(c.idx)]
        if named:
            return named
        current = pobj
    return []


def owned_body(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"His campaign said": the campaign of the man he means ("Tomas Oduya's campaign")."""
    if token.lemma_.lower() not in ORG_NOUNS or token.tag_ in PLURAL_TAGS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"
                  and c.pos_ == "PRON" and not r.reg.quoted(c.idx)), None)
    if owner is None:
        return None
    speaker, _ = r.resolve(owner)
    if speaker.name is None or speaker.kind == "unnamed":
        return None
    words = token.doc[owner.i + 1:token.i + 1].text
    if token.lower_ in CAMPAIGN_ALIASES and _campaign_named(r, speaker.name):
        words = CAMPAIGN
    body = Speaker(f"{speaker.name}'s {words}", "organisation")
    r.reg.remember(token, body)
    return body


def staff_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Quill employee wrote", "the mayor's spokesman said": someone of a named body's or
    person's staff is the one person named before whose role names that body or person
    ("Quill.com writer Ana Ruiz", "Ruiz spokesman Tom Vale"), not an unnamed source."""
    lemma = token.lemma_.lower()
    if lemma not in UNNAMED_SOURCES or token.tag_ in PLURAL_TAGS:
        return None
    owner = next((c for c in token.children if c.dep == POSS), None)
    named = [c for c in token.lefts if c.dep == COMPOUND and c.pos == PROPN]
    if owner is not None:
        speaker, _ = r.resolve(owner)
        if speaker.name is None or speaker.kind == "unnamed":
            return None
        tag, own = speaker.name.split()[-1].lower(), r.reg.key_of(speaker.name)
    elif named and definite(token):
        tag, own = named[-1].lower_, None
    else:
        return None
    found: set[str] = set()
    for mention in r.reg.before(token.idx):
        person = r.reg.people.get(mention.key) if mention.speaker.kind == "person" else None
        if person is not None and person.role and mention.key != own and \
                tag in _role_names(person.role) and (
                    lemma in ANY_STAFF or lemma in _role_words(person.role)):
            found.add(mention.key)
    return r.reg.people[found.pop()].speaker() if len(found) == 1 else None


def relative_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"His brother added" after "his brother Piet Vell told …": a family word someone owns
    is the one person named before with that family word as their role, else, with no one
    so named, the one relative of the owner's surname (``_of_the_family``)."""
    lemma = token.lemma_.lower()
    if lemma not in KIN or token.tag_ in PLURAL_TAGS or \
            not any(c.dep == POSS for c in token.children):
        return None
    found: set[str] = set()
    for mention in r.reg.before(token.idx):
        person = r.reg.people.get(mention.key) if mention.speaker.kind == "person" else None
        if person is not None and lemma in _role_words(person.role or person.shown_role or ""):
            found.add(mention.key)
    if len(found) == 1:
        return r.reg.people[found.pop()].speaker()
    return _of_the_family(r, token) if not found else None


def _of_the_family(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"If Ana Ruiz wins, her husband would …" with "Tom Ruiz" named in the article: a family
    word owned by a person is the one other person the article names with that person's
    surname."""
    owner = next((c for c in token.children if c.dep == POSS), None)
    if owner is None or r.reg.quoted(owner.idx):
        return None
    speaker, _ = r.resolve(owner)
    if speaker.kind != "person" or speaker.name is None or len(speaker.name.split()) < 2:
        return None
    surname = speaker.name.split()[-1]
    family = [p for name, p in r.reg.people.items() if name != speaker.name and
              len(name.split()) > 1 and name.split()[-1] == surname]
    return family[0].speaker() if len(family) == 1 else None


def _role_names(role: str) -> set[str]:
    """The names a role holds, a web address by its site ("Quill.com writer" → "quill")."""
    words = (w.strip(",.;:()'\"“”’").removesuffix("’s").removesuffix("'s") for w in role.split())
    return {w.lower().split(".")[0] for w in words if w[:1].isupper()}


def _campaign_named(r: SpeakerResolver, name: str) -> bool:
    """Whether the article names the campaign of whoever ``name`` is by their name ("the
    Rubio campaign", "Rubio's campaign"), so that "his team" and "the Rubio team" are that
    campaign, shown as the article names it."""
    surname = name.split()[-1].lower()
    return any(c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" and
               c.lower_ == surname for t in r.reg.nouns_after(CAMPAIGN, -1) for c in t.children)


def remarks_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The remarks suggest …" with no owner named: the words of whoever spoke last (within
    words.RECENT_CHARS)."""
    if token.lemma_.lower() not in REMARKS or not definite(token):
        return None
    for mention in r.reg.before(token.idx):
        if token.idx - mention.offset > RECENT_CHARS:
            return None
        if mention.subject and mention.speaker.name is not None and \
                mention.speaker.kind in {"person", "organisation"}:
            return mention.speaker
    return None


def account_owner(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Her Twitter account posted", "his plan calls for", "her remarks suggest": what an
    account, a plan, a book or words say (words.ACCOUNTS, SPEAKING_THINGS, REMARKS), their
    owner says."""
    if token.lemma_.lower() not in OWNED_WORDS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss" and (
        c.pos_ in {"PRON", "PROPN"} or c.pos_ == "NOUN" and definite(c))  # "the mayor's words"
        and not r.reg.quoted(c.idx)), None)
    if owner is None:
        return None
    speaker, _ = r.resolve(owner)
    return speaker if speaker.name is not None and speaker.kind != "unnamed" else None


def nation_of(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Saudis said", "the Mexican government said" after "Saudi Arabia", "Mexico": a
    people, or a government named by its nationality, is the country the article names with
    the same stem."""
    nationality = _nationality(token)
    if nationality is None:
        return None
    for ent in r.reg.ents:
        if ent.label_ == "GPE" and ent.text.lower().startswith(nationality.lower_[:4]) and \
                not r.reg.quoted(ent.start_char):
            return Speaker(clean(ent.text), "organisation")
    return None


def _nationality(token: Token) -> Token | None:
    """The word naming a people: the subject itself ("the Saudis", "the Chinese"), or the
    modifier of a government ("the Mexican government")."""
    if token.ent_type_ == "NORP":
        return token if token.tag_ in PLURAL_TAGS or token.lower_.endswith("ese") else None
    if token.lemma_.lower() not in GOVERNMENTS or token.tag_ in PLURAL_TAGS:
        return None
    return next((c for c in token.children if c.dep_ in {"amod", "compound"}
                 and c.ent_type_ == "NORP"), None)


def appositive(r: SpeakerResolver, token: Token, name: Token) -> tuple[Speaker, float]:
    """"The festival's director, Camille Laurent, said": the name speaks, the noun is a role."""
    ent = r.reg.ent_of.get(name.i)
    if token.lemma_.lower() in ORG_NOUNS and (ent is None or ent.label_ != "PERSON"):
        speaker = Speaker(r.reg.text_of(r.reg.name_span(ent)) if ent else name.text, "organisation")
        r.reg.remember(name, speaker)
        return speaker, conf.APPOSITIVE
    if (_a_person(token) or _aged(name)) and (ent is None or ent.label_ != "PERSON"):
        text = name_text(name, None)
        speaker = r.reg.person_speaker(name, r.reg.register(text).name)
        confidence = conf.APPOSITIVE
    else:
        speaker, confidence = r.proper(name, ent)
    if speaker.kind == "person" and speaker.name in r.reg.people:
        person = r.reg.people[speaker.name]
        phrase = r.reg.phrase(token, upto=name.left_edge.i if name.i > token.i else None)
        plural = token.tag_ in PLURAL_TAGS  # "residents Ana Ruiz and Tom Vale": no one's role
        shown = sentence_cased(phrase, [token.left_edge]) if phrase and not plural else None
        person.take_role(Role(phrase, shown))
        person.gender = person.gender or gender_of_words([token.lower_])
        speaker = person.speaker()
    return speaker, confidence


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
               _placed_alike(token, p.role or "") and not _former(_role_words(p.role or ""), token)]
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
    subjects = pronouns.sentence_subjects(r, r.reg.sents[index - 1])
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
               (body is None or body in _role_words(p.role))]
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
        for written, word in zip(p.role.split(), _role_words(p.role), strict=True))


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
    place their title does not name."""
    gender = gender_of_words([token.lower_])
    known = r.reg.gender(r.reg.key_of(person.name))
    if gender is not None and known is not None and gender != known:
        return False
    role = _role_words(person.role or "")
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
    words = _role_words(role)
    title = words[:next((i for i, w in enumerate(words) if w in ROLE_PREPOSITIONS), None)]
    return _heads(title, token) and _proper_modifiers(token) <= set(words) and \
        not _former(title, token)


def _heads(title: list[str], token: Token) -> bool:
    """Whether the description's word heads the title: ends it or a title joined to it
    ("President and CEO"), with the same second's rank ("the president" is no "vice
    president", nor the reverse; "the campaign" is no "campaign manager")."""
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
    if places <= set(_role_words(role)):
        return True
    return not any(w[:1].isupper() and word not in TITLES_OR_ARTICLES
                   for w, word in zip(role.split(), _role_words(role), strict=True))


def _role_words(text: str) -> list[str]:
    """A role's words, abbreviated titles written out ("Sen." is "senator")."""
    words = (w.strip(",.;:()'\"“”’") for w in text.lower().split())
    return [ABBREVIATED_TITLES.get(w, w) for w in words]


def _proper_modifiers(token: Token) -> frozenset[str]:
    """The places and peoples before a title ("Florida", "Republican" in "the Florida
    Republican senator"; not the owner in "the Okafor aide"), or after it in a "from" phrase
    ("the senator from Florida", as a role reads "senator from Florida")."""
    before = [c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    after = [w for prep in token.rights if prep.dep_ == "prep" and prep.lower_ == "from"
             for place in prep.children if place.dep_ == "pobj" for w in place.subtree]
    return frozenset(c.lower_ for c in before + after if c.ent_type_ in PLACE_LABELS)


def earlier_entity(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The agency" after "the European Space Agency", "the center" after "the Centre for
    Coastal Studies": an organisation named before that the word may stand for."""
    ent = r.reg.body_called(token.lower_, token.i)
    return Speaker(r.reg.org_name(ent), "organisation") if ent is not None else None


def place_acting(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Brightwater had two accidents …. The town said …": "the town", "the kingdom" is the
    place last acting in a clause in its sentence or the one before (tagged a place there, or
    a word the recogniser tags only as a place elsewhere)."""
    if token.lemma_.lower() not in PLACE_KINDS:
        return None
    since = r.reg.sent_starts[max(0, bisect_right(r.reg.sent_starts, token.i) - 2)]
    for tok in reversed(r.reg.doc[since:token.i]):
        if tok.dep_ not in ACTING or tok.pos != PROPN or r.reg.quoted(tok.idx):
            continue
        ent = r.reg.ent_of.get(tok.i)
        if ent is not None and ent.label_ == "GPE" and ent.root == tok:
            return Speaker(clean(r.reg.text_of(ent)), "organisation")
        if ent is None and r.reg.place_named(tok.text):
            return Speaker(tok.text, "organisation")
    return None


def earlier_source(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The people" after "three people familiar with the matter" introduced them."""
    keep = _counted_many if token.tag_ in PLURAL_TAGS else _counted_one
    found = r.reg.nouns_where(token.lemma_.lower(), keep)
    named = {c.lower_ for c in token.lefts if c.text[:1].isupper() and c.dep_ != "det"}
    for i in reversed(found[:bisect_left(found, token.i)]):
        earlier = r.reg.doc[i]
        if named <= {w.lower_ for w in earlier.subtree}:
            return Speaker(r.reg.phrase(earlier), "unnamed")
    return None


def _counted(tok: Token) -> bool:
    """"Three people", "some officials": a number or an uncounted amount introduces them."""
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in UNCOUNTED or
               c.dep_ == "nummod" and c.like_num for c in tok.children)


def _counted_many(tok: Token) -> bool:
    return tok.tag_ in PLURAL_TAGS and _counted(tok)


def _counted_one(tok: Token) -> bool:
    return tok.tag_ not in PLURAL_TAGS and _counted(tok)


def earlier_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The commission" after "the electoral commission" or an organisation named before (not
    one its name calls another kind of body, unless the word is one for any: ``GENERIC_BODIES``)."""
    lemma = token.lemma_.lower()
    if lemma in COMPANY_NOUNS:
        company = acting_company(r, token)
        if company is not None:
            return company
    named = _panel(r, token) if lemma == "panel" else _named_chunk(r, lemma, token)
    if named is not None:
        return named
    if lemma in AGENCIES:
        return _agency(r, token)
    for mention in r.reg.before(token.idx):
        if mention.speaker.kind == "organisation" and (
                lemma in GENERIC_BODIES or kind_fits(mention.speaker.name or "", token)):
            return mention.speaker  # "the union" is no "harbour board"
    return None


def _named_chunk(r: SpeakerResolver, lemma: str, token: Token) -> Speaker | None:
    """The first body named before ``token`` in a phrase of more than two words headed by
    ``lemma`` ("the Senate Committee on Ports" for "the committee")."""
    for chunk in r.reg.chunks_before(lemma, token.i, longer_than=2):
        if chunk.root == token and not any(t.pos_ == "PROPN" for t in chunk):
            continue  # its own phrase names it ("the Okafor campaign"), or says nothing
        if not r.reg.quoted(chunk.start_char):
            beside = _set_beside(r, chunk.root)
            return nation_of(r, chunk.root) or (appositive(r, *beside)[0] if beside else None) \
                or Speaker(r.reg.phrase(chunk.root), "organisation")
    return None


def _panel(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The panel" is the one committee, commission or board named before it, by a phrase
    headed so; with two such bodies named, neither."""
    found = {s for s in (_named_chunk(r, word, token) for word in PANELS) if s is not None}
    return found.pop() if len(found) == 1 else None


def _self_named(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The Ruiz campaign said": a body its own phrase names by a name is that body, not an
    earlier "his campaign" of the same word; remembered as a mention, so that "the statement
    said" after it is the campaign's."""
    named = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not named:
        return None
    phrase = r.reg.phrase(token)
    if token.lower_ in CAMPAIGN_ALIASES and phrase.endswith(token.text) and \
            _campaign_named(r, named[-1].text):
        phrase = f"{phrase[:len(phrase) - len(token.text)]}{CAMPAIGN}"  # "the Ruiz team"
    speaker = Speaker(phrase, "organisation")
    r.reg.remember(token, speaker)
    return speaker


def _agency(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The law enforcement agency said" after "the FBI's investigation": the last
    organisation named like a government agency (its last word agency, bureau, department,
    …, or an acronym), not the network or firm named nearer."""
    for ent in r.reg.ents_before(token.i):
        if ent.label_ == "ORG" and not r.reg.quoted(ent.start_char) and \
                _public_body(r.reg.text_of(r.reg.name_span(ent))):
            return Speaker(r.reg.org_name(ent), "organisation")
    return None


def _public_body(name: str) -> bool:
    """"The agency" is an organisation named like one ("the State Department", "the FBI"),
    not the network or firm named nearer."""
    words = name.split()
    if not words:
        return False
    last = words[-1].lower()
    letters = last.replace(".", "")
    return last in AGENCIES or words[-1].replace(".", "").isupper() and \
        2 <= len(letters) <= 5 and letters not in PERIODICALS


def organisation_called(r: SpeakerResolver, token: Token, text: str) -> Speaker | None:
    """"Corveth said" after "Corveth Foods": the short name of an organisation named before;
    also by its last word after "the", unless tagged a person ("the Ledger said" after "the
    Harlow Daily Ledger": not a person "Daily Ledger"; no one is "the Ruiz"); a one-word
    name that reports is an outlet."""
    previous = r.reg.doc[token.i - 1].lower_ if token.i > 0 else ""
    spelt = r.reg.expand(text) if previous == "the" else text
    if spelt != text:  # "the FAP" the article spelt out, not "Young FAP" named later
        return Speaker(spelt, "organisation")
    known = r.reg.people.get(r.reg.key_of(text))
    if " " in text or known is not None and (" " in known.name or known.gender) or \
            previous in HONORIFICS or previous.strip(".") in TITLE_WORDS:
        return None
    short = token.ent_type_ != "PERSON" and definite(token)
    for ent in r.reg.ents:
        if ent.start >= token.i:
            break
        if ent.label_ == "ORG" and len(ent) > 1 and \
                (ent[0].text == text or short and _last_word(ent) == text) and \
                not r.reg.quoted(ent.start_char):
            return Speaker(r.reg.org_name(ent), "organisation")
    if known is not None and _reports(r, text):
        return Speaker(text, "organisation")
    return None


def _reports(r: SpeakerResolver, text: str) -> bool:
    """A one-word name the article never gives a first name, the subject of "reported" or
    "reports" somewhere: a news outlet ("Harbour Gazette reported"), not a person."""
    doc = r.reg.doc
    return any(doc[i].dep_ == "nsubj" and doc[i].head.lemma_ == "report" and
               doc[i].head.tag_ in {"VBD", "VBZ"}
               for i in r.reg.columns.written(text, len(doc)))


def _last_word(ent: Span) -> str:
    """An organisation's last word, past a possessive ("the Daily Ledger's"), after another
    word of its name (not "(Ledger")."""
    words = ent[:-1] if ent[-1].lower_ in {"'s", "’s"} else ent
    if len(words) < 2 or words[-2].pos != PROPN:
        return ""
    return words[-1].text


def describes_someone(token: Token) -> bool:
    """"The billionaire", "the Wisconsin Republican", "the former president": a description
    news uses for someone it has named, not for an unnamed source ("the official")."""
    word = _hyphenated(token)
    if word in UNNAMED_SOURCES:
        return _judged(token)
    modified = any(c.dep_ in {"amod", "compound", "nmod"} for c in token.lefts)
    return word in DESCRIBED_PEOPLE or word in PERSON_TITLES or \
        modified and word in COMPANY_ROLES or \
        token.ent_type_ == "NORP" or gender_of_words([token.lower_]) is not None


def _judged(token: Token) -> bool:
    """"The influential delegate", "the veteran analyst": an unnamed-source noun the writer
    qualifies with a judgement describes someone already named (not "a senior official")."""
    return definite(token) and any(
        c.dep_ == "amod" and c.pos_ == "ADJ" and c.lemma_.lower() not in RANKS
        for c in token.lefts)


def unlisted_description(token: Token) -> bool:
    """"The retired neurosurgeon said", "the GOP speechwriter said": a modified common noun
    no list knows, speaking, describes someone the article named; not an organisation, a
    document, an unnamed source, nor a thing of a longer name ("the Global Times tabloid")."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or token.ent_type_:
        return False
    if token.lemma_.lower() in LISTED:
        return False
    modifiers = [c for c in token.lefts if c.dep_ in {"amod", "compound"}]
    if any(c.pos_ == "PROPN" and _in_longer_name(c) for c in modifiers):
        return False
    return any(c.pos_ in {"ADJ", "PROPN", "NOUN"} for c in modifiers)


def _in_longer_name(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].pos_ == "PROPN" or \
        token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"


def _hyphenated(token: Token) -> str:
    """"front-runner" as one word, which the tokenizer splits at the hyphen."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
            and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lemma_.lower()}"
    return token.lemma_.lower()


def described_person(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The person a definite description means: like a pronoun of its gender when it has one
    ("the congresswoman"), else the subject of the narrative just before it."""
    gender = gender_of_words([token.lower_])
    if gender is not None:
        called = called_so(r, token, gender)
        if called is not None:
            return called
        speaker, _ = pronouns.pronoun(r, token, gender)
        return speaker if speaker.name is not None else None
    found = _lede_named_next(r, token) or headline_person(r, token) or r.last_person(token.idx)
    going_on = _other_sex_going_on(r, token, found) if found is not None else None
    if going_on is not None:
        speaker, _ = pronouns.pronoun(r, token, going_on)  # "… her lead": not the man before
        return speaker if speaker.name is not None else None
    return found


def _other_sex_going_on(r: SpeakerResolver, token: Token, found: Speaker) -> str | None:
    """The sex of the his or her going on about a description ("the candidate spoke of her
    mother") when the person found for it is known to be of the other one, else None."""
    known = r.reg.gender(r.reg.key_of(found.name))
    if known is None:
        return None
    going_on = _gender_going_on(r, token)
    return going_on if going_on is not None and going_on != known else None


def _gender_going_on(r: SpeakerResolver, token: Token) -> str | None:
    """The sex of the he or she that goes on about a description: the first "his" or "her" in
    the rest of its sentence before any name but a place's ("The former governor wants to
    keep her lead", "…, who carried Vermont, wants to keep her lead"),
    else the subject opening the next sentence ("The senator vowed …. He sent …")."""
    index = bisect_right(r.reg.sent_starts, token.i) - 1
    for word in r.reg.doc[token.i + 1:r.reg.sents[index].end]:
        if r.reg.quoted(word.idx):
            continue
        if word.pos == PROPN and word.text[:1].isupper() and word.ent_type_ not in PLACE_LABELS:
            return None  # "… carried Vermont …, her seat": a place names no one
        if word.dep == POSS and word.lower_ in PRONOUN_GENDER:
            return PRONOUN_GENDER[word.lower_]
    if index + 1 >= len(r.reg.sents):
        return None
    opener = next((w for w in r.reg.sents[index + 1] if w.dep_ == "nsubj"), None)
    return PRONOUN_GENDER.get(opener.lower_) if opener is not None and opener.lower_ in \
        {"he", "she"} and not r.reg.quoted(opener.idx) else None


def _lede_named_next(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The lifelong Republican who wrote the speech says …" opening the body, which names no
    one before it: the person the next sentences name first, not someone the headline
    mentions ("… might vote for Ruiz")."""
    if not describes_someone(token):  # "The ballot question seeks …" is no one
        return None
    read_headline(r.reg)
    end = r.reg.headline_end
    if not end or token.idx < end or r.last_person(token.idx, since=end) is not None:
        return None
    return named_next(r, token)
