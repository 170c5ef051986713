"""What an article contributes to a story: content lemmas, entities, numbers, per sentence.

They are made here (``features_from``) from a ``DocView``, what ``bot.stories.reading`` reads
of spaCy's Doc in the process that parsed it. This module imports no spaCy, so a process that
only clusters and stores articles analysed elsewhere (worker processes) never loads it, and
makes their features itself, on the core the worker does not use."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from bot.models import DAY_LABELS, ArticleParts, ParsedArticle
from bot.nlp.summary import clean_sentence
from bot.stories import adding
from bot.stories.figures import FIGURE_LABELS, SCALES, bare_figure, figure_values
from bot.stories.saying import SAYING
from bot.stories.schedule import LEAD_SENTENCES, day_keys, day_of, event_days

STOP_ENTITY_WORDS = {"the", "'s", "’s", "s"}
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
ALIASES = {("us",): ("united", "states"), ("uk",): ("united", "kingdom"),
           ("un",): ("united", "nations"), ("eu",): ("european", "union")}
WORDS = re.compile(r"\w+")
CACHED = 65536


class TokenView(NamedTuple):
    """One word of the article as topic matching sees it; ``verb``: a verb's form, whose
    lemma a term of one word reaches only by a regular inflection (``topics.Matcher``)."""

    lower: str
    lemma: str
    sentence: int
    verb: bool = False


class EntityView(NamedTuple):
    label: str
    words: tuple[str, ...]
    text: str
    sentence: int


@dataclass(frozen=True)
class SentenceFeatures:
    """A sentence's content: ``facts`` are entity and number keys, ``quote`` a direct quote,
    ``figures`` the counts, amounts and rates it states (not dates, times, ages or ordinals),
    ``days`` the days it names and schedules (``bot.stories.schedule``; what's new only, not
    keys stories group on), ``uncounted`` the number keys of its facts only a number word
    counting nothing gave ("One of them", ``bot.stories.counts``; what's new ranks by them),
    ``predicate`` the lemma of the verb its own clause tells in the past (the reported one
    after a saying): an event; ``adds``: it adds to the sentence before (``bot.stories.adding``)."""

    text: str
    lemmas: frozenset[str]
    facts: frozenset[str]
    quote: bool
    people: frozenset[str] = frozenset()
    continues: bool = False
    hedged: bool = False
    figures: frozenset[Decimal] = frozenset()
    days: frozenset[str] = frozenset()
    uncounted: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()
    adds: bool = False


@dataclass
class ArticleFeatures:
    """``keys`` are the body's; ``first`` says in which sentence each first appears, ``tf`` in
    how many; ``title_keys`` are what the headline names (used at event granularity),
    ``title_stops`` its words spaCy marks as stop words (``DocView.title_stops``);
    ``today``: the article's own day, which the days it names are counted from;
    ``event_days``: the past or present days its lead names (``schedule.event_days``)."""

    title: str
    title_words: tuple[str, ...]
    tokens: list[TokenView]
    entities: list[EntityView]
    sentences: list[SentenceFeatures]
    keys: set[str] = field(default_factory=set)
    first: dict[str, int] = field(default_factory=dict)
    tf: dict[str, int] = field(default_factory=dict)
    title_keys: set[str] = field(default_factory=set)
    title_stops: frozenset[str] = frozenset()
    today: date | None = None
    event_days: frozenset[date] = frozenset()


@lru_cache(maxsize=CACHED)
def entity_words(text: str) -> tuple[str, ...]:
    """An entity's words, lower case, without 'the', dots in initials, or possessive endings."""
    text = re.sub(r"['’]s\b", "", text.casefold()).replace(".", "")
    words = tuple(w for w in WORDS.findall(text) if w not in STOP_ENTITY_WORDS)
    return ALIASES.get(words, words)


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""What follows a surname to tell a family's generations apart ("Jr.", "III"): no surname, and
every "Jr." would share its key."""


def entity_key(label: str, text: str) -> str | None:
    """The key an entity is indexed under; a person is known by their surname."""
    words = entity_words(text)
    if label == "PERSON":
        while words and words[-1] in GENERATIONS:
            words = words[:-1]
        return f"e:{words[-1]}" if words else None
    return "e:" + " ".join(words) if words else None


NUMBER_WORDS = {w: str(i) for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
                     "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
                     "dozen": "12"})


def number_keys(text: str) -> set[str]:
    """Numbers in a phrase, written as digits ("4,000" -> 4000, "two" -> 2)."""
    keys = {"n:" + d.replace(",", "") for d in DIGITS.findall(text)}
    if not keys:
        keys = {"n:" + NUMBER_WORDS[w] for w in WORDS.findall(text.casefold())
                if w in NUMBER_WORDS}
    return keys



def from_stored(*, title: str, body: str, parts: ArticleParts) -> ArticleFeatures:
    """Features for topic matching rebuilt from stored text, without spaCy (words, not lemmas):
    for articles stored before their words and lemmas were kept."""
    features = ArticleFeatures(title=title, title_words=tuple(
        w.casefold() for w in WORDS.findall(title)), tokens=[], entities=[], sentences=[])
    spans = [(s.start, s.end) for s in parts.sentences] or [(0, len(body))]
    starts = [start for start, _ in spans]
    for index, (start, end) in enumerate(spans):
        for word in WORDS.findall(body[start:end]):
            lower = word.casefold()
            features.tokens.append(TokenView(lower, lower, index))
    for entity in parts.entities:
        index = max(0, bisect_right(starts, entity.start) - 1)
        features.entities.append(EntityView(entity.label, entity_words(entity.text), entity.text,
                                            index))
    return features


COLUMNS = 10
"""A DocView's token columns: lower, lemma (string hashes), part of speech (1: a content word,
2: a proper noun, 4: a verb), tense (MODAL, PAST, AHEAD, MAIN), alpha, stop, punct, space, like_num,
character offset."""
NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
         "WORK_OF_ART"}
NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"}
REPORTING = SAYING | {"accord", "told", "says"}
"""Words that attribute, left out of a sentence's content words: the verbs of saying, "according
to", and forms the lemmatiser leaves as written."""
QUOTED = re.compile(r"[\"“”]([^\"“”]{20,})[\"“”]")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"}
LEADING_CLOSE_QUOTE = re.compile(r"^[\"”’]\s+")
PRONOUNS = {"he", "she", "they", "his", "her", "their"}
LINKS = {"further", "also", "add", "addition"}
HEDGES = {"could", "might", "may"}
CONTENT, PROPER, VERBAL = 1, 2, 4
MODAL, PAST, AHEAD, MAIN = 1, 2, 4, 8
"""A token's tense flags: a modal; a verb in the past (``bot.stories.reading.tense_flags``);
the first of a date the parse puts ahead (``bot.stories.plans``); the verb of the sentence's
own predicate (``bot.stories.reading.predicates``)."""


