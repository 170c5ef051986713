"""Who a reporting verb's words belong to: its subject, or the speaker the parse hid elsewhere."""

from __future__ import annotations

from spacy.parts_of_speech import IDS, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from bot.nlp.quotes.quoted import QuotedTokens
from bot.nlp.quotes.reporting import (
    BELIEF,
    INFERENCE,
    REPORTING,
    STATED_OBJECTS,
    is_passive,
    is_reporting,
    lemma_of,
)
from bot.nlp.speakers.names import modal_name
from bot.nlp.speakers.words import ISSUED_NOUNS, TITLE_WORDS

REPORTER_DEPS = {"advcl"}
TIME_MARKS = {"after", "before", "when", "as", "while", "since", "until", "once"}
"""Conjunctions of a clause that dates the words around it."""
MINDED = REPORTING | BELIEF | INFERENCE
SAYING_OR_STATING = REPORTING | STATED_OBJECTS
"""Verbs ``_reporter`` reads, joined once, not at every subject."""
NOT_SUBJECTS = {"ADP", "ADV", "SCONJ", "CCONJ", "PUNCT", "DET", "PART"}
"""Parts of speech the parser sometimes calls a subject ("Of Carson, Levine said")."""
NOT_SUBJECT_POS = frozenset(IDS[p] for p in NOT_SUBJECTS)
SUBJECT = frozenset({get_string_id("nsubj")})
SUBJECTS = frozenset({get_string_id("nsubj"), get_string_id("nsubjpass")})
"""Relations of a verb's subject, and with a passive's, as hashes: every verb is asked."""
COMMA = get_string_id(",")
WHOSE = get_string_id("whose")
EXPLETIVES = {"it", "there", "this", "that", "what"}
"""Subjects of a copula that only point at what follows ("it was the mayor who said …")."""
IDENTIFYING = {"identify", "name"}
"""Verbs that give a described person their name ("a woman identified as …", "a man named …")."""
ABOUT = {"on", "about", "into", "of"}
"""Prepositions joining a document to its topic ("a report on", "a study into")."""
TIMES = {"DATE", "TIME"}
"""Entity types of a time the parser may hang off a verb where its subject belongs."""
LOST_DEPS = {"ROOT", "dep"}
"""Relations of a verb the parser left without its subject when it hung the name elsewhere."""
FINITE = {"VBD", "VBZ", "VBP"}
"""Tags of a verb that has a subject of its own to lose (not a participle, gerund or base)."""
ASIDES = {",": ",", "—": "—", "–": "–", "--": "--", ")": "("}
"""The mark closing an aside between a subject and its verb, and the mark that opens it."""
CLAUSE_OPENERS = {",", "—", "–", "--", ":", ";"}
OWN_SUBJECTS = {"nsubj", "nsubjpass", "auxpass", "expl", "csubj"}
"""Children that show the verb has a subject, or is a passive, after all."""
PERSONAL = {"he", "she", "they", "we", "i"}
NOT_SPEAKING = {"DATE", "TIME", "CARDINAL", "PERCENT", "QUANTITY", "MONEY", "ORDINAL"}
"""Entity types of a phrase before a verb that is never its speaker ("… on Tuesday said")."""
SENT_DOCUMENTS = {
    "statement", "email", "e-mail", "letter", "release", "memo", "message", "tweet", "post",
    "note", "report", "filing", "op-ed", "article", "column", "editorial", "response",
    "petition", "ad", "advertisement", "video", "resolution", "brief", "complaint", "lawsuit",
    "suit", "affidavit", "blog", "motion", "order", "ruling"}
"""Documents whose words are those of whoever issued them ("issued a statement saying …")."""


def subject_of(verb: Token, quoted: set[int], *, in_paragraph: bool = False) -> Token | None:
    """The verb's subject; for "adding"/"saying" or a relative clause, the governing subject
    (``in_paragraph``: never from a verb of another paragraph)."""
    if not isinstance(quoted, QuotedTokens):
        return _subject_of(verb, quoted, in_paragraph)
    key = (verb.i, in_paragraph)
    if key not in quoted.subjects:
        quoted.subjects[key] = _subject_of(verb, quoted, in_paragraph)
    return quoted.subjects[key]


