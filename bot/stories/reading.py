"""Reading an article's story features (``bot.stories.features``) off the Doc spaCy made."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import ADJ, NOUN, NUM, PROPN, VERB
from spacy.tokens import Doc

from bot.models import ParsedArticle
from bot.nlp.summary import clean_sentence
from bot.stories.features import (
    CACHED,
    WORDS,
    ArticleFeatures,
    EntityView,
    SentenceFeatures,
    TokenView,
    entity_key,
    entity_words,
    number_keys,
)
from bot.stories.figures import FIGURE_LABELS, SCALES, bare_figure, figure_values

CONTENT_POS_IDS = {NOUN, PROPN, VERB, ADJ, NUM}
NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
         "WORK_OF_ART"}
NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"}
REPORTING = {"say", "tell", "add", "accord", "report", "state", "write", "told", "says"}
QUOTED = re.compile(r"[\"“”]([^\"“”]{20,})[\"“”]")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"}
LEADING_CLOSE_QUOTE = re.compile(r"^[\"”’]\s+")
PRONOUNS = {"he", "she", "they", "his", "her", "their"}
LINKS = {"further", "also", "add", "addition"}
HEDGES = {"could", "might", "may"}


def extract(parsed: ParsedArticle) -> ArticleFeatures:
    """Features from the Doc spaCy already produced; spaCy is never run again here."""
    doc = parsed.doc
    article = parsed.article
    features = ArticleFeatures(
        title=article.title,
        title_words=tuple(w.casefold() for w in WORDS.findall(article.title)),
        tokens=[], entities=[], sentences=[],
    )
    if not isinstance(doc, Doc):
        return features
    words = _Words(doc, article.body)
    ents = _entities(doc)
    ent_starts = [ent[0] for ent in ents]
    for index, sent in enumerate(_sentence_spans(parsed, doc, words)):
        inside = ents[bisect_left(ent_starts, sent.start):bisect_left(ent_starts, sent.end)]
        features.sentences.append(_sentence(sent, inside, index, features, words))
    for index, sentence in enumerate(features.sentences):
        keys = sentence.facts | {"l:" + lemma for lemma in sentence.lemmas}
        for key in keys:
            features.tf[key] = features.tf.get(key, 0) + 1
        for key in keys - features.keys:
            features.first[key] = index
        features.keys |= keys
    features.title_keys = _title_keys(features)
    return features


def _title_keys(features: ArticleFeatures) -> set[str]:
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
        if not named and word.isalpha() and len(word) > 2 and word not in STOP_WORDS:
            found.add("l:" + lemmas.get(word, word))
    return found


class _Span(NamedTuple):
    start: int
    end: int
    start_char: int
    end_char: int


def _sentence_spans(parsed: ParsedArticle, doc: Doc, words: _Words) -> list[_Span]:
    """Sentences as token ranges, from the parse's sentence offsets (no second walk of the Doc)."""
    bounds = [(s.start, s.end) for s in parsed.sentences] or [
        (s.start_char, s.end_char) for s in doc.sents]
    starts = words.starts
    spans = []
    for start_char, end_char in bounds:
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


def _entities(doc: Doc) -> list[_Ent]:
    """The Doc's entities in order, each read once (Span properties are slow to call)."""
    return [_Ent(e.start, e.end, e.start_char, e.end_char, e.label_) for e in doc.ents]