class DocView(NamedTuple):
    """What the features need of spaCy's Doc, in plain values that pickle fast: ``rows`` the
    tokens' ``COLUMNS`` as native unsigned 64-bit integers, ``strings`` the text of every word
    and lemma hash in them, ``ents`` (start, end, start_char, end_char, label), and which of the
    headline's words are stop words, and which entities (by start) are number words counting
    nothing (``bot.stories.counts``)."""

    rows: bytes
    strings: dict[int, str]
    ents: tuple[tuple[int, int, int, int, str], ...]
    title_stops: frozenset[str]
    uncounted: frozenset[int] = frozenset()


def title_words(title: str | None) -> tuple[str, ...]:
    return tuple(w.casefold() for w in WORDS.findall(title or ""))


def features_from(parsed: ParsedArticle, view: DocView | None, *,
                  arrived: date | None = None) -> ArticleFeatures:
    """Features from what spaCy found (``view``); spaCy is never run again here. ``arrived``:
    when an article with no time of its own (none, or one past ``schedule.FUTURE_SLACK`` of
    its arrival) was seen live, the desk's day it arrived on, its days counted from it (a file
    dropped in the watched folder is written about now: without it, "on Tuesday" named no day,
    and a paragraph added of a later day's events was a rewrite). ``today`` is the day the
    days are counted from."""
    article = parsed.article
    features = ArticleFeatures(title=article.title, title_words=title_words(article.title),
                               tokens=[], entities=[], sentences=[],
                               today=arrived or day_of(article.published, article.published_offset))
    if view is None:
        return features
    words = _Words(view, article.body)
    ents = [_Ent(*ent) for ent in view.ents]
    ent_starts = [ent[0] for ent in ents]
    for index, sent in enumerate(_sentence_spans(parsed, words)):
        inside = ents[bisect_left(ent_starts, sent.start):bisect_left(ent_starts, sent.end)]
        features.sentences.append(_sentence(sent, inside, index, features, words,
                                            features.today))
    for index, sentence in enumerate(features.sentences):
        keys = sentence.facts | {"l:" + lemma for lemma in sentence.lemmas}
        for key in keys:
            features.tf[key] = features.tf.get(key, 0) + 1
        for key in keys - features.keys:
            features.first[key] = index
        features.keys |= keys
    features.title_stops = view.title_stops
    features.title_keys = _title_keys(features, view.title_stops)
    features.event_days = event_days(
        (key for s in features.sentences[:LEAD_SENTENCES] for key in s.days), features.today)
    return features


