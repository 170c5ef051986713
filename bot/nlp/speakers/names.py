"""Reading names, roles and noun phrases off spaCy tokens (no article state)."""

from __future__ import annotations

from spacy.parts_of_speech import ADP, ADV, AUX, CCONJ, NOUN, PART, PRON, PROPN, SCONJ, VERB
from spacy.parts_of_speech import DET as DETERMINER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.nlp.speakers.first_names import first_name_gender
from bot.nlp.speakers.roles import Role, desk_role, in_tag, party_tag, with_party
from bot.nlp.speakers.words import (
    ABBREVIATED_TITLES,
    COMPANY_ROLES,
    GENDERED_NOUNS,
    HEADLINE_CHARS,
    HEADLINE_WORDS,
    HONORIFICS,
    ISSUED_NOUNS,
    JOB_WORDS,
    KIN,
    NP_DEPS,
    ORG_NOUNS,
    PERIODICALS,
    PLURAL_TAGS,
    POSITION_VERBS,
    POSSESSIVE_MARKS,
    POSSESSIVE_S,
    PUBLICATIONS,
    PUNCTUATION,
    ROLE_DEPS,
    SPEAKING_THINGS,
    STANCE_PREFIXES,
    TITLE_WORDS,
    WEAK_TITLES,
)

ROLE_CLAUSE_WORDS = 12
"""Words a "who" clause shown as a role holds at most ("who organises the night shift")."""
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
MODALS = frozenset({"may", "will", "can", "might", "must", "shall"})
"""Modal verbs that are also surnames ("Theresa May", "George Will")."""
NO_MODAL_BEFORE_TAGS = frozenset({"VBD", "VBZ", "VBN"})
"""A past, -s or participle form, which no modal comes right before ("may said" is not
English; "may have said" has its "have")."""
PERSON_ENDINGS = ("er", "or", "ist", "ian")
"""Endings of most nouns for what a person does ("organiser", "director", "columnist")."""
THING_NOUNS = ORG_NOUNS | SPEAKING_THINGS | ISSUED_NOUNS | PUBLICATIONS | PERIODICALS
"""Nouns with those endings that are a thing or a body ("order", "paper", "register")."""
PERSON_TITLES = TITLE_WORDS - COMPANY_ROLES
"""Titles only a person holds (a firm's "owner" may be a company), taken once."""
NOT_NAME_WORDS = POSSESSIVE_S | {"the"}
"""Words a tagged name's text leaves out ("the", "Vale's")."""
ROLE_CLAUSE_MARKS = POSSESSIVE_MARKS | {"-"}
"""The only punctuation a "who" clause shown as a role holds ("who chairs the crews' panel")."""
ROLE_WORD_MARKS = POSSESSIVE_S | {"-"}
"""Marks that may stand among the title words before a name ("the company’s vice-chair")."""

