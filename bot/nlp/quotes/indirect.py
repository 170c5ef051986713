"""Reported speech: a reporting verb whose clause is not in quotation marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.parts_of_speech import ADJ, NOUN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from bot.models import Quote, Speaker
from bot.nlp.quotes.attribution import according_to
from bot.nlp.quotes.contrast import contrast, without_contrast
from bot.nlp.quotes.marks import Lines
from bot.nlp.quotes.owned import owned_claim
from bot.nlp.quotes.reporting import (
    ACCOUNTS,
    CHARGES,
    CUE_PREPS,
    CUE_READERS,
    EAGER,
    INDIRECT,
    INTENTION,
    MAKE,
    NAMING,
    NEG_RAISING,
    NO_COMMENT,
    PLAIN,
    POSITIONS,
    SPOKEN_OF,
    STANCES,
    STATED_OBJECTS,
    TOPIC_PREPS,
    VIEWS,
    cue_of,
    is_passive,
    is_reporting,
    lemma_of,
    made_plain_clause,
)
from bot.nlp.quotes.subjects import document_issuer, lost_subject, subject_of
from bot.nlp.speakers import SpeakerResolver
from bot.nlp.speakers import confidence as conf
from bot.nlp.speakers.columns import VERBAL
from bot.nlp.speakers.words import SHARES

SKIP_MARKS = {"whether", "if", "how", "why", "when", "what", "where", "who"}
FIRST_SECOND = {"i", "we", "you", "me", "us"}
QUESTIONS = {"ask", "wonder"}
"""Verbs reporting a question: their "whether …", "if …", "why …" clause is what was asked."""
YES_NO = {"if", "whether"}
"""Marks of a yes-or-no question, wherever the parser hung its clause on the asking verb."""
REPORTED = INDIRECT | INTENTION | QUESTIONS
CANDIDATES = REPORTED | set(CHARGES) | STATED_OBJECTS | POSITIONS | ACCOUNTS | SPOKEN_OF | \
    NAMING
"""Verbs that can report something: a clause, an intention, a question, a charge, a stated
object or a topic."""
PRESENT_TAGS = {"VBZ", "VBP"}
"""The present tense: after a past reporting verb, the reported words', not the narrative's."""
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
AUX_DEPS = {"aux", "auxpass"}
REPORTED_MODALS = {"would", "could", "might", "should"}
"""Modals of reported speech: the narrator does not say "and would …" in their own voice."""
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
QUOTE_MARKS = {'"', "“", "''", "``", "„", "«"}
CLOSING_MARKS = {'"', "”", "''", "’", "»"}
SENTENCE_ENDS = CLOSING_MARKS | {".", "!", "?"}
SET_OFF = {",", "—", "–", "--"}
OWN_SPEAKER_DEPS = {"relcl", "conj", "advcl"}
"""How a second speaker's reporting verb hangs inside another's words (not ``ccomp``: what
was reported)."""
OWN_SPEAKER_DEP_IDS = frozenset(get_string_id(d) for d in OWN_SPEAKER_DEPS)
BESIDE = {"though", "although", "after"}
"""Marks of a clause set beside the reported one, not carrying it on as a reason does."""
TAG_DEPS = {"punct", "advmod", "npadvmod", "prep", "aux", "neg"}
TAG_TAIL = 5
"""What a speech tag closing a sentence has besides its subject: when, where, how ("…, a survey
found this month."), in a few words; no clause of its own ("that …")."""
LOOSE_TAG_DEPS = {"relcl", "acl", "conj", "advcl", "dep", "parataxis"}
"""Where the parser hangs a closing "…, a poll finds." it did not read as the sentence's tag."""
BREAKS = {";", ":"}
"""Marks that end a clause as a full stop would."""
ASIDE_PREPS = {"in", "on", "during", "via", "through"}
"""Where or when an "as X said" aside was said ("at" is left out: "as X hints at …")."""
CONDITIONS = {"because", "unless", "although", "though", "while", "since", "so", "as", "if"}
"""Marks of a reason or condition that continues a reported clause."""
CARRIED = {"conj", "advcl", "xcomp", "ccomp", "dep", "npadvmod", "prep", "dobj"}
"""Relations of the words after a closing quotation mark that carry on the clause."""
GROUP_WORDS = {"some", "both", "all", "those", "many", "most", "several", "few", "others",
               "another", "someone", "somebody", "everyone", "everybody"}
"""Pronouns of a group or an unnamed person, which refer to no one named: "Some argue that …",
"those surveyed said …" are said by that group ("Some", "those surveyed")."""
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
WHEN = {"DATE", "TIME"}
"""Entities of a time phrase, which a topic can follow ("asked on Thursday about …")."""
ACCORDING = get_string_id("according")
"""The word as a lower-case hash: every reported clause's words are searched for it."""
NEG = get_string_id("neg")
CCOMP = get_string_id("ccomp")
MARK_DEPS = frozenset({get_string_id("mark"), get_string_id("advmod")})
INTENDING = INTENTION | {"ask"}
STATING = STATED_OBJECTS | POSITIONS | ACCOUNTS
"""Lemmas ``_intention`` and ``_stated_object`` read, joined once, not at every verb."""


def reported_clause(verb: Token, lines: Lines | None = None,
                    children: list[Token] | None = None) -> Token | None:
    """The clause a reporting verb reports ("... said [the talks had stalled]"); with
    ``lines``, a clause on the verb's own line first (the parser can hang a headline or the
    paragraph before on the verb as well). ``children``: the verb's, when already built."""
    children = list(verb.children) if children is None else children
    clauses = [c for c in children if c.dep == CCOMP and _reported(verb, c)
               and not _cut_off(verb, c)]
    if lines is not None:
        clauses.sort(key=lambda c: not lines.same(c.idx, verb.idx))
    if len(clauses) > 1:
        clauses.sort(key=lambda c: not _told_that(verb, c))
    if clauses:
        return clauses[0]
    intention = _intention(verb, children)
    return intention if intention is not None else _stray_that_clause(children)


def _told_that(verb: Token, clause: Token) -> bool:
    """"X looks tired - he told the paper [that …]": a that-clause after the one told is the
    verb's content, whatever other clause the parser hung on the verb before it."""
    return clause.i > verb.i and any(c.dep_ == "mark" and c.lower_ == "that"
                                     for c in clause.children) and \
        any(c.dep_ in {"dobj", "dative"} and verb.i < c.i < clause.i for c in verb.children)


def _reported(verb: Token, clause: Token) -> bool:
    """Not "said how …" (unless asked), nor an imperative before the verb, nor what someone
    else called a thing ("announced [what the union called a “paper promise”]": the union's
    name for what was announced, not what the subject said)."""
    marks = {c.lower_ for c in clause.children if c.dep in MARK_DEPS}
    imperative = clause.tag_ == "VB" and not _has_subject(clause)
    asked = lemma_of(verb) in QUESTIONS
    return not (marks & SKIP_MARKS and not asked or imperative and clause.i < verb.i or
                _named_thing(clause))


def _named_thing(clause: Token) -> bool:
    """"what the union called a “paper promise”": a clause of a naming verb opened by "what"
    (its object, or a word the parser hung it on)."""
    return lemma_of(clause) in NAMING and clause.left_edge.lower_ == "what"


def _intention(verb: Token, children: list[Token]) -> Token | None:
    """"Vowed [to veto the bill]", "urged voters [to stay home]": an attributed intention
    (``children``: the verb's)."""
    if lemma_of(verb) not in INTENDING or is_passive(verb):
        return None
    for child in children:
        if child.dep_ in {"xcomp", "ccomp"} and child.i > verb.i and child.pos_ in {"VERB", "AUX"} \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            anonymity = lemma_of(verb) == "ask" and \
                any(c.dep_ == "auxpass" for c in child.children)
            silence = lemma_of(verb) == "decline" and lemma_of(child) in NO_COMMENT
            return None if anonymity or silence else child  # "asked not to be named"
    return None


def _cut_off(verb: Token, clause: Token) -> bool:
    """"Most voters say X; 40 percent say [Y]": a clause before the verb that a semicolon or
    colon ends is a sentence of its own the parser hung on it, not what the verb reports."""
    if clause.i > verb.i:
        return _after_break(verb, clause) or _trailing_tag(clause)
    doc = verb.doc
    return any(doc[i].text in BREAKS for i in range(clause.right_edge.i + 1, verb.i)) or \
        _tag_of_quotation_after(verb, clause)


def _after_break(verb: Token, clause: Token) -> bool:
    """"Early polls show [X]: a college poll found Y": a reporting verb with a subject of its
    own after the colon or semicolon that ends the verb's first clause is a sentence of its
    own the parser hung on the verb, not more of what the verb reports."""
    if not is_reporting(clause, CANDIDATES) or not _has_subject(clause):
        return False
    doc = verb.doc
    first = _first_word(clause)
    return any(doc[i].text in BREAKS for i in range(verb.i + 1, first)) and any(
        c.dep == CCOMP and verb.i < c.i and c.right_edge.i < first for c in verb.children)


def _trailing_tag(verb: Token) -> bool:
    """"Islanders say they want X, a survey by Y found this month": a speech tag closing the
    sentence after a comma, which the parser hung as a clause on a verb of the words it tags;
    it reports those words, so its subject is never one of the people named in them."""
    if verb.dep != CCOMP or verb.i < verb.head.i or not is_reporting(verb, INDIRECT):
        return False
    doc = verb.doc
    comma, last = _comma_before(verb), verb.right_edge.i
    if comma < 0 or doc[comma].text != "," or \
            any(not t.is_space and t.text not in SENTENCE_ENDS
                for t in doc[last + 1:verb.sent.end]):
        return False
    return last - verb.i <= TAG_TAIL and \
        any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children) and \
        all(c.dep_ in TAG_DEPS for c in verb.children if c.i > verb.i or c.dep_ != "nsubj")