def _title_keys(features: ArticleFeatures, stops: AbstractSet[str]) -> set[str]:
    """The keys its headline names: a word of one of the body's names, else the word itself
    (by its lemma where the body has it), unless it is a stop word."""
    if not features.title_words:
        return set()
    lemmas = {t.lower: t.lemma for t in features.tokens}
    by_word: dict[str, set[str]] = {}
    for key in features.keys:
        if key[:2] in ("e:", "g:"):
            for word in key[2:].split():
                by_word.setdefault(word, set()).add(key)
    found: set[str] = set()
    for word in features.title_words:
        named = by_word.get(word, set())
        found |= named
        if not named and word.isalpha() and len(word) > 2 and word not in stops:
            found.add("l:" + lemmas.get(word, word))
    return found


class _Span(NamedTuple):
    start: int
    end: int
    start_char: int
    end_char: int


def _sentence_spans(parsed: ParsedArticle, words: _Words) -> list[_Span]:
    """Sentences as token ranges, from the parse's sentence offsets (no second walk of the Doc)."""
    starts = words.starts
    spans = []
    for sentence in parsed.sentences:
        start_char, end_char = sentence.start, sentence.end
        if not words.doc_text[start_char:end_char].strip():
            continue
        first, last = bisect_left(starts, start_char), bisect_left(starts, end_char)
        if first < last:
            spans.append(_Span(first, last, start_char, end_char))
    return spans


class _Ent(NamedTuple):
    start: int
    end: int
    start_char: int
    end_char: int
    label: str


class _Words:
    """The view's token rows, with each word's and lemma's text looked up once per distinct
    word. ``doc_text`` is the text spaCy parsed, which its Doc reproduces exactly (its
    tokenisation loses nothing)."""

    def __init__(self, view: DocView, text: str) -> None:
        self.doc_text = text
        flat = memoryview(view.rows).cast("Q").tolist()
        self.rows = list(zip(*[iter(flat)] * COLUMNS, strict=True))
        self.starts = flat[COLUMNS - 1::COLUMNS]
        self.pos = flat[2::COLUMNS]
        self.strings = view.strings
        self.uncounted = view.uncounted
        self.lowers = {key: _LOWERS.get(key) or self._lower(key) for key in set(flat[::COLUMNS])}
        self.lemmas = {key: _LEMMAS.get(key) or self._lemma(key)
                       for key in set(flat[1::COLUMNS])}

    def _lower(self, key: int) -> _Lower:
        if len(_LOWERS) >= CACHED:
            _LOWERS.clear()
        found = _LOWERS[key] = _lower(self.strings[key])
        return found

    def _lemma(self, key: int) -> str:
        if len(_LEMMAS) >= CACHED:
            _LEMMAS.clear()
        found = _LEMMAS[key] = self.strings[key].casefold()
        return found

    def text(self, key: int) -> str:
        return self.strings[key]


class _Lower(NamedTuple):
    """A word in lower case, whether any of it is a letter or digit, and whether it has a digit."""

    text: str
    alnum: bool
    digit: bool


def _lower(text: str) -> _Lower:
    return _Lower(text, any(c.isalnum() for c in text), any(c.isdigit() for c in text))


_new = tuple.__new__
"""What TokenView(...) runs, without its Python-level ``__new__`` (a step per token)."""
_LOWERS: dict[int, _Lower] = {}
_LEMMAS: dict[int, str] = {}
"""Words and lemmas by their hash in spaCy's string store (the same in every Doc and process)."""