DET = get_string_id("det")
AMOD = get_string_id("amod")
ACL = get_string_id("acl")
RELCL = get_string_id("relcl")
APPOS = get_string_id("appos")
POSS = get_string_id("poss")
POBJ = get_string_id("pobj")
COMMA = get_string_id(",")
HYPHEN = get_string_id("-")
NP_DEP_IDS = frozenset(get_string_id(d) for d in NP_DEPS)
"""``NP_DEPS`` as hashes: every unnamed source's phrase reads its words' relations."""
NOMINAL = frozenset({NOUN, PROPN, PRON})
PREP = get_string_id("prep")
NPADVMOD = get_string_id("npadvmod")
WHEN_LABELS = frozenset({"DATE", "TIME"})
"""Entities that say when, not who ("a report on Wednesday" is "a report")."""
NO_NAME_END_POS = frozenset({ADV, VERB, AUX, ADP, CCONJ, SCONJ, PART, DETERMINER, PRON})
"""Parts of speech no name ends with when written in lower case ("Ruiz later", "Ana Ruiz of")."""
NO_NAME_END_MARKS = frozenset({"&", "(", ",", "-", "–", "—", ":", ";", "/"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
OPENING_VERBS = frozenset({"continued", "added", "stated", "wrote", "concluded", "explained",
                           "insisted", "noted", "replied", "responded", "asked", "sentencing"})
"""Verbs that open a sentence before the speaker's name, capitalised there, so the recogniser
takes them into it ("Continued Ruiz: “…”", "Sentencing Vale, the judge said"); not "Said",
also a first name."""
HEADLINE_VERBS = frozenset({"says", "tells", "warns", "urges", "slams", "blasts", "vows",
                            "admits", "denies", "insists", "responds", "defends", "praises",
                            "accuses", "announces", "reveals", "explains", "argues"})
"""A title-case headline's verb, which the recogniser takes into the name before it ("Ana Ruiz
Tells Crews to …", "Harbour Board Says …"); not "Claims", a noun in names ("Court of Federal
Claims")."""
DEFINITE_DETS = frozenset(get_string_id(w) for w in ("the", "this", "that"))
"""Determiners of something named before, as lower-case hashes (``definite`` reads every
description's children)."""


def weak_role(role: str | None) -> bool:
    """No role yet, or only a form of address ("Dr"), which a written role should replace."""
    return not role or all(w.strip(".").lower() in WEAK_TITLES for w in role.split())


def person_noun(token: Token) -> bool:
    """"His wife, Tigist," or "the coach, Ama Owusu,": whoever is named there is a person."""
    word = token.lemma_.lower()
    return word in PERSON_TITLES or gender_of_words([token.lower_]) is not None


def subject_set_beside(token: Token) -> bool:
    """"In an interview with Tom Vale and Rita Moss, the candidate stated …": the parser set
    the verb's subject beside the last name of the phrase before it; a noun set beside a name
    (of a coordination, or set beside a noun: "hosts A and B") inside a prepositional phrase,
    ending right before a finite verb that governs that phrase and has no subject of its own,
    is that verb's subject, not the name's role."""
    if token.dep != APPOS:
        return False
    head = token.head
    while head.dep_ in {"conj", "appos"} and head.head.i < head.i:  # "hosts A and B"
        head = head.head
    doc, end = token.doc, token.right_edge.i + 1
    if head.dep != POBJ or end >= len(doc) or token.i < token.head.i:
        return False
    verb = doc[end]
    return verb.pos in (VERB, AUX) and verb.tag_ in FINITE_TAGS and verb.is_ancestor(head) and \
        nominal_subject(verb) is None


def nominal_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def clitic(tok: Token) -> bool:
    """"’s", "'ve": the end of a contraction or possessive written onto the word before."""
    text = tok.text
    return text[:1] in {"'", "’"} and 1 < len(text) <= 3 and text[1:].isalpha() and \
        tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def name_part(tok: Token, span: range) -> bool:
    """A first name the recogniser left out of a lone surname ("Žaneta" Horváthová)."""
    return tok.dep_ == "compound" and tok.head.i in span and tok.text[:1].isupper() and \
        tok.pos_ == "PROPN" and tok.lower_.strip(".") not in TITLE_WORDS and \
        "\n" not in tok.whitespace_ and tok.ent_type_ in {"", "PERSON"}


def stance_word(text: str) -> bool:
    """"pro-Ruiz", "Anti-Vale": an English prefix hyphened onto a name, no one's name."""
    prefix, hyphen, rest = text.strip().lstrip(PUNCTUATION).partition("-")
    return bool(hyphen) and prefix.lower() in STANCE_PREFIXES and rest[:1].isupper()


def looks_like_person(token: Token) -> bool:
    """A name the recogniser called an organisation, but with a person's role or a "who";
    never a plural ("Republicans, who said", "Senate Democrats who"): a group's name."""
    if token.tag_ in PLURAL_TAGS and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
        return False
    for child in token.children:
        if child.dep_ == "appos" and (child.lemma_.lower() in TITLE_WORDS or any(
                t.lower_ == "who" for t in child.subtree)):
            return True
        if child.dep_ == "relcl" and any(t.lower_ == "who" for t in child.children):
            return True
    return any(c.dep_ == "compound" and c.i < token.i - 1 and (
        c.lower_ in TITLE_WORDS or _job_before_first_name(c)) for c in token.lefts)


def _job_before_first_name(tok: Token) -> bool:
    """"union organiser Mira Holt": a lower-case word for what a person does, right before a
    first name of known sex."""
    after = tok.nbor(1)
    return tok.text.islower() and _person_word(tok.lower_) and after.pos_ == "PROPN" and \
        first_name_gender(after.text) is not None


def gender_of_words(words: list[str]) -> str | None:
    for gender, nouns in GENDERED_NOUNS.items():
        if any(w in nouns for w in words):
            return gender
    return next((gender for w in words for gender, ending in MAN_ENDINGS
                 if w.endswith(ending) and w.isalpha() and w.islower() and
                 len(w) > len(ending) + 2 and w not in NOT_MEN), None)


MAN_ENDINGS = (("f", "woman"), ("m", "man"))
"""A noun made with "-man" or "-woman" names a man or a woman ("the radioman", "the
anchorwoman"), which no list holds them all."""
NOT_MEN = {"human", "german", "roman", "shaman", "ottoman", "talisman", "caiman", "superhuman",
           "inhuman", "walkman", "doberman", "catamaran"}


def name_text(token: Token, ent: Span | None) -> str:
    if ent is not None:
        words = [t.text for t in ent if t.text.lower() not in NOT_NAME_WORDS
                 and t.text.lower() not in HONORIFICS]
        return " ".join(words) or token.text
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
             and c.i == token.i - 1]
    first = parts[0].i if parts else token.i
    while first > 0 and token.doc[first - 1].dep_ == "compound" and \
            token.doc[first - 1].pos_ == "PROPN" and token.doc[first - 1].head.i in \
            range(first, token.i + 1) and token.doc[first - 1].text.lower() not in HONORIFICS:
        first -= 1
    while first < token.i and leading_title(token.doc[first], person=True):
        first += 1
    end = token.i if parts and token.ent_type_ in WHEN_LABELS and token.text.islower() \
        else token.i + 1  # "Vale today", not "USA Today"
    return token.doc[after_title(token.doc[first:end]):end].text


def name_end(doc: Doc, start: int, end: int) -> int:
    """Where a name the recogniser tagged from ``start`` to ``end`` ends: before a lower-case
    finite verb inside it ("Ruiz told Vale" tagged one name), a headline's verb ("Ana Ruiz
    Tells …") or a bracket left open ("the Port Board (PB"), then before the lower-case words
    no name ends with ("Ruiz later", "Ana Ruiz of") and stray marks ("Acme &"); a capitalised
    word stays ("Theresa May", "Raj Gill")."""
    for i in range(start + 1, end):
        tok = doc[i]
        if tok.pos in (VERB, AUX) and tok.tag_ in FINITE_TAGS and tok.text.islower() or \
                _headline_verb(doc, i) or \
                tok.text == "(" and not any(t.text == ")" for t in doc[i + 1:end]):
            end = i
            break
    while end - start > 1 and _no_name_end(doc[end - 1]):
        end -= 1
    return end


def _headline_verb(doc: Doc, i: int) -> bool:
    """"Ana Ruiz Tells": a capitalised headline verb after a capitalised word (not "the")."""
    tok = doc[i]
    return tok.lower_ in HEADLINE_VERBS and tok.text[:1].isupper() and \
        doc[i - 1].text[:1].isupper()


def _no_name_end(tok: Token) -> bool:
    return tok.text in NO_NAME_END_MARKS or tok.pos in NO_NAME_END_POS and tok.text.islower()


def leading_title(tok: Token, *, person: bool) -> bool:
    """A title or form of address opening a name ("Sen.", "Mr"), never a word of it; an
    abbreviation only in a person's name ("AG Ana Ruiz", not a firm "AG Brandt")."""
    return leading_title_word(tok.lower_, person=person)


def leading_title_word(word: str, *, person: bool) -> bool:
    """``leading_title`` of a word's lower-case form, read from a column without a Token; a
    verb opening the sentence before the name is none of it either ("Continued Ruiz")."""
    return word.strip(".") in TITLE_WORDS or word in HONORIFICS or word in OPENING_VERBS or \
        person and word.strip(".") in ABBREVIATED_TITLES


def after_title(name: Span) -> int:
    """Where a person's name starts after the title or job words the recogniser took into it
    ("Comedian Ana Ruiz", "Harlow City Councilwoman Ana Ruiz"): after the last such word that
    leaves two words of a name, so a first name that is also a rank ("Major Garrett": only
    the abbreviated "Maj." is a title) or a surname ("Ana King") stays."""
    doc = name.doc
    for i in range(name.end - 3, name.start - 1, -1):  # the words before the last two
        if title_like(doc[i]) and (following := doc[i + 1]).text[:1].isupper() and \
                not title_like(following):
            return i + 1
    return name.start


def title_like(tok: Token) -> bool:
    """A title ("Councilwoman", "Sen.") or a word for what someone does ("comedian")."""
    return title_like_word(tok.lower_)


def title_like_word(word: str) -> bool:
    """``title_like`` of a word's lower-case form, read from a string without a Token."""
    word = word.strip(".")
    return word in TITLE_WORDS or word in JOB_WORDS or word in ABBREVIATED_TITLES


def token_span(token: Token, text: str | None) -> Span:
    doc = token.doc
    length = len((text or token.text).split())
    start = max(0, token.i - length + 1)
    return doc[start:token.i + 1]


def role_of(name: Span, text: str | None = None) -> Role | None:
    """A role as written: the first apposition after the name, else the title words before
    it; and as a desk shows it (``roles.py``): the first apposition that is a role, else the
    title with a party tag after the name ("(R-Texas)") read, else the person noun the name is
    set beside or a "who" clause of what they are or do (``text``: the text the Doc was parsed
    from, sliced instead of joining a span's words)."""
    root, tag = name[-1], party_tag(name)
    doc = root.doc
    appositions = [doc[c.left_edge.i:c.right_edge.i + 1] for c in root.children
                   if c.dep_ == "appos" and c.i > root.i and not c.like_num and
                   c.ent_type_ != "PERSON" and  # "Mr. Vale, Tad Ode of …": another person
                   not subject_set_beside(c)]
    shown = next((role for span in _glued(appositions) if not in_tag(tag, span.root)
                  and (role := desk_role(span, title=False))), None)
    title = title_of(name)
    if appositions and shown:
        return Role(clean(span_text(appositions[0], text)), shown, clean(span_text(title, text)))
    titled = desk_role(whole_title(title), title=True)
    shown = with_party(titled, tag) or _described_as(root)
    written = clean(span_text(appositions[0] if appositions else title, text))
    relative = _relative_role(root) if not (shown and written) else None
    if relative is not None:
        shown, written = shown or relative.shown, written or relative.written
    if appositions and titled and shown and shown != titled and in_tag(tag, appositions[0].root):
        written = shown  # "Sen. Ana Ruiz, R-Fla.,": "the Florida senator", not "R-Fla."
    return Role(written, shown) if written or shown else None


def _described_as(root: Token) -> str | None:
    """"The organiser, Jane Roe, spoke first": the noun a name is set beside, up to the name,
    shown as her role (resolution reads it only where she speaks, ``appositive``)."""
    head = root.head
    if root.dep != APPOS or head.i >= root.i or head.pos_ != "NOUN" or \
            head.tag_ in PLURAL_TAGS or not _person_word(head.lemma_.lower()):
        return None
    return desk_role(root.doc[head.left_edge.i:head.i + 1], title=False)


def _person_word(word: str) -> bool:
    """A noun for a person ("organiser", "columnist", "wife"), not a thing or a body set
    beside a name by the parser ("the country", "the hashtag", "the paper")."""
    if word in TITLE_WORDS or word in JOB_WORDS or word in KIN or \
            gender_of_words([word]) is not None:
        return True
    return word.endswith(PERSON_ENDINGS) and word not in THING_NOUNS


def _relative_role(root: Token) -> Role | None:
    """"Roe, who is a union organiser" (a union organiser) or "Roe, who chairs the crews'
    committee" (shown as written, read as "chair of the crews' committee" by the descriptions
    that may mean her): a clause of what someone is or does, read when no apposition or title
    says it; not what they did once ("who spoke after the meeting")."""
    if not root.n_rights:
        return None
    clause = next((c for c in root.rights if c.dep == RELCL), None)
    if clause is None or clause.tag_ != "VBZ" or \
            not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
        return None
    doc = clause.doc
    if clause.lemma_ == "be":
        attr = next((c for c in clause.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is None:
            return None
        phrase = doc[attr.left_edge.i:attr.right_edge.i + 1]
        return Role(clean(phrase.text), desk_role(phrase, title=False))
    words = doc[clause.left_edge.i:clause.right_edge.i + 1]
    verb = clause.lemma_.lower()
    if verb not in POSITION_VERBS or len(words) > ROLE_CLAUSE_WORDS or \
            any(t.is_punct and t.text not in ROLE_CLAUSE_MARKS for t in words):
        return None
    held = next((c for c in clause.children if c.dep_ == "dobj"), None)
    title = POSITION_VERBS[verb]
    if title and held is not None:
        title = f"{title} of {doc[held.left_edge.i:held.right_edge.i + 1].text}"
    return Role(title, words.text)


def _glued(spans: list[Span]) -> list[Span]:
    """Appositions the parser cut inside a word joined again ("co" "-" "founder"), each
    running to the end of its last word ("who co-founded")."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end_char == span.start_char and "-" in (out[-1][-1].text, span[0].text):
            first = out.pop()
            span = span.doc[first.start:span.end]
        out.append(span)
    return [_to_word_end(span) for span in out]


def _to_word_end(span: Span) -> Span:
    doc, end = span.doc, span.end
    while end < len(doc) and not doc[end - 1].whitespace_ and \
            (doc[end].text == "-" or doc[end - 1].text == "-"):
        end += 1
    return span if end == span.end else doc[span.start:end]


def span_text(span: Span, text: str | None) -> str:
    """``span.text``, sliced from ``text`` (the text the Doc was parsed from) when at hand."""
    return span.text if text is None else text[span.start_char:span.end_char]


def title_of(name: Span) -> Span:
    """The title words written before a name ("Florida Gov.", "the company's chief")."""
    doc = name.doc
    allowed = {t.i for tok in name for c in tok.lefts if c.i < name.start
               and c.dep_ in ROLE_DEPS for t in c.subtree}
    start = name.start
    while start - 1 in allowed and _role_word(doc[start - 1]):
        start -= 1
    while start < name.start and ((t := doc[start]).dep_ == "det" or t.is_punct
                                  or t.lower_ in HONORIFICS):
        start += 1
    return doc[start:name.start]


def _role_word(tok: Token) -> bool:
    if tok.is_space or "\n" in tok.whitespace_ or "\n" in tok.text or tok.like_num:
        return False
    return not tok.is_punct or tok.text in ROLE_WORD_MARKS


def whole_title(title: Span) -> Span:
    """The title with an abbreviation the tokenizer split from its full stop ("Lt" ".")
    before it: "Lt. Gov." read whole."""
    doc, start = title.doc, title.start
    while start >= 2 and doc[start - 1].text == "." and not doc[start - 2].whitespace_ and \
            doc[start - 2].lower_ in ABBREVIATED_TITLES:
        start -= 2
    return doc[start:title.end]


def definite(token: Token) -> bool:
    """"The paper", "this poll": a description of something the article has named."""
    return any(c.dep == DET and c.lower in DEFINITE_DETS for c in token.children) or \
        _determined_as_modifier(token)


def _determined_as_modifier(token: Token) -> bool:
    """"“…,” the editorial read.": the parser took the noun for a modifier of the next word
    and hung its "the" there too."""
    if token.dep != AMOD or token.i == 0:
        return False
    det = token.doc[token.i - 1]
    return det.dep == DET and det.lower in DEFINITE_DETS and det.head.i == token.head.i


def noun_phrase(token: Token, upto: int | None = None, *, text: str | None = None) -> str:
    """The subject's noun phrase without appositions, relative clauses or trailing commas
    (``upto``: cut before that token, a name set beside it: "the director, Ana Ruiz, …";
    ``text``: the text the Doc was parsed from, sliced instead of building a Span)."""
    keep = [c for c in token.children if c.dep in NP_DEP_IDS and not _set_off(c)]
    start = min([c.left_edge.i for c in keep if c.i < token.i] + [token.i])
    end = max([c.right_edge.i for c in keep if c.i > token.i] + [token.i])
    if upto is not None and token.i < upto <= end:
        end = upto - 1
    doc = token.doc
    start, end = _whole_words(doc, start, end, len(doc) if upto is None else upto)
    if end > token.i and token.pos in NOMINAL and doc[end].ent_type_ in WHEN_LABELS and \
            doc[end].lower_ != "old":  # "voters 18 to 35 years old": an age, who they are
        end = _before_when(token, end)
    if text is None:
        return clean(doc[start:end + 1].text)
    last = doc[end]
    return clean(text[doc[start].idx:last.idx + len(last)])


def _whole_words(doc: Doc, start: int, end: int, stop: int) -> tuple[int, int]:
    """"The ex-wife of …", "a co-founder": the tokenizer splits a word at its hyphens and the
    parser may hang the part before one elsewhere, but a phrase never begins or ends inside a
    word (a hyphen before "a" or "the" is a dash: "… a database-a reporter did")."""
    while start > 1 and _joined(doc, start - 1) and doc[start].pos != DETERMINER:
        start -= 2
        if start and doc[start - 1].dep == DET and doc[start - 1].head.i in (start, start + 2):
            start -= 1  # "the ex-wife": its "the", wherever the parser hung it
    while end + 2 < stop and _joined(doc, end + 1):
        end += 2
    return start, end


def _joined(doc: Doc, i: int) -> bool:
    """A hyphen inside a word: unspaced, between two runs of letters."""
    hyphen = doc[i]
    if hyphen.orth != HYPHEN or hyphen.whitespace_:
        return False
    before = doc[i - 1]
    return not before.whitespace_ and before.is_alpha and doc[i + 1].is_alpha


def _before_when(token: Token, end: int) -> int:
    """The phrase's last word once a date or time closing it is cut off with its preposition
    ("a report on Wednesday", "disclosures filed Sunday night" → "a report", "disclosures"),
    and a participle the date alone followed."""
    doc = token.doc
    first = end
    while first > token.i + 1 and doc[first].ent_iob_ == "I":
        first -= 1
    date_root = doc[first:end + 1].root
    before = doc[first - 1]
    if date_root.dep == NPADVMOD and _of_phrase(token, date_root.head):
        cut = first - 1
    elif before.dep == PREP and date_root.head.i == before.i and before.i > token.i and \
            _of_phrase(token, before.head):
        cut = before.i - 1
    else:
        return end
    while cut > token.i and (doc[cut].is_punct or doc[cut].dep_ == "advmod"):
        cut -= 1
    last = doc[cut]
    if last.dep == ACL and last.head.i < last.i and last.right_edge.i >= end:
        cut = last.left_edge.i - 1  # "the schedule published [Thursday]"
    return cut if cut >= token.i else end


def _of_phrase(token: Token, head: Token) -> bool:
    """Whether a date hangs from the phrase's noun or a participle describing it, not from
    another noun inside ("stories, including one in May" keeps its date)."""
    return head.i == token.i or head.dep == ACL and head.head.i == token.i


def _set_off(child: Token) -> bool:
    """", speaking to the BBC by telephone," describes the moment, not the speaker."""
    if child.dep != ACL or child.i <= child.head.i:
        return False
    first = child.left_edge.i
    return first > 0 and child.doc[first - 1].orth == COMMA


def title_case(line: str) -> bool:
    """A short line whose longer words (four or more) are all capitalised: a headline, not
    a sentence nor a signature ("-Ana Ruiz, Philadelphia.")."""
    if len(line) > HEADLINE_CHARS:
        return False
    count = 0
    for word in line.split():
        word = word.strip(PUNCTUATION)
        if len(word) > 3 and word.isalpha():
            if not word[:1].isupper():
                return False
            count += 1
    return 4 <= count <= HEADLINE_WORDS


def clean(text: str) -> str:
    """Trimmed, and never reaching back across a paragraph break ("NEWS RELEASE\n\nX")."""
    return text.strip(" ,;:—–-\n\"“”").split("\n")[-1].strip()


def modal_name(token: Token) -> bool:
    """"“…,” May said" or "Will wrote": a capitalised modal the parser hung as an auxiliary on a
    past or -s verb is no modal (a modal takes the bare verb) but the verb's subject, a name."""
    if token.dep_ != "aux":  # before the head is built: most words are none
        return False
    text, verb = token.text, token.head
    return token.lower_ in MODALS and text[:1].isupper() and \
        not text.isupper() and verb.tag_ in NO_MODAL_BEFORE_TAGS and token.i < verb.i and \
        not any(c.dep_ in AUXILIARY_DEPS and c.i != token.i for c in verb.children)