def _tagged_before(verb: Token) -> list[list[Token]]:
    """The words a trailing speech tag reports (``_trailing_tag``): the sentence before it."""
    if not _trailing_tag(verb):
        return []
    comma = _comma_before(verb)
    return [[t for t in verb.head.subtree if t.i < comma]]


def _misattached_tag(verb: Token) -> list[list[Token]]:
    """"Most voters want a new bridge, a new poll finds.": a tag of "a" or "the" and a noun
    with its verb alone, closing the sentence after a comma, which the parser hung on a word
    of the words it reports as some other clause than a ccomp; it reports the sentence before
    the comma."""
    if verb.dep_ not in LOOSE_TAG_DEPS or verb.i < verb.head.i or \
            not is_reporting(verb, INDIRECT) or verb.i + 1 >= len(verb.doc) or \
            verb.nbor().text not in SENTENCE_ENDS:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or subject.tag_ in {"NNS", "NNPS"} or \
            any(c.i > verb.i or c.dep_ not in {"nsubj", "aux"} for c in verb.children):
        return []
    first = subject.left_edge
    comma = first.i - 1
    if first.lower_ not in {"a", "an", "the"} or comma <= verb.sent.start or \
            verb.doc[comma].text != ",":
        return []
    return [[t for t in verb.doc[verb.sent.start:comma] if not t.is_space]]


TAG_SUBJECTS = {"he", "she", "they", "it"}
"""Pronouns that speak in a closing speech tag (not "I": the writer's, or a quote's)."""
BARE_BEFORE = {"nsubj", "aux", "punct", "advmod"}
BARE_AFTER = {"dobj", "dative", "npadvmod", "advmod", "punct"}