def document_issuer(verb: Token, quoted: set[int]) -> Token | None:
    """"The campaign issued a statement [saying that …]", "filed a lawsuit [alleging …]": a
    document's words are those of whoever issued, sent or filed it."""
    document = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or lemma_of(document) not in SENT_DOCUMENTS:
        return None
    owner = document.head.head if document.dep_ == "pobj" else document.head
    if document.dep_ not in {"dobj", "pobj"} or owner.pos_ not in {"VERB", "AUX"} or \
            is_passive(owner):
        return None
    return subject_of(owner, quoted)


def passive_agent(verb: Token, quoted: set[int]) -> Token | None:
    """"has been called “…” by Ana Ruiz": who called it, the passive verb's agent, or the
    "by" the parser hung on the quoted words the verb governs. Not ``indirect._by_whom``,
    which takes any past participle's agent ("Pushed by X on …", no passive auxiliary) and a
    quoted one too: either used for the other changes quotes."""
    if not is_passive(verb):
        return None
    for child in verb.children:
        if child.i < verb.i:
            continue
        bys = [child] if child.dep_ == "agent" else [
            c for c in child.children if c.dep_ == "prep" and c.lower_ == "by" and
            c.i not in quoted] if child.dep_ in {"oprd", "attr", "dobj"} else []
        for by in bys:
            agent = next((c for c in by.children if c.dep_ == "pobj"), None)
            if agent is not None and agent.i not in quoted:
                return agent
    return None


def _subject_of(verb: Token, quoted: set[int], in_paragraph: bool) -> Token | None:
    """Up to four steps from the verb to the verbs it hangs on, until one finds who speaks."""
    kinds = SUBJECT
    for seen in range(1, 5):
        first = seen == 1
        subject = _own_subject(verb, quoted, kinds, first)
        if subject is not None:
            return subject
        outer = _infinitive_outer(verb)
        if outer is not None:
            verb = outer
            continue
        near = _speaker_nearby(verb, quoted, first)
        if near is not None:
            return near
        outer = _reporter(verb, quoted) if first else None
        if outer is not None:
            verb = outer
            continue
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "parataxis"} and verb.head != verb:
            if in_paragraph and _in_next_paragraph(verb, verb.head):
                return None
            # "Officials were stunned by the ruling and warned …": a conjoined verb shares
            # its head's subject, passive or not.
            # "X was prompted to say …": the one asked, made or forced to speak speaks.
            kinds = SUBJECTS if verb.dep_ in {"conj", "xcomp"} else SUBJECT
            controller = _object_control(verb, quoted)
            if controller is not None:
                return controller
            verb = _conjunct_with_subject(verb, quoted) or _past_comparison(verb)
            continue
        outer = _acting_verb(verb)
        if outer is None:
            return lost_subject(verb, quoted)
        verb = outer
    return None


def _own_subject(verb: Token, quoted: set[int], kinds: frozenset[int],
                 first: bool) -> Token | None:
    """The verb's own subject (``kinds``), or the name it stands for; at the first step also a
    name after a verb set between commas ("…, said Berg, …") or a surname read as a modal.
    None where it has none."""
    if first:
        inserted = _inserted_speaker(verb)
        if inserted is not None:
            return inserted
    children = list(verb.children)  # built once: read again when no subject is found
    subjects = [c for c in children if c.dep in kinds and c.i not in quoted
                and c.pos not in NOT_SUBJECT_POS]
    if not subjects and first:  # "“…,” May said": a surname read as a modal
        subjects = [c for c in children if modal_name(c)]
    if not subjects:
        return None
    subject = _named_descriptor(_nearest_subject(subjects, verb), verb)
    subject = _unjoined(_placed(subject, verb), verb)
    subject = _identified(_person_before_verb(subject, verb))
    if subject.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
        return _predicate_subject(verb.head, subject) or _document_about(verb.head)
    if first and _across_break(subject, verb):
        return _name_across_break(verb, quoted) or subject
    return subject


def _infinitive_outer(verb: Token) -> Token | None:
    """"went out of his way to say": an infinitive on a verb's object is said by that verb's
    subject."""
    if verb.dep_ in {"relcl", "acl"} and _infinitive(verb) and \
            verb.head.dep_ in {"dobj", "pobj"}:
        return _governing_verb(verb.head)
    return None


