"""Polls, reports, ads and statements speak for whoever issued them: "a Harbour Institute poll",
"a report from the committee", "the ad" after "the Ruiz campaign released an ad"."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

from spacy.parts_of_speech import PROPN
from spacy.tokens import Span, Token

from bot.models import Speaker
from bot.nlp.speakers.names import definite, nominal_subject
from bot.nlp.speakers.subjects import narrative, sentence_subjects
from bot.nlp.speakers.words import (
    FINDINGS,
    ISSUED_NOUNS,
    ISSUER_PREPS,
    ISSUING_VERBS,
    PIECES,
    PLURAL_TAGS,
    POSSESSIVE_MARKS,
    STATEMENTS,
    SURVEYS,
)

NAME_JOINERS = {"/", "-", "&", "–"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
EDITORIAL_WORDS = {"editorial", "editorials", "editor", "editors", "newspaper", "paper", "board"}
"""Words whose owner is a paper, found as one (``media.publication``), not an issuer."""
BODY_SENTENCES = 3
"""Sentences before a statement's own searched for the organisation that issued it."""
NOT_ISSUERS = {"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
LETTERS = frozenset({"letter", "note", "email", "e-mail", "memo", "message"})
"""What someone writes or sends to someone: "Berg wrote to the council" is the letter's sender."""
WRITING_TO = {"write", "send"}
SENDING_VERBS = {"send", "sign", "write", "author", "draft", "email", "pen"}
"""Verbs whose agent speaks for a document ahead of any other verb of its phrase: "an email
released by the union and sent by Ines Calder" is Calder's."""
HANDLING_VERBS = {"obtain", "leak", "see", "review", "receive", "acquire", "get"}
"""Verbs whose agent came by a document and does not speak for it ("a memo obtained by the
Ledger")."""
PLACES = {"GPE", "LOC"}
"""Labels of places, which conduct no poll ("a firm based in Ohio, which conducted …")."""
CONDUCTING = "conduct"
"""The verb of who made a poll, the one the article names for it even when it was for others."""

if TYPE_CHECKING:
    from bot.nlp.speakers.resolver import SpeakerResolver


def issuer(r: SpeakerResolver, token: Token, *, definite: bool) -> Speaker | None:
    """Who issued the document ``token`` names: named in its own phrase or as the subject of
    the verb issuing it ("Ruiz released an ad that …"), else the issuer of
    the same document mentioned elsewhere (before it when it is "the poll", after it first
    when it is "a new poll", which the article names further on; "the letter" after "X wrote
    to Y" X's before a later letter's); for "the survey", else a
    poll of another word named before it; "the statement" first the organisation speaking
    just before it."""
    own = own_issuer(r, token) or _issued_here(r, token)
    lemma = token.lemma_.lower()
    if own is not None or token.tag_ in PLURAL_TAGS and not definite and not _particular(token):
        return own  # "polls show": no one poll; "the results", "the ads" are ones named
    if definite and lemma in STATEMENTS:
        near = _issued_just_before(r, token) or _spoke_just_before(r, token) or \
            _organisation_speaking(r, token) or _body_before(r, token)
        if near is not None:
            return near
    lemmas = frozenset(SURVEYS if lemma in FINDINGS else {lemma})
    first, then = (-1, 1) if definite else (1, -1)
    found = _walk(r, lemmas, token.i, step=first) or \
        (_wrote_to(r, token) if definite else None) or _walk(r, lemmas, token.i, step=then)
    if found is None and definite:
        found = _survey_called_otherwise(r, token) or _sender(r, token)
    return found or _owning_body(r, lemma)


def _owning_body(r: SpeakerResolver, lemma: str) -> Speaker | None:
    """"According to a congressional report …. “The committee's report shows …,” said Ana
    Ruiz, who chairs the Senate Committee on Ports": a document of a word no rule gave an
    issuer is that of the body whose name holds the word that owns such a document elsewhere,
    in quotation marks or not ("the committee's"), named by the end of the owner's sentence."""
    if lemma not in r.reg.owning_bodies:
        r.reg.owning_bodies[lemma] = next(filter(None, (
            _body_named(r, owner) for i in _document_words(r, frozenset({lemma}), titled=False)
            for owner in r.reg.doc[i].children
            if owner.dep_ == "poss" and owner.pos_ == "NOUN" and definite(owner))), None)
    return r.reg.owning_bodies[lemma]


def _body_named(r: SpeakerResolver, owner: Token) -> Speaker | None:
    """The last body named in several words, one of them the owner's ("Committee"), before
    the end of the owner's sentence."""
    starts = r.reg.sent_starts
    k = bisect_right(starts, owner.i)
    end = starts[k] if k < len(starts) else len(r.reg.doc)
    word = owner.lower_
    for ent in r.reg.ents_before(end):
        if ent.label_ in {"ORG", "FAC"} and len(ent) > 1 and any(
                t.lower_ == word and t.text[:1].isupper() for t in ent):
            return Speaker(r.reg.org_name(ent), "organisation")
    return None


def _particular(documents: Token) -> bool:
    """"Exit polls conducted for the Ledger", "results of polls commissioned for the union":
    plural documents made for someone are ones the article names elsewhere with who made
    them, not polls in general ("new polls released Sunday")."""
    surveys = [documents] + [o for p in documents.children if p.dep_ == "prep" and
                             p.lower_ == "of" for o in p.children if o.dep_ == "pobj" and
                             o.lemma_.lower() in SURVEYS]
    return any(c.dep_ == "acl" and c.lemma_.lower() in ISSUING_VERBS and any(
        p.dep_ == "prep" and p.lower_ == "for" and not _dated(p) for p in c.children)
        for survey in surveys for c in survey.children)


def _dated(prep: Token) -> bool:
    """"Conducted for two weeks": a "for" phrase of time, not of a client."""
    return any(c.dep_ == "pobj" and c.ent_type_ in NOT_ISSUERS for c in prep.children)


def _issued_here(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"Ruiz released an ad that said …": the subject of the issuing verb whose object the
    document is (not "Ruiz cited polls that show …")."""
    if document.dep_ != "dobj" or document.head.lemma_.lower() not in ISSUING_VERBS:
        return None
    return _verb_subject(r, document)


def _survey_called_otherwise(r: SpeakerResolver, survey: Token) -> Speaker | None:
    """"A new Harbour Institute poll found …. The survey also found …": a poll, survey or
    study no earlier one of its own word names is the last one of another such word with an
    issuer, written before it."""
    lemma = survey.lemma_.lower()
    if lemma not in SURVEYS:
        return None
    return _walk(r, frozenset(SURVEYS - {lemma}), survey.i, step=-1, titled=False)


def _issued_just_before(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"The Ledger said Ruiz gave a statement. “…,” the statement said": the same word in its
    sentence or the one before, the object of who gave it, is that statement (not the
    paper's)."""
    words = _document_words(r, frozenset({document.lemma_.lower()}), titled=False)
    k = bisect_left(words, document.i) - 1
    starts = r.reg.sent_starts
    if k < 0 or words[k] < starts[max(0, bisect_right(starts, document.i) - 2)]:
        return None
    other = r.reg.doc[words[k]]
    if r.reg.quoted(other.idx):
        return None
    return _verb_subject(r, other)


def _spoke_just_before(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"“…,” the release said. … “…,” the release added": the same statement speaking again
    within a few sentences is whoever it was the first time."""
    first = _first_of_run(r, document)
    return None if first == document.i else _named(r, r.reg.doc[first])


def _first_of_run(r: SpeakerResolver, document: Token) -> int:
    """Where the run of the same statement word speaking, each within ``BODY_SENTENCES`` of
    the one before, that ``document`` ends begins (kept for every word of the run walked)."""
    words = _document_words(r, frozenset({document.lemma_.lower()}), titled=False)
    starts, runs = r.reg.sent_starts, r.reg.statement_runs
    walked: list[int] = []
    at = document.i
    while at not in runs:
        walked.append(at)
        k = bisect_left(words, at) - 1
        if k < 0 or words[k] < starts[max(0, bisect_right(starts, at) - 1 - BODY_SENTENCES)]:
            break
        other = r.reg.doc[words[k]]
        if r.reg.quoted(other.idx) or other.dep_ != "nsubj" or not definite(other):
            break
        at = other.i
    first = runs.get(at, at)
    runs.update(dict.fromkeys(walked, first))
    return first


def _organisation_speaking(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"The Trump campaign responded that …. “…,” the statement said": a statement no one
    issued in the text is that of the organisation that spoke in its sentence or the one
    before."""
    starts = r.reg.sent_starts
    since = r.reg.columns.idx[starts[max(0, bisect_right(starts, document.i) - 2)]]
    for mention in r.reg.before(document.idx):
        if mention.offset < since:
            return None
        if mention.subject and mention.speaker.kind == "organisation" and mention.speaker.name:
            return mention.speaker
    return None


def _body_before(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"The firm confirmed on Friday that both men worked there. “…,” the statement added":
    a statement no one issued in the text is that of the organisation that was the subject
    of the narrative just before (as "it" is); not past a person or a document speaking."""
    index = bisect_right(r.reg.sent_starts, document.i) - 1
    seen = 0
    for sent in reversed(r.reg.sents[max(0, index - BODY_SENTENCES):index]):
        if not narrative(r, sent):
            continue
        seen += 1
        for subject in sentence_subjects(r, sent):
            if subject.lemma_.lower() in ISSUED_NOUNS:
                return None  # "“…,” the release said": not resolved again from here
            speaker, _ = r.resolve(subject)
            return speaker if speaker.kind == "organisation" and speaker.name else None
        if seen >= BODY_SENTENCES:
            break
    return None


def _document_words(r: SpeakerResolver, lemmas: frozenset[str], *, titled: bool) -> list[int]:
    """Indexes of the nouns of these lemmas and, when ``titled``, of the same words ending a
    name ("a Morning Fields Poll found", which the tagger makes a proper noun), in text order."""
    found = r.reg.document_words.get((lemmas, titled))
    if found is None:
        pos = r.reg.columns.pos
        names = [i for i in r.reg.columns.lowered(lemmas) if pos[i] == PROPN] if titled else []
        found = r.reg.document_words[lemmas, titled] = sorted(
            [i for w in lemmas for i in r.reg.noun_indexes(w)] + names)
    return found


def _walk(r: SpeakerResolver, lemmas: frozenset[str], at: int, *, step: int,
          titled: bool = True) -> Speaker | None:
    """The issuer of the nearest document of these words before token ``at`` (``step`` -1)
    or after it (1) that names one, outside quotation marks. A document that named none is
    passed over at once the next time (``Registry.issued``), unless it led back to a token
    being resolved: read again from each "the report said", 1,000 took 10 s."""
    words = _document_words(r, lemmas, titled=titled)
    k = bisect_right(words, at) if step > 0 else bisect_left(words, at) - 1
    end = len(words) if step > 0 else -1
    skip = r.reg.issued.setdefault((lemmas, titled, step), {})
    passed: list[int] = []
    found: Speaker | None = None
    while k != end:
        if k in skip:
            passed.append(k)
            k = skip[k]
            continue
        other = r.reg.doc[words[k]]
        cycles = r.cycles
        if not r.reg.quoted(other.idx):
            found = _issuer_itself(r, other) or own_issuer(r, other) or _verb_subject(r, other)
            if found is not None:
                break
        if r.cycles == cycles:
            passed.append(k)
        else:  # it led back to a token being resolved: read again the next time
            skip.update(dict.fromkeys(passed, k))
            passed = []
        k += step
    skip.update(dict.fromkeys(passed, k))
    return found


def _issuer_itself(r: SpeakerResolver, name: Token) -> Speaker | None:
    """"Polls conducted by Edgeley Research": a name ending in a survey's word that "by" or
    "from" introduces is the issuer, not a document of its own."""
    if name.pos != PROPN or name.dep_ != "pobj" or name.head.lower_ not in ISSUER_PREPS:
        return None
    return _named(r, name)


def _sender(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"Ana Ruiz emailed supporters on Friday. The email said …": the subject of the verb
    of the same word before it ("emailed", "tweeted", "released")."""
    lemma = document.lemma_.lower()
    if lemma not in ISSUING_VERBS:
        return None
    verbs = [i for i in r.reg.columns.verbs(r.reg.doc, {lemma}) if i < document.i]
    for i in reversed(verbs):
        verb = r.reg.doc[i]
        if r.reg.quoted(verb.idx):
            continue
        subject = r.subject(verb) or nominal_subject(verb)
        if subject is None or subject.lemma_.lower() in ISSUED_NOUNS:
            continue
        speaker, _ = r.resolve(subject)
        if speaker.name is not None and speaker.kind != "unnamed":
            return speaker
    return None


def _wrote_to(r: SpeakerResolver, letter: Token) -> Speaker | None:
    """"Berg wrote to the council on Monday. … “…,” the letter read.": a letter, note or email
    no rule gave an issuer is that of the subject of the last "wrote to" or "sent … to" within
    a few sentences before it (not "sent two tugs to the pier")."""
    if letter.lemma_.lower() not in LETTERS:
        return None
    starts = r.reg.sent_starts
    since = starts[max(0, bisect_right(starts, letter.i) - 1 - BODY_SENTENCES)]
    verbs = [i for i in r.reg.columns.verbs(r.reg.doc, WRITING_TO) if since <= i < letter.i]
    for i in reversed(verbs):
        verb = r.reg.doc[i]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if r.reg.quoted(verb.idx) or not any(
                c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) or any(
                o.lemma_.lower() not in LETTERS | {"word"} for o in objects):
            continue
        subject = r.subject(verb) or nominal_subject(verb)
        return None if subject is None else _named(r, subject)
    return None


def own_issuer(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"Harbour Institute poll", "Ruiz's ad", "a report from the committee", "a survey
    released by Tallow University": the issuer named inside the document's phrase."""
    for child in token.children:
        if r.reg.quoted(child.idx):
            continue
        if child.dep_ == "poss" and (child.pos_ in {"PROPN", "PRON"} or _described(child)) \
                and child.ent_type_ not in NOT_ISSUERS:  # not "Monday's poll"
            return _owner(r, child)
        if child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in FINDINGS:
            survey = next((c for c in child.children if c.dep_ == "pobj"), None)
            if survey is not None and survey.lemma_.lower() in SURVEYS:
                return own_issuer(r, survey)
        if child.dep_ == "prep" and (child.lower_ in ISSUER_PREPS or _run_in(token, child)):
            found = _object_of(r, child)
            if found is not None:
                return found
    return _participle_issuer(r, token, sending=True) or _conductor(r, token) or \
        _name_before(r, token) or _participle_issuer(r, token, sending=False) or \
        _clause_issuer(r, token)


def _run_in(piece: Token, prep: Token) -> bool:
    """"An article in the Harbour Ledger said …": a piece "in" a named paper is the paper's."""
    return prep.lower_ == "in" and piece.lemma_.lower() in PIECES and any(
        c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)


def _conductor(r: SpeakerResolver, survey: Token) -> Speaker | None:
    """"A Ledger/WKRB poll conducted by Harbour Research", "the Harbour Institute, which
    conducted the Ledger/WKRB poll": a poll one firm made for others is the firm's, said of it
    or of a poll of the same name anywhere in the article; a person who conducted it is not."""
    lemma = survey.lemma_.lower()
    if lemma not in SURVEYS:
        return None
    name = _name_text(survey)
    doc = r.reg.doc
    same = [survey] if name is None else [survey] + [
        doc[i] for i in _document_words(r, frozenset({lemma}), titled=False)
        if i != survey.i and _name_text(doc[i]) == name]
    for poll in same:
        found = None if r.reg.quoted(poll.idx) else _conducted_by(r, poll)
        if found is not None and found.kind == "organisation":
            return found  # a person who conducted it is one pollster of a joint poll
    return None


def _conducted_by(r: SpeakerResolver, poll: Token) -> Speaker | None:
    """Who conducted this poll: the agent of "conducted" on it or of the passive it is the
    subject of, or the subject (a "which" read as the noun it follows) of the verb it is the
    object of."""
    verbs = [c for c in poll.children if c.dep_ == "acl" and c.lemma_.lower() == CONDUCTING]
    head = poll.head
    if head.lemma_.lower() == CONDUCTING and poll.dep_ == "nsubjpass":
        verbs.append(head)
    found = next(filter(None, (_agent_of(r, verb) for verb in verbs)), None)
    if found is not None or head.lemma_.lower() != CONDUCTING or poll.dep_ != "dobj":
        return found
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in RELATIVE_TAGS and head.dep_ == "relcl":
        subject = _which_means(subject, head.head)
    if subject is None or subject.ent_type_ in PLACES:
        return None  # "a firm based in Ohio, which conducted …": hung on the place
    return _named(r, subject)


def _which_means(which: Token, head: Token) -> Token:
    """"Ana Ruiz, director of the Harbour Institute, which conducted the poll": a "which" the
    parser hung on a person is no person but the noun just before it."""
    if which.lower_ != "which" or head.ent_type_ != "PERSON":
        return head
    before = which.doc[which.i - 1] if which.i > 0 else which
    if before.is_punct and before.i > 0:
        before = which.doc[before.i - 1]
    return before if before.pos_ in {"NOUN", "PROPN"} else head


def _participle_issuer(r: SpeakerResolver, token: Token, *, sending: bool) -> Speaker | None:
    """"An email released by the union and sent by Ines Calder", "the email, released by the
    union, was sent by Calder": the agent of a participle on the document or of the passive
    verb it is the subject of. ``sending``: of a sending verb, which comes before a maker
    named in the document's phrase; else of any other (released, published), which comes
    after it ("a Harbour Watch report released by the union" is Harbour Watch's); never who
    obtained or leaked it."""
    verbs = [v for c in token.children if c.dep_ == "acl" for v in _with_conjuncts(c)]
    if token.dep_ == "nsubjpass" and token.head.lemma_.lower() in SENDING_VERBS:
        verbs.append(token.head)
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if (lemma in SENDING_VERBS) == sending and lemma not in HANDLING_VERBS and \
                (found := _agent_of(r, verb)) is not None:
            return found
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    """The token and its conjuncts, read untyped: spaCy's stub says ``Tuple[Token]`` (one Token),
    which the mypyc build checks at run time and two conjuncts fail."""
    untyped: Any = token
    return [token, *untyped.conjuncts]


def _agent_of(r: SpeakerResolver, verb: Token) -> Speaker | None:
    """Who the verb's "by" or "from" phrase names ("sent by Calder", "published by …"), or,
    for a verb that issues things, a "by" phrase the parser hung on the nouns of its other
    phrase ("conducted for the Ledger and two networks by Harbour Research")."""
    preps = [p for p in verb.children if p.dep_ in {"agent", "prep"}]
    for prep in preps:
        if prep.lower_ in ISSUER_PREPS and (found := _object_of(r, prep)) is not None:
            return found
    if verb.lemma_.lower() not in ISSUING_VERBS:
        return None  # "cited in a speech by Ruiz": the speech's, not the cited report's
    for prep in preps:
        for noun in (n for o in prep.children if o.dep_ == "pobj" for n in _with_conjuncts(o)):
            for by in noun.children:
                if by.dep_ == "prep" and by.lower_ == "by" and \
                        (found := _object_of(r, by)) is not None:
                    return found
    return None


def _clause_issuer(r: SpeakerResolver, token: Token) -> Speaker | None:
    """"A memo the Port Authority sent", "a study of towns published by the Harwell
    Institute": a clause in the document's own phrase whose verb issues things names who
    issued it (the parser hangs such a participle on the last noun before it)."""
    for clause in _phrase_clauses(token):
        if clause.lemma_.lower() not in ISSUING_VERBS or r.reg.quoted(clause.idx):
            continue
        if (found := _agent_of(r, clause)) is not None:
            return found
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if clause.dep_ == "relcl" and subject is not None and \
                subject.tag_ not in RELATIVE_TAGS:
            return _named(r, subject)
    return None


def _phrase_clauses(token: Token) -> list[Token]:
    """The relative clauses on the document and the participles on it or on the nouns of the
    prepositional phrases that follow it ("a study of towns on the coast published by …")."""
    out = [c for c in token.children if c.dep_ == "relcl"]
    nouns = [token]
    while nouns:
        noun = nouns.pop()
        out.extend(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")
        nouns.extend(obj for prep in noun.children if prep.dep_ == "prep"
                     for obj in prep.children if obj.dep_ == "pobj")
    return out


def _described(owner: Token) -> bool:
    """"The school's website": an owner that is a definite description of one body or person,
    resolved as one (not "the day's poll"; "the newspaper's editorial" is the paper the
    editorial rules find)."""
    return owner.pos_ == "NOUN" and owner.tag_ not in PLURAL_TAGS and definite(owner) and \
        owner.lemma_.lower() not in EDITORIAL_WORDS


def _object_of(r: SpeakerResolver, prep: Token) -> Speaker | None:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.ent_type_ in NOT_ISSUERS:
        return None  # "a poll conducted from March 3 to March 9"
    if obj.lemma_.lower() in ISSUED_NOUNS and obj.pos_ != "PROPN":
        return None  # "a report from the committee", not "by the Washington Post"
    if obj.pos_ != "PROPN" and r.reg.ent_of.get(obj.i) is None and \
            not any(c.dep_ == "poss" for c in obj.children) and not _anaphoric(obj):
        return None
    return _named(r, obj)


def _anaphoric(noun: Token) -> bool:
    """"A memo from the panel": a short definite description of a body named before, resolved
    as any (not "the president of the federation", which names in place)."""
    return definite(noun) and not any(c.dep_ in {"prep", "acl", "relcl"} for c in noun.children)


def _owner(r: SpeakerResolver, owner: Token) -> Speaker | None:
    """"The Ruiz campaign's memo": the owner resolved, its name without the possessive."""
    found = _named(r, owner)
    end = next((e for e in POSSESSIVE_MARKS if found and found.name and found.name.endswith(e)),
               None)
    if found is None or found.name is None or end is None:
        return found
    return Speaker(found.name[:-len(end)].rstrip(), found.kind, found.role)


def _named(r: SpeakerResolver, token: Token) -> Speaker | None:
    speaker, _ = r.resolve(token)
    return speaker if speaker.name is not None and speaker.kind != "unnamed" else None


def _name_before(r: SpeakerResolver, token: Token) -> Speaker | None:
    """The proper name written just before the noun in its phrase ("the Tallow-Reed poll"); a
    name the registry doubts is a person's ("the Harlow Tower report") is a body's."""
    text = _name_text(token)
    if text is None:
        return None
    known = r.reg.known_as(text)
    if known is not None and known in r.reg.people and known not in r.reg.doubtful:
        person = r.reg.people[known]
        return person.speaker()
    holder = r.reg.titled_by(text)
    return holder.speaker() if holder is not None else \
        Speaker(r.reg.expand(text), "organisation")


def _name_text(token: Token) -> str | None:
    """The words of the proper name written just before the noun in its phrase, if any."""
    doc = token.doc
    start = token.i
    while start - 1 >= token.left_edge.i and _name_word(doc[start - 1]):
        start -= 1
    while start < token.i and doc[start].text in NAME_JOINERS:
        start += 1
    return doc[start:token.i].text if start < token.i else None


def _name_word(tok: Token) -> bool:
    """A word of a name before the document's noun; never one in lower case the tagger took
    for a proper noun ("the white paper")."""
    if tok.text in NAME_JOINERS:
        return True
    return tok.pos_ == "PROPN" and not tok.text.islower() and \
        tok.ent_type_ not in NOT_ISSUERS and tok.dep_ in {
        "compound", "nmod", "amod", "punct", "npadvmod"}


def _verb_subject(r: SpeakerResolver, document: Token) -> Speaker | None:
    """"In a written statement, Tomas Vell said …", "the Ruiz campaign released an ad":
    the subject of the verb the document hangs from."""
    while document.dep_ == "compound" and document.head.pos_ == "NOUN":
        document = document.head  # "sent its members an email donation request"
    verb = document.head.head if document.dep_ == "pobj" else document.head
    if verb.pos_ not in {"VERB", "AUX"} or verb == document or r.reg.quoted(verb.idx) or \
            document.dep_ != "dobj" and \
            verb.lemma_.lower() not in ISSUING_VERBS and not r.reg.speaking(verb) and \
            not _found_in(document, verb):
        return None  # "Ruiz leads in the poll" did not issue it, nor did a quoted verb
    sender = _agent_of(r, verb) if document.dep_ == "nsubjpass" else None
    if sender is not None:  # "an email was sent from Ana Ruiz to members"
        return sender
    subject = r.subject(verb) or nominal_subject(verb)
    if subject is None or subject.i == document.i or \
            subject.pos_ != "PROPN" and subject.lemma_.lower() in ISSUED_NOUNS:
        return None  # "the report found" issued nothing; "The Harbour Post" issues polls
    speaker, _ = r.resolve(subject)
    return speaker if speaker.name is not None else None


def _found_in(document: Token, verb: Token) -> bool:
    """"In a poll of 800 voters, the Harbour Institute found that …": what a verb of any kind
    tells as a clause of its own in the document is its subject's finding."""
    return document.dep_ == "pobj" and document.head.lower_ == "in" and \
        any(c.dep_ == "ccomp" for c in verb.children)


def issued_in(r: SpeakerResolver, sent: Span) -> Speaker | None:
    """"The board issued a statement apologising to Berg." / "“…”": who put out the statement,
    letter or email the sentence ends on, whose words a paragraph of quotes after it gives."""
    for token in reversed(sent):
        speaker = _issued_here(r, token) if token.lemma_.lower() in STATEMENTS else None
        if speaker is not None:
            return speaker if speaker.kind != "unnamed" else None
    return None


def respondents_poll(r: SpeakerResolver, share: Token) -> Speaker | None:
    """"In a Tallow University poll, 52 percent said …", "the survey found that most voters
    say …": a share of respondents speaks for the poll that asked them, when its issuer is
    named."""
    verb = share.head
    for _ in range(3):
        for child in verb.children:
            survey = _survey_in(child)
            if survey is not None and not r.reg.quoted(survey.idx):
                return issuer(r, survey, definite=definite(survey))
        if verb.dep_ not in {"ccomp", "advcl", "conj"} or verb.head == verb:
            break
        verb = verb.head
    return _sentence_survey(r, share)


def _sentence_survey(r: SpeakerResolver, share: Token) -> Speaker | None:
    """"Results of a Tallow University poll show 52 percent say …": the first poll the share's
    own sentence names, wherever the parser hung it."""
    survey = next((t for t in share.sent if t.lemma_.lower() in SURVEYS and t.pos_ == "NOUN"
                   and t.tag_ != "NNS" and not r.reg.quoted(t.idx)), None)
    return None if survey is None else issuer(r, survey, definite=definite(survey))


def _survey_in(child: Token) -> Token | None:
    """The poll a verb's dependant names: its subject, or the object of "in", "according to"."""
    if child.dep_ in {"nsubj", "nsubjpass"}:
        return child if child.lemma_.lower() in SURVEYS else None
    if child.dep_ != "prep" or child.lower_ not in {"in", "to", "according"}:
        return None
    for tok in child.subtree:
        if tok.dep_ == "pobj" and tok.lemma_.lower() in SURVEYS:
            return tok
    return None