def _conjoined_tag(verb: Token) -> list[list[Token]]:
    """"Staff should show proof and stop using words like “soon”, she told reporters.": a
    speech tag of a pronoun, a name or a noun closing the sentence after a comma, which the
    parser joined to the sentence's verb as one more verb of it; it reports the sentence
    before the comma."""
    if verb.dep_ not in {"conj", "parataxis"} or verb.i < verb.head.i or \
            not is_reporting(verb, INDIRECT) or not _bare_tag(verb):
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in TAG_SUBJECTS or
                               subject.pos_ in {"PROPN", "NOUN"}):
        return []
    doc, comma = verb.doc, subject.left_edge.i - 1
    if comma <= verb.sent.start or doc[comma].text != "," or \
            any(t.text not in SENTENCE_ENDS for t in doc[verb.right_edge.i + 1:verb.sent.end]):
        return []
    return [[t for t in doc[verb.sent.start:comma] if not t.is_space]]


def _bare_tag(verb: Token) -> bool:
    """The verb has its subject and at most whom it told, when, or how the words came ("she
    told reporters", "he said in a statement"): no words of a sentence of its own."""
    return verb.right_edge.i - verb.i <= TAG_TAIL and all(
        c.dep_ in BARE_BEFORE if c.i < verb.i else c.dep_ in BARE_AFTER or _cue_prep(c)
        for c in verb.children)


def _cue_prep(prep: Token) -> bool:
    """"in a statement", "to reporters": how the words reached the reporter."""
    return prep.dep_ == "prep" and prep.lower_ in CUE_PREPS and \
        any(c.dep_ == "pobj" and c.lower_ in CUE_READERS for c in prep.children)


def _comma_before(verb: Token) -> int:
    """The mark before a clause, past the closing quotation marks of the words before it (set
    on them, with a space after: not the opening mark of a quotation, "…, he said, “I …”")."""
    doc = verb.doc
    at = _first_word(verb) - 1
    while at > 0 and doc[at].text in CLOSING_MARKS and doc[at].whitespace_ and \
            not doc[at - 1].whitespace_:
        at -= 1
    return at


def _first_word(clause: Token) -> int:
    """Where a clause's words begin: its left edge past the marks the parser hung on it."""
    first = clause.left_edge.i
    while first < clause.i and clause.doc[first].is_punct:
        first += 1
    return first


def _tag_of_quotation_after(verb: Token, clause: Token) -> bool:
    """"Ruiz suggested [that …] - “…,” she said": the verb tags the quotation set in after a
    dash; the speech act before the dash is a sentence of its own, not what the verb reports."""
    doc = verb.doc
    return is_reporting(clause, CANDIDATES) and _has_subject(clause) and any(
        _sets_off(doc[i]) and doc[i].text != "," and doc[i + 1].text in QUOTE_MARKS
        for i in range(clause.i + 1, verb.i - 1))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _stray_that_clause(children: list[Token]) -> Token | None:
    """A "that" clause the parser hung off the verb (whose ``children`` these are)'s object
    ("told the court that …", "said in a report that …")."""
    nouns = [c for c in children if c.dep_ in {"dobj", "dative"}]
    nouns += [g for c in children if c.dep_ == "prep" for g in c.children
              if g.dep_ == "pobj"]
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in {"acl", "relcl"} and clause.i > noun.i and _has_subject(clause) \
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                return clause
    return None


def find_indirect(doc: Doc, body: str, quoted: set[int], resolver: SpeakerResolver, *,
                  statements: set[int] | None = None,
                  candidates: list[int] | None = None) -> list[Quote]:
    """Reported clauses; one mostly made of a quoted statement (``statements``) is left to it.
    ``candidates``: the indexes of "according" and of reporting verbs, when already known."""
    statements = quoted if statements is None else statements
    lines = _Lines(Lines.of(body).breaks)
    quotes = []
    for verb in (doc[i] for i in candidates) if candidates is not None else doc:
        if verb.lower == ACCORDING and verb.i not in quoted:
            quotes.extend(_according_quotes(doc, body, verb, quoted, resolver, statements,
                                            lines))
            continue
        pos = verb.pos  # read once: each read builds an enum
        if pos == NOUN:
            quote = _view(doc, body, verb, quoted, resolver, statements, lines) or \
                _owned(doc, body, verb, quoted, resolver, statements, lines)
            quotes.extend([quote] if quote is not None else [])
            continue
        if pos == ADJ:
            quote = _stance(doc, body, verb, quoted, resolver, statements, lines)
            quotes.extend([quote] if quote is not None else [])
            continue
        plain = _made_plain_clause(verb)
        if verb.i in quoted or not (plain or is_reporting(verb, CANDIDATES)) or \
                _nested(verb, lines):
            continue
        children = list(verb.children)  # built once: the clause's rules read them again
        if plain is not None:
            quote = _quote(doc, body, verb, _clause_words(verb, plain, children), quoted,
                           resolver, statements)
            quotes.extend([quote] if quote is not None else [])
            continue
        if _denied(verb, children) or _asked_of(verb) or _joined(verb, lines):
            continue
        clause = reported_clause(verb, lines, children) if is_reporting(verb, REPORTED) else None
        if clause is None and lemma_of(verb) in QUESTIONS:
            clause = _question(verb)
        swallowed = _swallowed(verb, clause, quoted) if clause is not None else None
        if swallowed is not None:
            clause, subject = swallowed
            quote = _quote(doc, body, verb, _clause_words(verb, clause, children), quoted, resolver,
                           statements, subject=subject)
            quotes.extend([quote] if quote is not None else [])
            continue
        charge = (_charge(verb) or _stated_object(verb) or _topic(verb) or
                  _named_as(verb, quoted)) if clause is None else []
        if charge and _quoted_charge(verb, charge, quoted):
            charge = []
        if charge:
            parts = [charge]
        else:
            parts = [_clause_words(verb, clause, children), _dashed_before(verb, clause)] \
                if clause is not None else _around(verb, quoted) or _tagged_before(verb) or \
                _misattached_tag(verb) or _conjoined_tag(verb) or _as_reported(verb, quoted)
        agent = _agent(verb) if not charge and clause is None else \
            _asker(verb) or (_by_whom(verb) if charge else None)
        for words in parts:
            quote = _quote(doc, body, verb, words, quoted, resolver, statements, subject=agent)
            if quote is not None:
                quotes.append(quote)
    return quotes


MADE = {"make"}
"""The lemma of "made it clear", whose verbs are candidates beside the reporting ones."""