def _speaker_nearby(verb: Token, quoted: set[int], first: bool) -> Token | None:
    """Who speaks for a verb with no subject, found without leaving it: a relative clause's
    noun, a name the parser hung elsewhere; at the first step also a phrase it made the root,
    a name across a line break or the subject of a relative clause of speech just before."""
    if verb.dep_ == "relcl" or first and _verbless_subject(verb):
        return verb.head
    stray = _stray_subject(verb, quoted) or _joined_name(verb, quoted) or \
        (_name_across_break(verb, quoted) if first else None)
    if stray is not None:
        return stray
    return _after_relative(verb, quoted) if first else None


def _acting_verb(verb: Token) -> Token | None:
    """The verb whose doer also does this one: the act a "by …ing" or "of …ing" gerund hangs
    on, the clause an adjective ("likely to say …") is said of; None for neither."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return _object_act(verb) or _means_of(verb)
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "voters are likely to say …"
        return _past_comparison(verb)
    return None


def _past_comparison(verb: Token) -> Token:
    """"She has been more careful than Ruiz has been, keen to …": the parser hung the words
    after a comparison on its "than" clause; they go on with the clause compared, not with the
    one it is compared to."""
    head = verb.head
    first = verb.left_edge.i
    if head.dep_ != "advcl" or verb.i < head.i or first < 1 or \
            verb.doc[first - 1].text != "," or \
            not any(c.dep_ == "mark" and c.lower_ == "than" for c in head.children):
        return head
    compared = head.head
    return compared.head if compared.dep_ in {"acomp", "advmod"} else compared


def _nearest_subject(subjects: list[Token], verb: Token) -> Token:
    """The subject nearest the verb ("Outside court, Inspector Ruiz said"), but of two the
    parser gave one verb, never a relative clause's own ("the teenager whose break-ins showed
    …": the teenager) nor one after the verb that opens its reported clause ("Berg, whose …,
    said closed ballots deny …": Berg)."""
    if len(subjects) > 1:
        own = [s for s in subjects if not any(c.lower == WHOSE for c in s.children)]
        opening = [s for s in own if s.i > verb.i and any(
            c.dep_ == "ccomp" and c.i > s.i for c in verb.children)]
        subjects = [s for s in own if s not in opening] or own or subjects
    return min(subjects, key=lambda c: abs(verb.i - c.i))


def _conjunct_with_subject(verb: Token, quoted: set[int]) -> Token | None:
    """"Dockers struck, and the union denounced the plan and said …": the parser hung every
    verb of a flat coordination off the first; a verb with no subject of its own shares the
    subject of the nearest conjunct before it that has one."""
    if verb.dep_ != "conj":
        return None
    between = [c for c in verb.head.children
               if c.dep_ == "conj" and verb.head.i < c.i < verb.i]
    for conjunct in reversed(between):
        if any(c.dep in SUBJECTS and c.i not in quoted for c in conjunct.children):
            return conjunct
    return None


def _means_of(verb: Token) -> Token:
    """"defended her policy of letting tenants stay by citing a survey": "by" and a participle
    give the means of the act that governs them; a clause inside a noun's gerund ("letting
    tenants stay") acts for no one, so the means goes with the verb that noun hangs on."""
    head = verb.head.head
    if verb.head.lower_ != "by" or verb.tag_ != "VBG":
        return head
    while head.dep_ in {"ccomp", "xcomp"} and head.head.tag_ == "VBG" and \
            head.head.dep_ == "pcomp" and head.head.head.dep_ == "prep":
        outer = _governing_verb(head.head.head.head)
        if outer is None:
            break
        head = outer
    return head


def _object_act(verb: Token) -> Token | None:
    """"She made a point of saying …": a gerund after "of" on a verb's object is done by the
    verb's subject (the point itself says nothing)."""
    noun = verb.head.head
    if verb.head.lower_ != "of" or verb.tag_ != "VBG" or noun.dep_ != "dobj":
        return None
    return _governing_verb(noun)


def _predicate_subject(noun: Token, relative: Token) -> Token | None:
    """"Ines Dahl is among those who say …", "she is one of the voters who believe …": the
    relative clause is on what a copula says its subject is (or what "made her one of" makes
    its object), so that subject speaks; not the "it" of "it was the mayor who said", nor
    across a comma ("X is co-founder of Y, a charity that …")."""
    if any(t.lower == COMMA for t in noun.doc[noun.i + 1:relative.i]):
        return None
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ in {"among", "of"}:
        head = noun.head.head
        if noun.head.lower_ == "of" and head.lower_ != "one":
            return None
        made = _made_one(head)
        if made is not None:
            return made
    copula = head.head if head.dep_ == "attr" else head
    if copula.lemma_ != "be" or noun.pos == PROPN:
        return None
    subjects = [c for c in copula.children
                if c.dep_ == "nsubj" and c.lower_ not in EXPLETIVES]
    return subjects[0] if subjects else None