class _Words:
    """The Doc's token attributes read in one call (Token objects are slow to make one by one),
    with each word's and lemma's text looked up once per distinct word. ``doc_text`` is the
    text spaCy parsed, which its Doc reproduces exactly (its tokenisation loses nothing)."""

    ATTRS = (LOWER, LEMMA, POS, TAG, IS_ALPHA, IS_STOP, IS_PUNCT, IS_SPACE, LIKE_NUM, IDX)

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc_text = text
        array = doc.to_array(list(self.ATTRS)) if len(doc) else None
        self.rows = array.tolist() if array is not None else []
        self.starts = array[:, 9].tolist() if array is not None else []
        self.pos = array[:, 2].tolist() if array is not None else []
        self.strings = doc.vocab.strings
        self.lowers: dict[int, _Lower] = {}
        self.lemmas: dict[int, str] = {}
        if array is not None:
            self.lowers = {key: _LOWERS.get(key) or self._lower(key)
                           for key in set(array[:, 0].tolist())}
            self.lemmas = {key: _LEMMAS.get(key) or self._lemma(key)
                           for key in set(array[:, 1].tolist())}

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


_LOWERS: dict[int, _Lower] = {}
_LEMMAS: dict[int, str] = {}
"""Words and lemmas by their hash in spaCy's string store (the same in every Doc and process)."""


def _sentence(
    sent: _Span, ents: list[_Ent], index: int, features: ArticleFeatures, words: _Words
) -> SentenceFeatures:
    """One sentence's content; ``ents`` are the Doc's entities starting in it (Span.ents would
    walk the whole Doc again for every sentence)."""
    lemmas: set[str] = set()
    facts: set[str] = set()
    in_entity: set[int] = set()
    numeric: set[int] = set()
    figures: set[Decimal] = set()
    text_of = words.doc_text
    pos_of = words.pos
    for ent in ents:
        ent_text = text_of[ent.start_char:ent.end_char]
        label = ent.label
        features.entities.append(EntityView(label, entity_words(ent_text), ent_text, index))
        if label in NAMED and PROPN in pos_of[ent.start:ent.end]:
            key = entity_key(label, ent_text)
            if key and label == "NORP":
                facts.add("g" + key[1:])
            elif key:
                facts.add(key)
                in_entity.update(range(ent.start, ent.end))
        elif label in NUMERIC:
            facts |= _number_keys(ent_text) or _date_key(label, ent_text)
            numeric.update(range(ent.start, ent.end))
            if label in FIGURE_LABELS:
                figures |= _figure_values(ent_text + _scale_after(ent.end, words))
    plain: list[tuple[str, str]] = []
    hedged = False
    tokens = features.tokens
    lowers, lemma_of, rows = words.lowers, words.lemmas, words.rows
    for i in range(sent.start, sent.end):
        lower_id, lemma_id, pos, tag, alpha, stop, punct, space, like_num, _ = rows[i]
        if punct or space:
            continue
        lower, alnum, digit = lowers[lower_id]
        lemma = lemma_of[lemma_id] or lower
        if len(plain) < 6:
            plain.append((lower, lemma))
        if not hedged and lower in HEDGES:
            hedged = words.text(tag) == "MD"
        if alpha or like_num or alnum:
            tokens.append(TokenView(lower, lemma, index))
        if stop or not alpha or i in in_entity:
            if like_num and digit:
                facts |= _number_keys(lower)
                if i not in in_entity and i not in numeric:
                    figures |= _bare_figure(lower)
            continue
        if pos in CONTENT_POS_IDS and len(lemma) > 1 and lemma not in REPORTING:
            lemmas.add(lemma)
    raw = text_of[sent.start_char:sent.end_char]
    quote = bool(QUOTED.search(raw))
    people = frozenset(key for e in ents if e.label == "PERSON"
                       if (key := entity_key("PERSON", text_of[e.start_char:e.end_char]))
                       is not None)
    text = LEADING_CLOSE_QUOTE.sub("", clean_sentence(raw))
    return SentenceFeatures(text, frozenset(lemmas), frozenset(facts), quote,
                            people, _continues(plain), hedged, frozenset(figures))


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


def _continues(words: list[tuple[str, str]]) -> bool:
    """Whether the sentence (its (lower, lemma) words) carries on from the one before."""
    first = words[:6]
    if first and first[0][0] in PRONOUNS:
        return True
    return any(lemma in LINKS for _, lemma in first)