def _made_plain_clause(verb: Token) -> Token | None:
    """"She made it clear that he felt …", "made clear she believes …": the clause made plain,
    hung on the verb or on its "clear"."""
    if verb.lemma != MAKE:
        return None
    for child in verb.children:
        for clause in (child, *child.children):
            if clause.dep_ in {"ccomp", "advcl"} and clause.lower_ not in PLAIN and \
                    clause.pos in VERBAL and made_plain_clause(clause, verb) or \
                    (clause.head.lower_ in PLAIN and made_plain_clause(clause.head, verb)):
                return clause
    return None


def _denied(verb: Token, children: list[Token]) -> bool:
    """A negated verb reports nothing ("did not say that …"), but for a verb of belief, whose
    "not" belongs to its clause ("doesn't think that …")."""
    return any(c.dep == NEG for c in children) and lemma_of(verb) not in NEG_RAISING


def _swallowed(verb: Token, clause: Token, quoted: set[int]) -> tuple[Token, Token] | None:
    """"Beck, who backed the levy, last week said [the pier would close]": the parser took the
    speaker and the aside after the name for a clause of the verb and left the verb no
    subject; the clause after the verb is what was said, by that clause's subject (as when
    the subject found is only the one ``lost_subject`` reads off the surface)."""
    subject = subject_of(verb, quoted) if clause.i < verb.i else None
    if clause.i > verb.i or subject is not None and subject != lost_subject(verb, quoted):
        return None
    after = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                  and _reported(verb, c)), None)
    between = verb.doc[clause.right_edge.i + 1:verb.i]
    if after is None or not len(between) or between[0].text != "," or not all(
            t.is_punct or t.dep_ in {"advmod", "npadvmod"} or t.head.dep_ == "npadvmod"
            for t in between):
        return None
    subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
    if not subjects or subjects[0].left_edge.i != clause.left_edge.i or \
            subjects[0].i in quoted or \
            any(c.dep_ in {"cc", "mark"} for c in clause.children):
        return None
    return after, subjects[0]


def _view(doc: Doc, body: str, noun: Token, quoted: set[int], resolver: SpeakerResolver,
          statements: set[int], lines: _Lines) -> Quote | None:
    """"Ruiz's argument is [that the pier can be repaired]", "the promise Ruiz has made is
    [that …]": a noun of saying or holding, its owner named, is the subject of a copula whose
    that-clause is what the owner said or holds."""
    copula = noun.head
    if noun.lower_ not in VIEWS or noun.dep_ != "nsubj" or copula.lemma_ != "be" or \
            noun.i in quoted or _nested(copula, lines) or \
            any(c.dep_ == "neg" for c in copula.children):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        made = next((c for c in noun.children if c.dep_ == "relcl" and c.i > noun.i), None)
        owner = next((c for c in made.children if c.dep_ == "nsubj"), None) if made else None
    clause = next((c for c in copula.children if c.dep_ == "ccomp" and c.i > copula.i and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if owner is None or clause is None:
        return None
    return _quote(doc, body, copula, _clause_words(copula, clause), quoted, resolver,
                  statements, subject=owner)


def _owned(doc: Doc, body: str, noun: Token, quoted: set[int], resolver: SpeakerResolver,
           statements: set[int], lines: _Lines) -> Quote | None:
    """"Ruiz's claim [that the pier is unsafe]": a noun of saying's owner said its clause."""
    found = owned_claim(noun)
    if found is None or noun.i in quoted or _nested(noun, lines):
        return None
    owner, clause = found
    return _quote(doc, body, noun, list(clause.subtree), quoted, resolver, statements,
                  subject=owner)


def _stance(doc: Doc, body: str, adjective: Token, quoted: set[int],
            resolver: SpeakerResolver, statements: set[int], lines: _Lines) -> Quote | None:
    """"is confident [that the pier will reopen]", "is eager [to sign the deal]": what the
    subject of a stance adjective believes or wants."""
    word = adjective.lower_
    if word not in STANCES or adjective.dep_ != "acomp" or adjective.i in quoted or \
            _nested(adjective, lines) or any(c.dep_ == "neg" for c in adjective.head.children):
        return None
    for clause in adjective.children:
        if clause.i < adjective.i:
            continue
        that = clause.dep_ == "ccomp" and _reported(adjective, clause)
        to = clause.dep_ == "xcomp" and word in EAGER and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if that or to:
            return _quote(doc, body, adjective, _clause_words(adjective, clause), quoted,
                          resolver, statements)
    return None


def _charge(verb: Token) -> list[Token]:
    """"criticised the board [for ignoring the warnings]": the object of the verb's preposition
    (in the passive only with who made the charge: "was criticised for" names the one
    criticised, "was criticised by the union for" is the union's charge)."""
    preps = CHARGES.get(lemma_of(verb), set())
    if not preps or is_passive(verb) and _by_whom(verb) is None:
        return []
    owners = [verb] + [c for c in verb.children if c.dep_ == "dobj" and _someone(c)]
    for child in (c for owner in owners for c in owner.children):
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _with_one_charged(verb, child, objects[0])
    return []


def _with_one_charged(verb: Token, prep: Token, charge: Token) -> list[Token]:
    """"criticised [the board for ignoring the warnings]": the one charged and the charge, as
    a judging verb's quoted words are given with its object (statements.py); the charge
    alone when no object comes between ("was criticised by the union [for …]")."""
    charged = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < prep.i), None)
    if charged is None:
        return list(charge.subtree)
    return list(verb.doc[charged.left_edge.i:charge.right_edge.i + 1])


def _someone(noun: Token) -> bool:
    """"blamed [the board] for …", "criticised Ruiz for …": the one charged, not a thing whose
    own "for" belongs to it ("criticised the plan's support for the levy")."""
    return noun.pos_ in {"PROPN", "PRON"} or noun.ent_type_ in {"PERSON", "ORG", "NORP"} or \
        not any(c.dep_ == "poss" for c in noun.children)