def _made_one(one: Token) -> Token | None:
    """"The vote makes her one of the few councillors who have refused …": the one made so
    (the parser sometimes reads "her one" as a possessive)."""
    if one.lower_ != "one":
        return None
    owner = next((c for c in one.children if c.dep_ == "poss" and c.pos_ in {"PRON", "PROPN"}),
                 None)
    if owner is None and one.dep_ in {"oprd", "ccomp", "xcomp"}:
        owner = next((c for c in one.head.children if c.dep_ == "dobj"), None)
    if owner is None and one.dep_ == "nummod" and one.head.dep_ == "dobj":
        owner = one.head  # "made Tom Berg one of …"
    return owner


def _infinitive(verb: Token) -> bool:
    """"to say": a verb with "to" and no subject of its own."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object, or whose preposition's object, ``noun`` is ("took the chance",
    "went out of his way")."""
    head = noun.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    return head if head.pos_ in {"VERB", "AUX"} else None


def _document_about(head: Token) -> Token:
    """"the report on his expense claims that showed …": the parser hung the relative
    clause off the topic, but what suggests is the document the topic is about."""
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ABOUT and \
            prep.head.lemma_.lower() in ISSUED_NOUNS:
        return prep.head
    return head


def clause_subject_before(verb: Token, quoted: set[int]) -> Token | None:
    """"Beck, whose firm builds piers, said [the levy is fair]": the parser took the speaker and
    the aside after the name for a clause of the verb and left the verb no subject; the subject
    opening that clause, right before the verb but for a comma, speaks (for a quote, as
    ``indirect._swallowed`` reads it for the reported clause)."""
    if not is_reporting(verb):
        return None
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    after = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    if before is None or not after:
        return None
    between = verb.doc[before.right_edge.i + 1:verb.i]
    if not len(between) or between[0].text != "," or not all(
            t.is_punct or t.dep_ in {"advmod", "npadvmod"} for t in between):
        return None
    subject = next((c for c in before.children if c.dep_ == "nsubj" and c.i < before.i), None)
    if subject is None or subject.left_edge.i != before.left_edge.i or subject.i in quoted or \
            subject.pos_ != "PROPN" or any(c.dep_ in {"cc", "mark"} for c in before.children):
        return None
    return subject


def _in_next_paragraph(verb: Token, head: Token) -> bool:
    """"“…,” says Myra Ruiz.\n\nThe paradox, says Carl Ivers, …": the parser hung the first
    "says" off a verb of the next paragraph, whose subject is not its speaker."""
    doc = verb.doc
    return any(doc[i].is_space and "\n\n" in doc[i].text for i in range(verb.i + 1, head.i))


def _inserted_speaker(verb: Token) -> Token | None:
    """"And Trump, said Sunshine, who …, doesn't forgive", "…, said Berg and others, …": a
    reporting verb set in the sentence between commas with the name after it; the parser
    made the name the subject of the reported clause and the words before the comma the
    verb's subject."""
    doc = verb.doc
    if verb.i < 1 or verb.i + 1 >= len(doc) or doc[verb.i - 1].orth != COMMA or \
            doc[verb.i + 1].pos != PROPN or not is_reporting(verb):
        return None
    name = doc[verb.i + 1]
    while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head
    last = max([name.i] + [c.right_edge.i for c in name.children if c.dep_ == "conj"])
    after = doc[last + 1] if last + 1 < len(doc) else None  # "said Berg and others, …"
    reported = name.head
    if name.dep_ != "nsubj" or reported.dep_ != "ccomp" or reported.head != verb or \
            after is None or after.text != ",":
        return None
    return name


def _object_control(verb: Token, quoted: set[int]) -> Token | None:
    """"The timing led Republicans to say …", "pushed the candidates to speak about …": the
    object of the verb a "to" clause completes is who speaks."""
    if verb.dep_ != "xcomp" or verb.head.lemma_ == "have" or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "had this to say:": the object of "have" is what is said
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
               and c.i not in quoted and c.pos_ in {"PROPN", "NOUN", "PRON"}]
    return objects[-1] if objects else None