def _sentence(
    sent: _Span, ents: list[_Ent], index: int, features: ArticleFeatures, words: _Words,
    today: date | None,
) -> SentenceFeatures:
    """One sentence's content; ``ents`` are the Doc's entities starting in it (Span.ents would
    walk the whole Doc again for every sentence); ``today``, the article's own day, the days
    it names are counted from."""
    lemmas: set[str] = set()
    facts: set[str] = set()
    in_entity: set[int] = set()
    numeric: set[int] = set()
    figures: set[Decimal] = set()
    counting_nothing: set[str] = set()
    counted: set[str] = set()
    dates: list[tuple[int, int, str]] = []
    planned: list[int] = []
    text_of = words.doc_text
    pos_of = words.pos
    for ent in ents:
        ent_text = text_of[ent.start_char:ent.end_char]
        label = ent.label
        features.entities.append(EntityView(label, entity_words(ent_text), ent_text, index))
        if label in NAMED and any(pos & PROPER for pos in pos_of[ent.start:ent.end]):
            key = entity_key(label, ent_text)
            if key and label == "NORP":
                facts.add("g" + key[1:])
            elif key:
                facts.add(key)
                in_entity.update(range(ent.start, ent.end))
        elif label in NUMERIC:
            keys = _number_keys(ent_text) or _date_key(label, ent_text)
            (counting_nothing if ent.start in words.uncounted else counted).update(keys)
            facts |= keys
            if label in DAY_LABELS:
                dates.append((ent.start_char - sent.start_char, ent.end_char - sent.start_char,
                              ent_text))
                if words.rows[ent.start][3] & AHEAD:
                    planned.append(ent.start_char - sent.start_char)
            numeric.update(range(ent.start, ent.end))
            if label in FIGURE_LABELS and ent.start not in words.uncounted:
                figures |= _figure_values(ent_text + _scale_after(ent.end, words))
    plain: list[tuple[str, str]] = []
    past: list[int] = []
    predicate: set[str] = set()
    hedged = False
    tokens = features.tokens
    lowers, lemma_of, rows = words.lowers, words.lemmas, words.rows
    for i in range(sent.start, sent.end):
        lower_id, lemma_id, pos, tense, alpha, stop, punct, space, like_num, start = rows[i]
        if punct or space:
            continue
        lower, alnum, digit = lowers[lower_id]
        lemma = lemma_of[lemma_id] or lower
        if len(plain) < 6:
            plain.append((lower, lemma))
        if not hedged and lower in HEDGES:
            hedged = bool(tense & MODAL)
        if tense & PAST:
            past.append(start - sent.start_char)
        if tense & MAIN and tense & PAST and pos & CONTENT:
            predicate.add(lemma)
        if alpha or like_num or alnum:
            tokens.append(_new(TokenView, (lower, lemma, index, bool(pos & VERBAL))))
        if stop or not alpha or i in in_entity:
            if like_num and digit:
                number = _number_keys(lower)
                counted |= number
                facts |= number
                if i not in in_entity and i not in numeric:
                    figures |= _bare_figure(lower)
            continue
        if pos & CONTENT and len(lemma) > 1 and lemma not in REPORTING:
            lemmas.add(lemma)
    raw = text_of[sent.start_char:sent.end_char]
    quote = bool(QUOTED.search(raw))
    people = frozenset(key for e in ents if e.label == "PERSON"
                       if (key := entity_key("PERSON", text_of[e.start_char:e.end_char]))
                       is not None)
    text = LEADING_CLOSE_QUOTE.sub("", clean_sentence(raw))
    adds = bool(adding.ADDING.search(raw)) and _adds(words, sent)
    days = frozenset(day_keys(raw, dates, today, past, planned)) if dates else frozenset()
    return SentenceFeatures(text, frozenset(lemmas), frozenset(facts), quote,
                            people, _continues(plain, adds), hedged, frozenset(figures), days,
                            frozenset(counting_nothing - counted) if counting_nothing
                            else frozenset(), frozenset(predicate), adds)


@lru_cache(maxsize=CACHED)
def _number_keys(text: str) -> AbstractSet[str]:
    """``number_keys``, kept for the words and phrases that come again (never changed)."""
    return number_keys(text)


@lru_cache(maxsize=CACHED)
def _figure_values(text: str) -> AbstractSet[Decimal]:
    return figure_values(text)


@lru_cache(maxsize=CACHED)
def _bare_figure(text: str) -> AbstractSet[Decimal]:
    return bare_figure(text)


def _scale_after(end: int, words: _Words) -> str:
    """The scale spaCy can leave out of an amount ("€300m" gives the entity "300" and "m")."""
    if end >= len(words.rows):
        return ""
    following = words.text(words.rows[end][0])
    return " " + following if following in SCALES else ""


def _date_key(label: str, text: str) -> set[str]:
    """A date naming a month ("early March") is a fact; "on Monday" or "last week" is not."""
    if label != "DATE":
        return set()
    words = entity_words(text)
    return {"d:" + " ".join(words)} if MONTHS & set(words) else set()


def _adds(words: _Words, sent: _Span) -> bool:
    """``adding.adds`` over the sentence's words, spaces left out, each marked whether it is
    a verb; words joined by a hyphen are one word, no verb ("long-awaited", which the tagger
    may read as a verb in the past, modifies the subject)."""
    found: list[adding.Word] = []
    end = -1
    for row in words.rows[sent.start:sent.end]:
        if row[7]:
            continue
        lower = words.lowers[row[0]][0]
        if found and row[9] == end and (lower == "-" or found[-1][0].endswith("-")):
            found[-1] = (found[-1][0] + lower, found[-1][0] + lower, False)
        else:
            found.append((lower, words.lemmas[row[1]] or lower, bool(row[2] & VERBAL)))
        end = row[9] + len(lower)
    return adding.adds(found)


def _continues(words: list[tuple[str, str]], adds: bool) -> bool:
    """Whether the sentence (its (lower, lemma) words) carries on from the one before: a
    pronoun first, "added", or an adding word where it adds (``adds``: not "Further talks")."""
    first = words[:6]
    if first and first[0][0] in PRONOUNS:
        return True
    return any(lemma == "add" or lemma in LINKS and adds for _, lemma in first)