def _stated_object(verb: Token) -> list[Token]:
    """"announced [plans to cut fares]": the object of a verb of stating or judging, when it
    holds a clause (a plan, a claim, a decision), not when it is a thing or a person, nor when
    it holds someone's report ("the fare rise, which officials said …"); a position taken on
    doing something ("supported [raising the levy]") or an account of it ("reported [raising
    $9 million]"); active voice only."""
    if lemma_of(verb) not in STATING or is_passive(verb):
        return []
    for child in verb.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > verb.i:
            return list(child.subtree)  # "proposed [raising the levy]"
        if child.dep_ == "dobj" and child.i > verb.i and lemma_of(verb) in STATED_OBJECTS:
            words = list(child.subtree)
            clause = any(t.pos_ in {"VERB", "AUX"} for t in words)
            reports = any(is_reporting(t, REPORTED) and _has_subject(t) for t in words)
            return words if clause and not reports else []
    return []


def _topic(verb: Token) -> list[Token]:
    """"talked about [raising the levy]": what a verb of speaking or thinking is about, when
    it holds a clause (a time before it, "on Thursday", is no topic); in the passive
    only with who spoke ("was pressed by the host on [what …]")."""
    if lemma_of(verb) not in SPOKEN_OF or is_passive(verb) and _by_whom(verb) is None:
        return []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS and prep.i > verb.i:
            objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if not objects:
                continue
            words = list(objects[0].subtree)
            if any(t.pos_ in {"VERB", "AUX"} for t in words):
                return words
            if objects[0].ent_type_ not in WHEN:
                return []  # past "on Thursday" to "about [raising the levy]", no further
    return []


def _named_as(verb: Token, quoted: set[int]) -> list[Token]:
    """"called [the mayor a liar]": the object and what it was called, when no word of them is
    quoted (a quoted name is a fragment, grown to the same words by statements.py)."""
    if lemma_of(verb) not in NAMING or is_passive(verb):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    names = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
    if not objects or not names:
        return []
    words = list(verb.doc[objects[0].left_edge.i:names[0].right_edge.i + 1])
    return [] if any(t.i in quoted for t in words) else words


def _asked_of(verb: Token) -> bool:
    """"Asked if she would run, Ruiz said …": the subject was asked, she did not ask (but
    "asked by Ruiz if …" is Ruiz's question, and "by asking if …", "and asked if …" go on
    with the subject of the verb they hang from; "to ask" is left alone)."""
    if lemma_of(verb) not in QUESTIONS or _asker(verb) is not None:
        return False
    subjectless = not any(c.dep_ == "nsubj" for c in verb.children)
    return verb.tag_ == "VBN" or subjectless and verb.dep_ not in {"pcomp", "conj"}


def _asker(verb: Token) -> Token | None:
    """"Asked by Ruiz whether …": who asked, in the passive."""
    return _by_whom(verb) if lemma_of(verb) in QUESTIONS else None


def _quoted_charge(verb: Token, words: list[Token], quoted: set[int]) -> bool:
    """"Berg was criticised by the dockers for calling the pickets “thugs”": in the passive the
    quoted words are the one criticised's, not the agent's (a question's topic stays the
    asker's)."""
    return _asker(verb) is None and _by_whom(verb) is not None and \
        any(t.i in quoted for t in words)


def _by_whom(verb: Token) -> Token | None:
    """"Pushed by [Berg] on …", "was criticised by [the union] for …": a past participle's
    agent, the one who spoke. Not ``subjects.passive_agent``, which asks for a passive
    auxiliary or subject and skips quoted words: either used for the other changes quotes."""
    if verb.tag_ != "VBN":
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _question(verb: Token) -> Token | None:
    """"asked the dockers [if they planned to vote]": a yes-or-no question the parser hung on
    the asking verb as an adverbial clause, after it ("If the pier shuts, why not …?” Ruiz
    asked" is a condition, not a question)."""
    return next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and any(
        m.dep in MARK_DEPS and m.lower_ in YES_NO for m in c.children)), None)


def _clause_words(verb: Token, clause: Token, children: list[Token] | None = None) -> list[Token]:
    """``children``: the verb's, when already built."""
    children = list(verb.children) if children is None else children
    more = _second_that_clause(verb, clause, children) or _continuation(verb, clause, children)
    tokens = _without_according(list(clause.subtree) + more)
    return without_contrast(_without_participles(tokens, clause), clause)


def _around(verb: Token, quoted: set[int]) -> list[list[Token]]:
    """", economists say," set inside the words it reports ("The effects, economists say, are
    hard to predict"): the sentence's words on each side of it, each reported. Not when those
    words are a quotation ("“…,” the coroner said, recording …" is a direct quote's)."""
    doc = verb.doc
    first, last = verb.left_edge.i, verb.right_edge.i
    if verb.dep_ != "parataxis" or verb.head.i in quoted or \
            not any(c.dep_ == "nsubj" for c in verb.children):
        return []
    before = next((t for t in reversed(doc[verb.sent.start:first]) if not t.is_punct), None)
    if before is not None and before.i in quoted:
        return []  # "“…,” the coroner said, recording …": a direct quote's attribution
    opened = _sets_off(doc[first]) or first == verb.sent.start or _sets_off(doc[first - 1])
    closed = _sets_off(doc[last]) or last + 1 < len(doc) and _sets_off(doc[last + 1])
    if not (opened and closed):
        return []
    words = [t for t in verb.head.subtree if not first <= t.i <= last]
    return [[t for t in words if t.i < first], [t for t in words if t.i > last]]


