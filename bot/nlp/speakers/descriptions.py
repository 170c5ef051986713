"""Descriptions: which rule settles a common-noun subject (a name set beside it,
``appositives``; a body, ``bodies``; a title, ``titles``; family and staff, ``relations``; an
account or remarks, ``accounts``), and the people and sources left: "the candidate" is the
person the article goes on about, "the people" those it introduced as "three people familiar
with …"; otherwise the words themselves are kept as an unnamed source."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.parts_of_speech import PROPN
from spacy.tokens import Token

from bot.models import Speaker
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers import documents, pronouns
from bot.nlp.speakers.accounts import account_owner, remarks_of
from bot.nlp.speakers.appositives import (
    appositive,
    named_after_of,
    named_past_clause,
    set_beside,
    titles_before_name,
)
from bot.nlp.speakers.bodies import (
    earlier_entity,
    earlier_named,
    nation_of,
    owned_body,
    place_acting,
    self_named,
)
from bot.nlp.speakers.called import called_so
from bot.nlp.speakers.cataphora import (
    UNCOUNTED,
    first_speaker_after,
    headline_source,
    introduced_next,
    named_next,
)
from bot.nlp.speakers.commanding import commanding_subject
from bot.nlp.speakers.lead import headline_organisation, headline_person, read_headline
from bot.nlp.speakers.media import owning_paper, publication, publication_word
from bot.nlp.speakers.names import APPOS, POSS, definite, gender_of_words, subject_set_beside
from bot.nlp.speakers.relations import relative_named, staff_of
from bot.nlp.speakers.someone import describes_someone, unlisted_description
from bot.nlp.speakers.titles import (
    PLACE_LABELS,
    body_title_holder,
    sole_holder,
    subject_before,
    title_holder,
)
from bot.nlp.speakers.withheld import named_before_as_withheld, withheld
from bot.nlp.speakers.words import (
    COLLECTIVE,
    ISSUED_NOUNS,
    ORG_NOUNS,
    PLURAL_TAGS,
    PRONOUN_GENDER,
    UNNAMED_SOURCES,
)

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver


def nominal(r: SpeakerResolver, token: Token) -> tuple[Speaker, float]:
    """A common-noun subject: a name set beside it, a source kept unnamed, the name it is set
    beside, a paper, an owner or issuer, a title's holder, else whoever the words fit."""
    found = _named_beside(r, token) or _kept_unnamed(r, token) or _head_named(r, token) or \
        _owner(r, token)
    if found is not None:
        return found
    described, singular = definite(token), token.tag_ not in PLURAL_TAGS
    holder = _title_holder(r, token) if described and singular else None
    if holder is not None:
        return holder, conf.TITLE_HOLDER
    return _described(r, token, described=described, singular=singular)


def _named_beside(r: SpeakerResolver, token: Token) -> tuple[Speaker, float] | None:
    """"The director, Vera Lind,", "said lawyer Ana Ruiz": a name set beside the noun
    (``appositives``) speaks."""
    beside = set_beside(r, token)
    if beside is not None:
        return appositive(r, *beside)
    named = named_after_of(r, token) or titles_before_name(r, token) or \
        named_past_clause(r, token)
    return appositive(r, token, named[0]) if named else None


def _head_named(r: SpeakerResolver, token: Token) -> tuple[Speaker, float] | None:
    """"Harold Ode, a banker who said …": a noun set beside a name before it is that name."""
    head = token.head if token.dep == APPOS and not subject_set_beside(token) else None
    if head is not None and head.pos_ == "PROPN" and head.i < token.i and \
            not r.reg.quoted(head.idx):
        named_by, confidence = r.resolve(head)
        if named_by.name is not None and named_by.kind != "unnamed":
            return named_by, confidence
    return None


def _owner(r: SpeakerResolver, token: Token) -> tuple[Speaker, float] | None:
    """Whoever speaks for what the noun names: a paper ("the newspaper"), its owner ("his
    campaign", "her account", "the union's chair", a relative), a document's issuer."""
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
    if token.lemma_.lower() in ISSUED_NOUNS:
        issued_by = documents.issuer(r, token, definite=definite(token))
        if issued_by is not None:
            return issued_by, conf.EARLIER_DESCRIPTION
    return None


def _title_holder(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"The minister": the one holder of the title, the subject before it or the one last
    titled so (``titles``), unless a his or her going on about it is of the other sex."""
    for rule in (sole_holder, subject_before, title_holder):
        holder = rule(r, token)
        if holder is not None and _other_sex_going_on(r, token, holder) is None:
            return holder
    return None


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


def _described(r: SpeakerResolver, token: Token, *, described: bool,
               singular: bool) -> tuple[Speaker, float]:
    """A description no name, owner, document or title settled: whoever or whatever the
    article (or its headline) named that it fits, else the words themselves as a source."""
    lemma = token.lemma_.lower()
    kind = "organisation" if lemma in ORG_NOUNS and (singular or lemma in COLLECTIVE) \
        else "unnamed"
    earlier = _named_before(r, token, kind, singular=singular) if described else None
    if earlier is not None:
        return earlier, conf.EARLIER_DESCRIPTION
    if described and singular and (describes_someone(token) or unlisted_description(token)):
        person = described_person(r, token)
        if person is not None:
            return person, conf.DESCRIBED_PERSON
    lead = from_headline(r, token, kind) if singular else None
    if lead is not None:
        return lead, conf.DESCRIBED_PERSON if lead.kind == "person" else conf.EARLIER_DESCRIPTION
    later = _named_after(r, token) if singular and kind == "unnamed" else None
    if later is not None:
        return later, conf.DESCRIBED_PERSON
    return as_written(r, token, kind)


def _named_before(r: SpeakerResolver, token: Token, kind: str, *,
                  singular: bool) -> Speaker | None:
    """What a definite description stands for that the article named before: a body (its
    own name first, for a body's word), a place acting, the sources it introduced."""
    earlier = earlier_entity(r, token)
    if earlier is None and kind == "organisation":
        earlier = self_named(r, token) or earlier_named(r, token)
    if earlier is None and singular:
        earlier = place_acting(r, token)
    return earlier if earlier is not None else earlier_source(r, token)


def _named_after(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The person an unnamed description of one is named as after it: "the new mayor" named
    next, "a ferry pilot, who said …" introduced, a headline's source the first to speak."""
    if _of_someone(token):
        later = named_next(r, token)
        if later is not None:
            return later
    if _introduced(token):
        later = introduced_next(r, token)
        if later is not None:
            return later
    if headline_source(token) and _of_anyone(token):
        return first_speaker_after(r, token)
    return None


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


def described_person(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The person a definite description means (``_person_described``), never the subject of
    a clause it stands inside ("Vale told friends the candidate knew": not Vale)."""
    found = _person_described(r, token)
    return None if found is None or commanding_subject(r, token, found) else found


def _person_described(r: SpeakerResolver, token: Token) -> Speaker | None:
    """Like a pronoun of the description's gender when it has one ("the congresswoman"), else
    the subject of the narrative just before it."""
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