def _reporter(verb: Token, quoted: set[int]) -> Token | None:
    """"Ruiz said the plan reminds her of …, adding …": a reporting verb hung off a verb of
    someone's reported clause goes on with the reporter, not with the clause's subject."""
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and is_reporting(head.head) and \
            (lemma_of(verb) == "add" or lemma_of(verb) == lemma_of(head.head)) and \
            head.head.i not in quoted:
        return head.head  # "said it was too early … but added", "said … and said"
    if verb.dep_ not in REPORTER_DEPS or not is_reporting(verb, MINDED):
        return None
    reporter = None
    clause = _first_conjunct(head)
    if clause.dep_ == "ccomp" and is_reporting(clause.head) and not _speaks(head):
        reporter = clause.head
    elif _timed_clause(head, verb):
        reporter = head.head  # "X said after the senator won, remarking …"
    elif head.dep_ == "acl" and head.head.dep_ == "dobj" and \
            is_reporting(head.head.head, SAYING_OR_STATING):
        reporter = head.head.head  # "dismissed claims that the firm is …, saying …"
    return reporter if reporter is not None and reporter.i not in quoted else None


def _first_conjunct(verb: Token) -> Token:
    """"said her firm has grown and would hire more, adding …": a verb conjoined to the first
    verb of a reported clause is part of that clause."""
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
    return verb


def _timed_clause(head: Token, verb: Token) -> bool:
    """"Ruiz said on air after the mayor won, remarking …": a participle after a clause that
    only dates someone's words goes on with the one who spoke them."""
    return head.dep_ == "advcl" and head.i < verb.i and not is_reporting(head) and \
        is_reporting(head.head) and any(c.dep_ == "nsubj" for c in head.head.children) and \
        any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in head.children)


def _after_relative(verb: Token, quoted: set[int]) -> Token | None:
    """"…, a charge that harbour officials denied, noting that …": a participle right after a
    relative clause of speech goes on with that clause's own subject, wherever the parser hung
    it."""
    doc = verb.doc
    comma = verb.left_edge.i - 1
    if verb.tag_ == "VBG" and comma > 0 and doc[comma].dep_ != "punct":
        return _sender(doc[comma], verb, quoted)
    if verb.tag_ != "VBG" or comma < 1 or doc[comma].text != ",":
        return None
    for clause in [doc[comma - 1], *doc[comma - 1].ancestors]:
        if clause.dep_ == "relcl":
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if clause.right_edge.i != comma - 1 or not is_reporting(clause) or subject is None \
                    or subject.tag_ in {"WDT", "WP"} or subject.i in quoted:
                return None
            return subject
    return None


def _sender(before: Token, verb: Token, quoted: set[int]) -> Token | None:
    """"a letter the campaign sent the board claiming that …": a participle right after a
    relative clause on a document gives the document's words, which are its sender's."""
    for clause in [before, *before.ancestors]:
        if clause.dep_ == "relcl":
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if clause.right_edge.i != before.i or clause.head.lemma_.lower() not in \
                    ISSUED_NOUNS or verb.head == clause or subject is None or \
                    subject.tag_ in {"WDT", "WP"} or subject.i in quoted:
                return None
            return subject
    return None


def _speaks(verb: Token) -> bool:
    """A reporting verb with a named subject of its own ("“…,” Ruiz added, saying …")."""
    return is_reporting(verb) and any(c.dep_ == "nsubj" and c.pos_ in {"PROPN", "PRON"}
                                      for c in verb.children)


def _person_before_verb(subject: Token, verb: Token) -> Token:
    """"CLEVELAND — Former Attorney General Ana Ruiz told …", "Saturday at the convention Sen.
    Ana Ruiz said …": the parser made the dateline or the time the subject, and hung the
    person named right before the verb off it in apposition; "Tory contender and former
    surgeon Ana Ruiz said …": the first title the subject, the person a conjunct of it."""
    if subject.ent_type_ == "PERSON":
        return subject
    if subject.i > verb.i:
        return _titled_conjunct(subject)
    for token in subject.subtree:
        if (token.dep_ in {"appos", "conj"} or _titled_in_body(subject, token)) and \
                token.ent_type_ == "PERSON" and token.i != subject.i and _right_before(token, verb):
            return token
    return subject