def _dashed_before(verb: Token, clause: Token) -> list[Token]:
    """"The pier - the harbour master said - will close": with hyphens for dashes the parser
    makes the aside's verb the root; the words before it are the first part of what was said."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if verb.dep_ != "ROOT" or subject is None or clause.i < verb.i:
        return []
    mark = subject.left_edge.i - 1
    if mark < 0 or doc[mark].text != "-":  # read first: spaCy scans for a word's sentence
        return []
    start = verb.sent.start
    if mark <= start or not _sets_off(doc[mark]) or not _sets_off(doc[clause.left_edge.i - 1]):
        return []
    words = list(doc[start:mark])
    return words if all(t.head.i == verb.i or t.head.i < mark for t in words) else []


def _sets_off(token: Token) -> bool:
    """A comma or a dash; a hyphen typed with a space on each side is a dash too ("the pier -
    the harbour master said - will close"), not one joining a word ("anti-war")."""
    if token.text in SET_OFF:
        return True
    return token.text == "-" and bool(token.whitespace_) and token.i > 0 and \
        bool(token.doc[token.i - 1].whitespace_)


def _as_reported(verb: Token, quoted: set[int]) -> list[list[Token]]:
    """"As the harbour master reported [on Monday], [the pier is closed]", "as reported by the
    Gazette, [...]": the clause an "as X said" aside hangs from is what X said (not "as the
    crowd cheered", nor "as she told them …", nor "as she spoke about …")."""
    if verb.dep_ != "advcl" or verb.head.i in quoted or \
            not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) or \
            not (any(c.dep_ == "nsubj" for c in verb.children) or _agent(verb) is not None) or \
            any(c.dep_ in {"dobj", "ccomp", "xcomp"} or
                c.dep_ == "prep" and not _aside_prep(verb, c) for c in verb.children):
        return []
    first, last = verb.left_edge.i, verb.right_edge.i
    words = [t for t in verb.head.subtree if not first <= t.i <= last and not t.is_punct]
    return [words] if words else []


def _aside_prep(verb: Token, prep: Token) -> bool:
    """"as X reported [in its Sunday edition]", "as she wrote [on her blog]": where or when it
    was said, after a verb of saying."""
    return prep.lower_ in ASIDE_PREPS and is_reporting(verb, INDIRECT)


def _agent(verb: Token) -> Token | None:
    """"As reported by [the Gazette]": who reported, in the passive."""
    if verb.tag_ != "VBN" or not is_reporting(verb, INDIRECT):
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _quote(doc: Doc, body: str, verb: Token, tokens: list[Token], quoted: set[int],
           resolver: SpeakerResolver, statements: set[int], *,
           subject: Token | None = None) -> Quote | None:
    tokens = _before_own_speaker(_same_paragraph(body, tokens, verb))
    inside = sum(1 for t in tokens if t.i in statements)
    if inside * 2 >= len(tokens) or len(tokens) < 3:
        return None
    subject = subject_of(verb, quoted) or document_issuer(verb, quoted) if subject is None \
        else subject
    if subject is None or subject.lower_ in FIRST_SECOND and \
            resolver.named_writer(subject) is None or not _can_speak(subject):
        return None
    if tokens[0].i <= subject.i <= tokens[-1].i:
        tokens = _after_relative(tokens, verb) or _after_inserted(tokens, subject, verb)
        if len(tokens) < 3:
            return None
    speaker, confidence = resolver.resolve(subject)
    if speaker.name is None and subject.lower_ in GROUP_WORDS:
        speaker = Speaker(resolver.reg.phrase(subject), "unnamed")
    if speaker.name is None:
        return None
    return _clause_quote(doc, body, tokens, speaker, verb=verb.text, cue=cue_of(verb),
                         confidence=confidence)


def _own_speaker(verb: Token) -> bool:
    """", who argued that …", "and who claimed that …", "…, though engineers insisted that
    …": a reporting verb with a subject and a clause of its own, set off inside someone's
    reported words, speaks for itself (not "… and that she would stay", the same speaker's
    second clause, nor a reason: "because the owners believe …")."""
    if verb.dep_ not in OWN_SPEAKER_DEPS or not is_reporting(verb, REPORTED):
        return False
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    clause = reported_clause(verb, children=children)
    if subject is None or clause is None or _opens_quote(clause):
        return False
    if verb.dep_ == "conj" and subject.tag_ not in RELATIVE_TAGS or verb.dep_ == "advcl" and \
            not any(c.dep_ == "mark" and c.lower_ in BESIDE for c in children):
        return False
    first = _clause_start(verb)
    before = verb.doc[first - 1] if first else None
    return before is not None and (_sets_off(before) or
                                   before.dep_ == "cc" and verb.dep_ == "conj")


def _opens_quote(clause: Token) -> bool:
    """"…, in which Ruiz said: “…”": the second speaker's words are a quotation, found on
    their own; the words around keep them, as the quoting reporter set them."""
    first = clause.left_edge.i
    return any(t.text in QUOTE_MARKS for t in clause.doc[max(0, first - 1):first + 1])


def _before_own_speaker(tokens: list[Token]) -> list[Token]:
    """The words up to a second speaker's clause set off at their end (``_own_speaker``):
    "threatens [to create a bind for Ruiz], who may have to decide …"."""
    for tok in tokens[1:]:
        if tok.pos in VERBAL and tok.dep in OWN_SPEAKER_DEP_IDS and \
                tok.right_edge.i >= tokens[-1].i and tok.left_edge.i > tokens[0].i and \
                _own_speaker(tok):  # the relation read before the edges' Tokens are built
            return [t for t in tokens if t.i < _clause_start(tok) - 1]
    return tokens


def _clause_start(verb: Token) -> int:
    """Where a clause begins: its left edge, or its first mark when the parser hung a word of
    the clause before on it across a dash ("all winter - though …": "winter" under "though")."""
    first = verb.left_edge.i
    mark = next((c for c in verb.children if c.dep_ == "mark"), None)
    if mark is not None and first < mark.i - 1 and _sets_off(verb.doc[mark.i - 1]) and \
            mark.left_edge.i == first:
        return mark.i
    return first


def _after_relative(tokens: list[Token], verb: Token) -> list[Token]:
    """"the levy, which officials said [will end in May]": a relative clause that reports is
    the words after its verb (the relative word stands for the thing talked about)."""
    if tokens[0].tag_ not in RELATIVE_TAGS or not tokens[0].i < verb.i < tokens[-1].i:
        return []
    return [t for t in tokens if t.i > verb.i]


