"""Linking quoted words to the reporting verb that introduces them, and that verb's subject."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.nlp.quotes.reporting import cue_of, is_passive, is_reporting
from bot.nlp.quotes.subjects import clause_subject_before, subject_of
from bot.nlp.speakers.words import DOCUMENT_NOUNS, ISSUED_NOUNS

TERMINALS = {".", "!", "?", ";"}
NEAR_WORDS = 10
PHRASE_POS = {"PROPN", "NOUN", "DET", "ADJ", "PART", "NUM"}
WORDED = {"read"}
"""Verbs that report words only right after them, inverted: "“…,” reads the sign."""
READ = {"read", "reads"}
DOCUMENT_REACH = 40
"""Unquoted words before "“…,” it read." searched for the document that read it."""
DOCUMENTS = ISSUED_NOUNS | DOCUMENT_NOUNS
"""What can have "read" the words before it: a document an author or body issued."""
VIEW_NOUNS = {"view", "opinion", "words", "estimation", "telling", "judgment", "judgement"}
""""In Ruiz's view, …": the owner of the view speaks."""
SET_OFF_WORDS = 30
NOMINAL = {"PROPN", "NOUN", "PRON"}


@dataclass(frozen=True)
class Attribution:
    """The verb that reports some words, its subject token, and how the words reached us."""

    verb: Token
    subject: Token | None
    cue: str | None


TITLE_WORDS = 25
"""Tokens a title in quotation marks holds at most, for its closing mark to be looked for."""


def according_to(tokens: list[Token]) -> Token | None:
    """The X in "according to X" or "in X's view", if the tokens hold one."""
    for tok in tokens:
        if tok.lower_ in VIEW_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if owners:
                return owners[0]
            owner = _apostrophe_owner(tok)
            if owner is not None:
                return owner
        if tok.lower_ == "according":
            source = _according_object(tok)
            if source is not None:
                return _author_of(source) or source
    return None