def _unjoined(subject: Token, verb: Token) -> Token:
    """"His loyalty has moved from Ruiz to, now, Berg, Okafor said": the parser joined the last
    word of the reported clause to the speaker's name (as a conjunct with no "and" or "or", or
    in apposition); the name right before the verb speaks."""
    if subject.i > verb.i or subject.pos_ != "PROPN":
        return subject
    name = next((c for c in subject.children if c.dep_ in {"conj", "appos"} and
                 c.pos_ == "PROPN" and c.i > subject.i), None)
    if name is None or any(t.dep_ == "cc" for t in subject.subtree):  # the subtree read last
        return subject
    if not _right_before(name, verb) or name.left_edge.i != subject.i + 2 or \
            subject.doc[subject.i + 1].text != ",":
        return subject  # "Ines Dahl of Charleston, South Carolina says": a place, no name
    return name


def _placed(subject: Token, verb: Token) -> Token:
    """"Tom Berg of Dayton, Ohio said …": the parser made the state after the town the subject
    and left the person who lives there stray ("a voter from …" too); the person speaks."""
    first = subject.left_edge.i
    if subject.ent_type_ != "GPE" or subject.i > verb.i or first < 3 or \
            subject.doc[first - 1].text != ",":
        return subject
    town = subject.doc[first - 2]
    preposition = town.head
    person = preposition.head
    if town.ent_type_ != "GPE" or town.dep_ != "pobj" or \
            preposition.lower_ not in {"of", "from"} or person.pos_ not in {"PROPN", "NOUN"} or \
            person.ent_type_ in {"GPE", "LOC", "FAC"}:
        return subject
    return person