def _after_inserted(tokens: list[Token], subject: Token, verb: Token) -> list[Token]:
    """"The new fee, said Berg and others, would hurt the ferry", "…, said Berg, who …, would
    …": a name set right after the verb between commas speaks; the words after the comma that
    closes its phrase are what was said (the parser hung the name on the reported clause)."""
    if subject.i != verb.i + 1 + sum(1 for c in subject.children if c.dep_ == "compound"):
        return []
    end = subject.right_edge.i
    doc = verb.doc
    if doc[end].text != ",":
        end += 1
    if end >= len(doc) or doc[end].text != ",":
        return []
    return [t for t in tokens if t.i > end]


def _clause_quote(doc: Doc, body: str, tokens: list[Token], speaker: Speaker, *, verb: str,
                  cue: str | None, confidence: float) -> Quote:
    first = tokens[0]
    last = tokens[-1]
    while (last.is_punct or last.dep_ == "cc") and last.i > first.i:
        last = doc[last.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    words = body[start:end]
    if words.count("\"") % 2 or words.count("“") > words.count("”"):
        while end < len(body) and body[end] in "\"”":  # the closing marks after the words
            end += 1
    confidence = min(confidence, conf.REPORTED_CAP) - conf.REPORTED_PENALTY
    return Quote(body[start:end], start, end, "indirect", speaker, verb=verb,
                 cue=cue, confidence=round(confidence, 2))


def _same_paragraph(body: str, tokens: list[Token], anchor: Token) -> list[Token]:
    """The parser can run a sentence over a headline or a paragraph break; the words can not."""
    start = body.rfind("\n", 0, anchor.idx) + 1
    end = body.find("\n", anchor.idx)
    end = len(body) if end == -1 else end
    return [t for t in tokens if start <= t.idx < end and not t.is_space]


def _second_that_clause(verb: Token, clause: Token, children: list[Token]) -> list[Token]:
    """"said it was ready [and that talks would resume]": both clauses are what was said; so
    is a hope or plan joined to it ("said it was pleased [and hoped to start in May]"), and a
    verb in the reported mood with no subject of its own ("said she was leaving [but would
    return in May]")."""
    for conj in children:
        if conj.dep_ == "conj" and conj.i > clause.right_edge.i and (
                any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children) or
                _joined_stance(conj, clause) or _reported_mood(conj) or
                _present_going_on(verb, clause, conj)):
            return [t for t in verb.doc[clause.right_edge.i + 1:conj.right_edge.i + 1]]
    return []


def _present_going_on(verb: Token, clause: Token, conj: Token) -> bool:
    """"told a crowd that he expects … [and he is doing better …]": a clause joined to a past
    reporting verb, with the reported clause's subject and, like it, in the present, is more
    of what was said (the narrative goes on in the past: "… and he left before noon")."""
    subject, own = _subject(clause), _subject(conj)
    return verb.tag_ == "VBD" and subject is not None and own is not None and \
        own.lower_ == subject.lower_ and _tense(clause) in PRESENT_TAGS and \
        _tense(conj) in PRESENT_TAGS and not is_reporting(conj, CANDIDATES)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _tense(verb: Token) -> str:
    """The tag of the clause's finite word: its first auxiliary, else the verb."""
    return next((c.tag_ for c in verb.children if c.dep_ in AUX_DEPS and c.i < verb.i),
                verb.tag_)


def _continuation(verb: Token, clause: Token, children: list[Token]) -> list[Token]:
    """Words the parser hung on the reporting verb that carry on its clause: a second clause
    right after it ("said [he was tired, some of it …]"), a reason or condition ("said [the
    depot would close because …]"), and what follows a quotation the clause leaves open ("said
    it was “ready to sail,” [and would leave at dawn]")."""
    doc = verb.doc
    end = first = clause.right_edge.i
    for child in (c for c in children if c.i > verb.i):  # the verb's rights
        if child.i <= end or child.is_punct or child.dep_ == "cc":
            continue
        gap = [t for t in doc[end + 1:child.left_edge.i] if not t.is_punct]
        if _dash_then_quotation(doc, end, child) or _cut_off(verb, child) or \
                not (_carries_on(child, gap) or _after_open_quote(doc, clause, end, child, gap)):
            break
        end = child.right_edge.i
    return [doc[i] for i in range(first + 1, end + 1)]  # no Span: most are empty


def _dash_then_quotation(doc: Doc, end: int, child: Token) -> bool:
    """"suggested the levy was high - “It will ruin us,” she said": a quoted clause after a
    dash is a quotation of its own, not more of the reported clause before the dash."""
    marks = doc[end + 1:child.left_edge.i + 1]
    return any(_sets_off(t) and t.text != "," and t.i + 1 < len(doc) and
               doc[t.i + 1].text in QUOTE_MARKS for t in marks)


def _carries_on(child: Token, gap: list[Token]) -> bool:
    """Not a quotation with a speech tag of its own ("said it was late - “…,” she said - and
    …"): that is a second act of speech, set in, not more of the first one's words."""
    if gap or _opens_quote(child) and is_reporting(child, CANDIDATES) and _has_subject(child):
        return False
    return child.dep_ == "ccomp" or child.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITIONS for c in child.children) and \
        not _as_source(child) and not contrast(child)


def _as_source(verb: Token) -> bool:
    """", as the Gazette reported": a source of the words, not a reason that carries them on."""
    return is_reporting(verb, INDIRECT) and any(c.dep_ == "mark" and c.lower_ == "as"
                                                for c in verb.children)


def _after_open_quote(doc: Doc, clause: Token, end: int, child: Token,
                      gap: list[Token]) -> bool:
    """The clause so far leaves a quotation open: the parser cut it at the closing mark."""
    text = doc[clause.left_edge.i:end + 1].text
    open_mark = text.count('"') % 2 == 1 or text.count("“") > text.count("”")
    return open_mark and all(t.dep_ == "cc" for t in gap) and child.dep_ in CARRIED and \
        not _participle(child) and not (is_reporting(child, CANDIDATES) and _has_subject(child))


def _reported_mood(conj: Token) -> bool:
    return not _has_subject(conj) and any(
        c.dep_ == "aux" and c.lower_ in REPORTED_MODALS for c in conj.children)