def _according_object(according: Token) -> Token | None:
    """The object of "according to": the parser hangs "to" under "according", or only beside it."""
    doc = according.doc
    beside = [doc[according.i + 1]] if according.i + 1 < len(doc) else []
    for to in [*according.children, *beside]:
        if to.lower_ == "to":
            found = next((c for c in to.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def _author_of(title: Token) -> Token | None:
    """"According to “The Long Harbour” by Tomas Berglund": a title in quotation marks
    credited to a name right after it speaks for its author (the parser often hangs "by" on
    the clause's verb, not on the title)."""
    doc = title.doc
    start = title.left_edge.i
    if start == 0 or not doc[start - 1].is_quote:
        return None
    end = next((t.i for t in doc[start:start + TITLE_WORDS] if t.is_quote), len(doc))
    while end < len(doc) and (doc[end].is_quote or doc[end].text == ","):
        end += 1
    if end >= len(doc) or doc[end].lower_ != "by":
        return None
    author = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
    return author if author is not None and author.ent_type_ == "PERSON" else None


def _apostrophe_owner(noun: Token) -> Token | None:
    """"in Forbes’ words": a name ending in s whose bare apostrophe the parser split off."""
    doc = noun.doc
    if noun.i < 2 or doc[noun.i - 1].text not in {"’", "'"}:
        return None
    owner = doc[noun.i - 2]
    return owner if owner.pos_ == "PROPN" and owner.lower_.endswith("s") else None


def attribution_from(tokens: list[Token], quoted: set[int], *, last: bool,
                     in_paragraph: bool = True) -> Attribution | None:
    """The nearest reporting verb (or "according to") among tokens outside the quote
    (``in_paragraph``: its subject never from a verb of the next paragraph)."""
    source = according_to(tokens)
    if source is not None:
        return _reporter_of(tokens, source, quoted) or Attribution(source.head, source, None)
    colon = tokens[-1] if tokens and tokens[-1].text == ":" else None
    if colon is not None and colon.head.pos_ == "VERB" and colon.head.i not in quoted:
        subject = _chained_subject(colon.head, quoted)  # "When X suggested …, Ruiz fired back: “…”"
        if subject is not None and subject.pos_ == "PROPN":
            return Attribution(colon.head, subject, cue_of(colon.head))
    verbs = [t for t in tokens if is_reporting(t)]
    main = _main_over(tokens, verbs, quoted) if last else None
    if main is not None:
        return main
    introduced = not verbs and colon is not None
    if introduced:
        colon = tokens[-1]
        own = [t for t in tokens if t.pos_ == "VERB" and t.i not in quoted][-1:]
        verbs = [colon.head] * (colon.head.pos_ == "VERB") + own  # "Ruiz fired back: “…”"
    ordered = list(reversed(verbs)) if last else verbs
    tried: list[Token] = []
    for verb in ordered:
        if not last and any(t.is_ancestor(verb) for t in tried):
            continue  # "“…,” Ruiz, …, said when Boyle asked her": not the clause's verb
        subject = subject_of(verb, quoted, in_paragraph=in_paragraph) or \
            clause_subject_before(verb, quoted)
        if subject is not None and (not introduced or _named(subject)):
            return Attribution(verb, subject, cue_of(verb))
        tried.append(verb)
    return None


def _reporter_of(tokens: list[Token], source: Token, quoted: set[int]) -> Attribution | None:
    """"“…,” Ruiz said, according to the transcript", "According to the Gazette, Ruiz said:
    “…”": the words are Ruiz's; the source of "according to" only reports that she said them
    (who said the words is what a desk asks)."""
    phrase = _according_phrase(source)
    for verb in tokens:
        if verb.i in phrase or not is_reporting(verb) or verb.lower_ == "according":
            continue
        subject = subject_of(verb, quoted)
        if subject is not None and subject.i not in phrase and not _indefinite(subject):
            return Attribution(verb, subject, cue_of(verb))
    return None


def _according_phrase(source: Token) -> set[int]:
    """The indexes of "according to X" (or "in X's view") around its source."""
    top = source
    while top.head != top and top.head.lower_ in {"according", "to", "in"} and \
            top.head.i >= source.i - 3:
        top = top.head
    return {t.i for t in top.subtree}


def _indefinite(subject: Token) -> bool:
    """"a member said, according to the Ledger": no one a desk could name; the source that
    reports the words is the better answer."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "one", "some", "another"}
               for c in subject.children)


def _chained_subject(verb: Token, quoted: set[int]) -> Token | None:
    """The subject of a verb, or of the verbs it is chained to ("Ruiz gestured …, then leaned
    in and boomed:", the parser hanging "leaned" off "gestured" with no label)."""
    subject = subject_of(verb, quoted)
    seen = 0
    while subject is None and verb.dep_ in {"conj", "dep"} and verb.head.pos_ == "VERB" and \
            verb.head.i < verb.i and seen < 3:
        verb, seen = verb.head, seen + 1
        subject = subject_of(verb, quoted)
    return subject


def _main_over(tokens: list[Token], verbs: list[Token], quoted: set[int]) -> Attribution | None:
    """"After Brown criticised Clinton in a debate, Hillary shot back, “…”": the comma before
    the quote hangs from the main verb, which has a named subject; the reporting verbs before
    it are in its subordinate clause."""
    comma = tokens[-1] if tokens and tokens[-1].text == "," else None
    if comma is None or not verbs or comma.head.pos_ != "VERB" or comma.head.i in quoted or \
            is_reporting(comma.head):
        return None
    main = comma.head
    if not all(v.i < main.i and main.is_ancestor(v) and _subordinate(v, main) for v in verbs):
        return None
    subject = subject_of(main, quoted)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return Attribution(main, subject, cue_of(main))


def _subordinate(verb: Token, main: Token) -> bool:
    """The verb is in an adverbial clause of ``main`` ("After X said …, Y …")."""
    while verb.head.i != main.i and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl"


def _named(subject: Token) -> bool:
    """A name, a pronoun or a named author's document ("Hoff's letter"), not "The rationale"."""
    return subject.pos_ in {"PROPN", "PRON"} or any(
        c.dep_ == "poss" and c.pos_ == "PROPN" for c in subject.children)


def surface_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """The words after a quote read as "[Name …] verb" or "verb [Name]" when the parse gave
    the verb no subject ("“…,” Ramos, 58, told AFP", "“…!” beamed Ana Ruiz of Leeds")."""
    words = [t for t in tokens[:NEAR_WORDS] if t.i not in quoted]
    verb = next((t for t in words if is_reporting(t)), None)
    first = next((t for t in words if not t.is_punct and not t.is_space), None)
    if verb is None and first is not None and first.lemma_ in WORDED and first.pos_ == "VERB":
        verb = first  # "“…,” reads an editorial in the Register."
    if verb is None:
        read = _document_read(words, quoted)
        if read is not None:
            return read
        return _set_off_attribution(tokens, quoted)
    if is_passive(verb):
        return None
    before = [t for t in words if t.i < verb.i and t.pos_ in NOMINAL]
    after = [t for t in words if t.i > verb.i and t.pos_ in {"PROPN", "NOUN"}]
    if before:
        subject = _phrase_head(before[0], verb.i)
    elif after and not any(t.pos_ == "ADP" for t in words if verb.i < t.i < after[0].i):
        subject = _phrase_head(_titled_person(after) or after[0], NEAR_WORDS + verb.i)
    else:
        return None
    if subject.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}:
        return None
    return Attribution(verb, subject, cue_of(verb))


def _document_read(words: list[Token], quoted: set[int]) -> Attribution | None:
    """"“…,” the editorial read.": a document closing the sentence with "read" is the words'
    source, though the parser often takes "editorial" for an adjective and "read" for a noun;
    "“…,” it read." is the last document named before the quote."""
    said = [t for t in words if not t.is_punct and not t.is_space]
    if not 2 <= len(said) <= 5 or said[-1].lower_ not in READ or \
            said[-1].i + 1 >= len(said[-1].doc) or said[-1].nbor().text not in TERMINALS:
        return None
    if len(said) == 2 and said[0].lower_ == "it":
        document = _document_before(said[0], quoted)
        return Attribution(said[-1], document, None) if document is not None else None
    if said[0].pos_ != "DET" or said[-2].lower_ not in DOCUMENTS:
        return None
    return Attribution(said[-1], said[-2], None)


def _document_before(it: Token, quoted: set[int]) -> Token | None:
    """The document "it" read for: the last one named outside quotes in the words before, up
    to ``DOCUMENT_REACH`` of them (the quote's own words skipped, not counted); never a plural
    ("the messages", of which "it" is one no one named)."""
    doc, reach, i = it.doc, DOCUMENT_REACH, it.i - 1
    while i >= 0 and reach:
        tok = doc[i]
        if i not in quoted:
            if tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in DOCUMENTS:
                return tok
            reach -= 1
        i -= 1
    return None


def _titled_person(after: list[Token]) -> Token | None:
    """"“…,” said campaign lead Ana Ruiz": the parser took the lower-case title for a clause
    ("campaign" the subject of "lead"); the person named right after the title speaks."""
    first = after[0]
    if not first.is_lower:
        return None
    for tok in first.doc[first.i:after[-1].i + 1]:
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
            return tok
        if not (tok.is_alpha and tok.is_lower) or tok.pos_ in {"ADP", "DET", "PRON", "CCONJ"}:
            return None
    return None


def _set_off_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """"“…,” William Daley, the president's former chief of staff, said": a name, then a
    description set off by commas too long for the near words, then the reporting verb."""
    words = [t for t in tokens[:SET_OFF_WORDS] if t.i not in quoted and not t.is_space]
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    if comma is None or not 0 < comma <= 5 or words[0].pos_ not in {"PROPN", "NOUN", "DET"} or \
            any(t.pos_ in {"VERB", "AUX"} for t in words[:comma]) or \
            not any(t.pos_ in {"PROPN", "NOUN"} for t in words[:comma]):
        return None
    for i in range(comma + 2, len(words)):
        verb = words[i]
        if words[i - 1].text == "," and is_reporting(verb) and not is_passive(verb):
            subject = _phrase_head(words[0], words[comma].i)
            return Attribution(verb, subject, cue_of(verb))
    return None


def lead_in_attribution(tokens: list[Token], quoted: set[int]) -> Attribution | None:
    """The words before a quote read as "Name[, aside,] verb," when the parse gave the verb no
    subject ("Post columnist Ana Ruiz, in an attempt to …, wrote, “…”")."""
    words = [t for t in tokens if t.i not in quoted and not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 2 or not is_reporting(words[-1]) or is_passive(words[-1]):
        return None
    verb = words[-1]
    found = _set_off_attribution(words, quoted)
    if found is not None and found.verb == verb:
        return found
    phrase = words[:-1]
    if all(t.pos_ in PHRASE_POS for t in phrase) and any(t.pos_ == "PROPN" for t in phrase):
        return Attribution(verb, _phrase_head(phrase[0], verb.i), cue_of(verb))
    name = _name_before_aside(words)
    return Attribution(verb, name, cue_of(verb)) if name is not None else None


def _name_before_aside(words: list[Token]) -> Token | None:
    """"… after Ana Ruiz, asked about the strike, had said, “…”": a person named right before
    an aside set off by commas that ends at the verb, which the parse left without a subject."""
    verb = words[-1]
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    i = len(words) - 2
    while i >= 0 and words[i].head.i == verb.i and words[i].dep_ == "aux":
        i -= 1
    if i < 2 or words[i].text != ",":
        return None
    for j in range(i - 1, max(0, i - SET_OFF_WORDS), -1):
        if words[j].text == ",":
            name = words[j - 1] if j > 0 else None
            person = name is not None and name.pos_ == "PROPN" and name.ent_type_ == "PERSON"
            return name if person else None
    return None


def _phrase_head(token: Token, limit: int) -> Token:
    """From a phrase's first word to its head ("Texas delegate Bill Eastland" -> the name)."""
    while token.head.i != token.i and token.head.i < limit and \
            token.dep_ in {"compound", "poss", "case", "amod", "det", "nmod", "flat"}:
        token = token.head
    return token


def region_after(doc: Doc, index: int, quoted: set[int], stop: int) -> list[Token]:
    """Unquoted tokens after a closing mark, up to the next quote, sentence end or paragraph end."""
    tokens = []
    i = index
    while i < len(doc) and i not in quoted:
        token = doc[i]
        if token.idx >= stop:
            break
        tokens.append(token)
        if token.text in TERMINALS:
            break
        i += 1
    return tokens


def region_before(doc: Doc, index: int, quoted: set[int], start: int) -> list[Token]:
    """Unquoted tokens before an opening mark, back to the previous quote or sentence end."""
    tokens: list[Token] = []
    i = index
    while i >= 0 and i not in quoted:
        token = doc[i]
        if token.idx < start or token.text in TERMINALS:
            break
        if tokens or not token.is_space:  # "resisted:  “…”": spaces before the mark
            tokens.append(token)
        i -= 1
    return list(reversed(tokens))