def _identified(subject: Token) -> Token:
    """"A woman later identified as Ana Ruiz demanded …", "a man named Tobias Grant said …":
    the name the subject is given (its head, as the parser can make it, or a clause on it)."""
    if subject.pos_ != "NOUN":
        return subject
    verbs = [subject.head] if subject.dep_ == "nsubj" else []
    for verb in verbs + [c for c in subject.children if c.dep_ == "acl"]:
        if verb.tag_ != "VBN" or verb.lemma_ not in IDENTIFYING or any(
                c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
            continue
        for child in verb.children:
            if child.dep_ == "oprd" and child.pos_ == "PROPN":
                return child
            if child.dep_ == "prep" and child.lower_ == "as":
                name = next((g for g in child.children if g.dep_ == "pobj"), None)
                if name is not None and name.pos_ == "PROPN":
                    return name
    return subject


def _titled_in_body(subject: Token, name: Token) -> bool:
    """"The Council on Harbour Trade Deputy Director Ana Ruiz says": the parser hung
    the title and name off the body's "on"; a title right before the person's name makes the
    body only where the person works."""
    if name.dep_ != "pobj" or subject.ent_type_ != "ORG":
        return False
    first = name.i
    while first > 0 and name.doc[first].ent_iob_ == "I":
        first -= 1
    return first > 0 and name.doc[first - 1].lower_ in TITLE_WORDS


def _right_before(token: Token, verb: Token) -> bool:
    """Nothing but the verb's adverbs, auxiliaries and dates between the phrase and the verb
    ("Sen. Ana Ruiz on Friday said")."""
    return all(t.head.i == verb.i and t.dep_ in {"advmod", "aux"} or _dated(t, verb)
               for t in token.doc[token.right_edge.i + 1:verb.i])


def _dated(token: Token, verb: Token) -> bool:
    """A word of a date the verb's own phrase gives ("on Friday", "Friday")."""
    head = token.head if token.dep_ == "pobj" else token
    return token.ent_type_ in {"DATE", "TIME"} or head.dep_ in {"prep", "npadvmod"} and \
        head.head.i == verb.i and any(c.ent_type_ in {"DATE", "TIME"} for c in head.children)


def _named_descriptor(subject: Token, verb: Token) -> Token:
    """"Online retailer Kartly said": the parser made the descriptor the subject, the name stray."""
    following = subject.doc[subject.i + 1] if subject.i + 1 < len(subject.doc) else None
    if subject.pos_ == "NOUN" and following is not None and following.pos_ == "PROPN" and \
            following.head == verb and following.dep_ in {"advmod", "npadvmod", "dep", "nsubj"}:
        return following
    return subject


def _joined_name(verb: Token, quoted: set[int]) -> Token | None:
    """"… will call you a crank and Radio Corveth will accuse you …": the parser joined the name
    after "and" to the object before it and left the conjoined verb without a subject."""
    if verb.dep_ != "conj":
        return None
    doc = verb.doc
    name = _word_before(verb, {"advmod", "aux", "neg"})
    if name is None or name.pos_ != "PROPN" or name.i in quoted or name.dep_ != "conj" or \
            name.head.pos_ in {"VERB", "AUX"} or name.head.i == verb.head.i:
        return None
    left = name.left_edge.i
    return name if left > 0 and doc[left - 1].dep_ == "cc" and doc[left - 1].head == name.head \
        else None


def _word_before(verb: Token, modifiers: set[str]) -> Token | None:
    """The word right before the verb once its own adverbs and auxiliaries are passed over."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in modifiers:
        i -= 1
    return doc[i] if i >= 0 else None


def _name_across_break(verb: Token, quoted: set[int]) -> Token | None:
    """"… of the Harbour Growers Association..\n\nOkafor said that …": the name (or pronoun,
    or noun) opening the line before the verb, which the parser hung on a word of the
    paragraph before."""
    name = _word_before(verb, {"advmod", "aux"})
    if name is not None and name.text == ",":
        name = _set_off_opener(name)
    if name is None or name.pos_ not in {"PROPN", "PRON", "NOUN"} or name.i in quoted or \
            _across_break(name, verb):
        return None
    return name if name.head.i != verb.i and _across_break(name, name.head) else None


def _set_off_opener(comma: Token) -> Token | None:
    """"“…” / Berg, in the wake of a poll …, told …": the name opening the line, set off by the
    first comma of the line (``comma`` ends the aside before the verb)."""
    doc, opens = comma.doc, comma.sent.start  # read once: each read scans for the sentence
    start = comma.i
    while start > opens and not _line_break(doc[start - 1]):
        start -= 1
    if start == opens:
        return None
    end = start
    while end < comma.i and doc[end].pos_ == "PROPN":
        end += 1
    return doc[end - 1] if start < end < comma.i and doc[end].text == "," else None


def _across_break(a: Token, b: Token) -> bool:
    """A line break lies between the two tokens."""
    low, high = sorted((a.i, b.i))
    doc = a.doc
    return any(_line_break(doc[k]) for k in range(low + 1, high))


def _line_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _verbless_subject(verb: Token) -> bool:
    """"“…?” the 61-year-old asked on his blog.": with no verb of its own, the parser made the
    phrase before the reporting verb the sentence's root and hung the verb off it as a
    modifier; that phrase is the verb's subject (not "a statement posted by …", which has its
    agent)."""
    head = verb.head
    return verb.dep_ == "acl" and head.dep_ == "ROOT" and head.i < verb.i and \
        verb.tag_ in {"VBD", "VBN"} and is_reporting(verb) and \
        not any(c.dep_ in {"agent", "auxpass", "dobj"} for c in verb.children)


def _stray_subject(verb: Token, quoted: set[int]) -> Token | None:
    """A name the parser hung off the verb in the wrong role ("asked leader Marta Kowalski");
    an object after the verb with words after it is the one asked or spoken to ("asking the
    Coast Guard to investigate"), never who speaks."""
    for child in verb.children:
        if child.i in quoted or child.pos_ != "PROPN":
            continue
        if child.dep_ in {"advmod", "npadvmod", "dep"} and child.i < verb.i and \
                child.ent_type_ in TIMES:
            return _person_right_before(verb, quoted)  # "Tuesday in Leeds, …, Tom Berg said"
        if child.dep_ in {"dobj", "attr"} and child.i == verb.right_edge.i - 1 or \
                child.dep_ in {"advmod", "npadvmod", "dep"} and child.i < verb.i:
            return child
        if child.dep_ == "dobj" and verb.lemma_ in {"ask", "add", "say", "write"} and \
                child.i < verb.i:
            return child
    return None


def _person_right_before(verb: Token, quoted: set[int]) -> Token | None:
    """A person's name ending right before the verb, however the parser hung it (on a noun
    before it in apposition: "…, for his wife Ana Ruiz, former mayor Tom Berg said")."""
    name = _word_before(verb, {"advmod", "aux"})
    if name is None or name.i in quoted or name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
        return None
    return name


def _titled_conjunct(subject: Token) -> Token:
    """"“…,” said former Ohio Gov. and party chairman Ana Ruiz": the parser made the first
    title the subject and the person named after "and" its conjunct; the person speaks."""
    if subject.pos_ != "PROPN" or subject.lower_.rstrip(".") not in TITLE_WORDS:
        return subject
    person = next((c for c in subject.children if c.dep_ == "conj" and
                   c.ent_type_ == "PERSON" and c.pos_ == "PROPN"), None)
    return subject if person is None or person.right_edge.i != subject.right_edge.i else person


def lost_subject(verb: Token, quoted: set[int]) -> Token | None:
    """"Jay Ruiz, the club's treasurer, said …", "Ruiz also railed …": the parser hung the
    subject elsewhere and made a verb of saying the root with none; the phrase ending right
    before the verb, past its adverbs and one aside set off by commas, dashes or brackets,
    speaks when it opens its clause."""
    if verb.dep_ not in LOST_DEPS or not _finite(verb) or not is_reporting(verb) or \
            any(c.dep_ in OWN_SUBJECTS for c in verb.children):
        return None
    doc, opens = verb.doc, verb.sent.start  # read once: each read scans for the sentence
    i = _past_aside(doc, _before_adverbs(verb, opens), opens, quoted)
    if i is None or i < opens or i in quoted:
        return None
    phrase = doc[i]
    if not _opens_clause(phrase) or phrase.like_num or phrase.ent_type_ in NOT_SPEAKING or \
            phrase.pos_ not in {"PROPN", "NOUN", "PRON"} or \
            phrase.pos_ == "PRON" and phrase.lower_ not in PERSONAL or \
            any(a.dep_ == "relcl" for a in phrase.ancestors):
        return None
    return phrase


def _before_adverbs(verb: Token, opens: int) -> int:
    """The index right before the verb once its own adverbs, auxiliaries and times ("last
    week", "also") are passed over (``opens``: where the verb's sentence starts)."""
    i = verb.i - 1
    while i > opens:
        child = next((c for c in verb.children if c.i < verb.i and
                      c.left_edge.i <= i <= c.right_edge.i), None)
        if child is None or child.dep_ not in {"advmod", "npadvmod", "aux", "neg"}:
            break
        i = child.left_edge.i - 1
    return i


def _past_aside(doc: Doc, i: int, start: int, quoted: set[int]) -> int | None:
    """The index before an aside that ends at ``i`` (quoted words may stand in it), ``i`` if
    none ends there, None for an aside never opened or one that goes on a clause before."""
    opener = ASIDES.get(doc[i].text) or _spaced_dash(doc[i])
    if opener is None:
        return i
    j = i - 1
    while j > start and (doc[j].text != opener or j in quoted or
                         opener == "-" and not _spaced_dash(doc[j])):
        j -= 1
    if j <= start or j == i - 1 or _clause_aside(doc[j + 1]):
        return None
    return j - 1


def _spaced_dash(token: Token) -> str | None:
    """A hyphen standing for a dash, spaced on both sides ("Berg - in a line aimed at Ruiz -
    said"), not one joining a word."""
    spaced = token.text == "-" and token.i > 0 and bool(token.doc[token.i - 1].whitespace_) \
        and bool(token.whitespace_)
    return "-" if spaced else None


def _clause_aside(first: Token) -> bool:
    """"Berg, whose firm, Tidewise, builds piers, said": an aside opening with a finite verb
    and its object, or with "and", goes on a clause before it, whose last phrase is not the
    speaker (not "Berg, weary, said")."""
    return first.pos_ == "CCONJ" or first.tag_ in FINITE and \
        any(c.dep_ in {"dobj", "ccomp"} for c in first.children)


def _opens_clause(phrase: Token) -> bool:
    """The phrase's words run from the start of its sentence, or from a comma, dash or quotation
    mark that ends what opens it ("In a statement, her adviser …"), to the phrase's head."""
    first, opens = phrase.left_edge.i, phrase.sent.start
    if first <= opens:
        return first == opens
    doc = phrase.doc
    before = doc[first - 1]
    if before.text == "," and phrase.ent_type_ in {"GPE", "LOC"} and first > 1 and \
            doc[first - 2].pos == PROPN and doc[first - 2].ent_type_ not in TIMES:
        return False  # "a Dover, Del., skipper": a place set off inside the phrase
    if before.pos_ == "CCONJ":  # "…, but Sen. Ruiz (…) says"
        return first > 1 and doc[first - 2].text == ","
    return before.text in CLAUSE_OPENERS or before.is_quote or before.is_space or \
        before.pos_ == "SCONJ"  # "as Ruiz, contradicting Berg, said"


def _finite(verb: Token) -> bool:
    """A verb with a subject of its own to lose: finite, or a participle after "has"/"had"."""
    return verb.tag_ in FINITE or verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