def _joined_stance(conj: Token, clause: Token) -> bool:
    """"… and hoped to …" right after the clause, with no subject of its own."""
    between = conj.doc[clause.right_edge.i + 1:conj.i]
    return lemma_of(conj) in INTENTION and not _has_subject(conj) and \
        [t.lower_ for t in between] == ["and"]


def _joined(verb: Token, lines: Lines) -> bool:
    """The verb is a hope or plan already reported with the clause before it."""
    head = verb.head
    if verb.dep_ != "conj" or not is_reporting(head, REPORTED):
        return False
    clause = reported_clause(head, lines)
    return clause is not None and clause.dep_ == "ccomp" and _joined_stance(verb, clause)


def _without_according(tokens: list[Token]) -> list[Token]:
    """A clause's trailing ", according to X" names a source; it is not part of the words."""
    for tok in tokens:
        if tok.lower == ACCORDING and tok.i > tokens[0].i and \
                tok.right_edge.i >= tokens[-1].i - 1:
            return [t for t in tokens if t.i < tok.i]
    return tokens


def _participle(token: Token) -> bool:
    """", vowing to …" or ", adding that …" after a clause: the speaker's next act, not part of
    what they said."""
    if token.tag_ != "VBG" or token.dep_ not in {"advcl", "conj", "xcomp"} or \
            not is_reporting(token, REPORTED):
        return False  # most verbs: their left edge is never looked for
    first = token.left_edge.i
    return first > 0 and token.doc[first - 1].text != "--" and _sets_off(token.doc[first - 1])


def _without_participles(tokens: list[Token], clause: Token) -> list[Token]:
    """The clause up to a participle of a reporting verb that the speaker goes on with."""
    vbg = clause.doc.vocab.strings["VBG"]
    for tok in tokens:
        if tok.tag == vbg and tok.i > clause.i and _participle(tok) and tok.head.i >= clause.i:
            end = tok.left_edge.i - 1
            return [t for t in tokens if t.i < end]
    return tokens


@dataclass(frozen=True)
class _Lines(Lines):
    """The body's lines, and the tokens ``_nested`` found inside a reported clause or not: a
    chain of heads is walked once however many verbs hang on it ("said said said …" parses as
    one chain; walked again from each verb, 40,000 characters of it took 106 s)."""

    nested: dict[int, bool] = field(default_factory=dict)


def _nested(verb: Token, lines: _Lines) -> bool:
    """A reporting verb inside someone's reported clause is part of what they said (not when
    the parser ran the clause over a line break: a headline or paragraph of its own)."""
    if _participle(verb) or contrast(verb) or _own_speaker(verb) or _trailing_tag(verb):
        return False
    if any(c.dep == CCOMP and _trailing_tag(c) for c in verb.children):
        return True  # "Islanders say …, a survey found": inside what the survey found
    token, walked, inside = verb, [], False
    head = token.head  # built once a step: each read of ``head`` builds a Token
    at, head_at = token.idx, head.idx  # compared as Tokens compare: by offset
    while head_at != at and lines.same(at, head_at):
        if token.i in lines.nested:
            inside = lines.nested[token.i]
            break
        walked.append(token.i)
        if token.dep_ == "ccomp" and is_reporting(head, INDIRECT) and \
                not _cut_off(head, token) or made_plain_clause(token, head):
            inside = True
            break
        token, head = head, head.head
        at, head_at = head_at, head.idx
    lines.nested.update(dict.fromkeys(walked, inside))
    return inside


def _can_speak(subject: Token) -> bool:
    """Numbers and dates do not speak ("… around 990, which suggests …"), but a share of
    people does ("52 percent of voters say …", "Nearly half said …", "Six in 10 say …")."""
    if subject.pos_ == "NOUN" and subject.ent_type_ in SHARES:
        return True
    if subject.pos_ == "NUM" and any(c.dep_ in {"prep", "quantmod"} and c.lower_ in {"in", "of"}
                                     for c in subject.children):
        return True
    return not subject.like_num and subject.ent_type_ not in NOT_SPEAKERS


def _according_quotes(doc: Doc, body: str, according: Token, quoted: set[int],
                      resolver: SpeakerResolver, statements: set[int],
                      lines: _Lines) -> list[Quote]:
    """"[Sentence], according to X.", "According to X, [sentence]." or "[Words], according
    to X, [words]." (each side of the verb's clause reported)."""
    source = according_to([according])
    if source is None or not _can_speak(source):
        return []
    phrase = range(according.i, max(according.right_edge.i, source.right_edge.i) + 1)
    head = according.head
    if head == according or head.pos_ not in {"VERB", "AUX"} or _nested(head, lines):
        return []
    tokens = _according_words(doc, according, phrase)
    set_off = any(_sets_off(doc[i]) for i in (according.i - 1, phrase[-1] + 1) if 0 <= i < len(doc))
    if not set_off or sum(1 for t in tokens if t.i in statements) * 2 >= len(tokens):
        return []
    sides = ([t for t in tokens if t.i < according.i and not t.is_punct],
             [t for t in tokens if t.i > phrase[-1] and not t.is_punct])
    kept = [side for side in (_same_paragraph(body, s, according) for s in sides)
            if len(side) >= 3 and not (side[0].i in quoted and side[-1].i in quoted)]
    if not kept:
        return []
    speaker, confidence = resolver.resolve(source)
    if speaker.name is None:
        return []
    return [_clause_quote(doc, body, side, speaker, verb="according to", cue=None,
                          confidence=confidence) for side in kept]


def _according_words(doc: Doc, according: Token, phrase: range) -> list[Token]:
    """At a sentence's end or start, "according to X" sources the whole sentence, whatever
    word the parser hung it from; inside it, the clause of that word."""
    sent = according.sent
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if not words or words[-1].i <= phrase[-1] or words[0].i >= according.i:
        return [t for t in sent if t.i not in phrase and not t.is_space]
    return [t for t in according.head.subtree if t.i not in phrase and not t.is_space]
