"""What an article contributes to a story: content lemmas, entities, numbers, per sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.models import ParsedArticle
from bot.nlp.summary import clean_sentence

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
         "WORK_OF_ART"}
NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"}
REPORTING = {"say", "tell", "add", "accord", "report", "state", "write", "told", "says"}
STOP_ENTITY_WORDS = {"the", "'s", "’s", "s"}
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
QUOTED = re.compile(r"[\"“”]([^\"“”]{20,})[\"“”]")
ALIASES = {("us",): ("united", "states"), ("uk",): ("united", "kingdom"),
           ("un",): ("united", "nations"), ("eu",): ("european", "union")}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"}
LEADING_CLOSE_QUOTE = re.compile(r"^[\"”’]\s+")
PRONOUNS = {"he", "she", "they", "his", "her", "their"}
LINKS = {"further", "also", "add", "addition"}
HEDGES = {"could", "might", "may"}
WORDS = re.compile(r"\w+")


class TokenView(NamedTuple):
    """One word of the article as topic matching sees it."""

    lower: str
    lemma: str
    sentence: int


class EntityView(NamedTuple):
    label: str
    words: tuple[str, ...]
    text: str
    sentence: int


@dataclass(frozen=True)
class SentenceFeatures:
    """A sentence's content: ``facts`` are entity and number keys, ``quote`` a direct quote."""

    text: str
    lemmas: frozenset[str]
    facts: frozenset[str]
    quote: bool
    people: frozenset[str] = frozenset()
    continues: bool = False
    hedged: bool = False


@dataclass
class ArticleFeatures:
    title: str
    title_words: tuple[str, ...]
    tokens: list[TokenView]
    entities: list[EntityView]
    sentences: list[SentenceFeatures]
    keys: set[str] = field(default_factory=set)


def entity_words(text: str) -> tuple[str, ...]:
    """An entity's words, lower case, without 'the', dots in initials, or possessive endings."""
    text = re.sub(r"['’]s\b", "", text.casefold()).replace(".", "")
    words = tuple(w for w in WORDS.findall(text) if w not in STOP_ENTITY_WORDS)
    return ALIASES.get(words, words)


def entity_key(label: str, text: str) -> str | None:
    """The key an entity is indexed under; a person is known by their surname."""
    words = entity_words(text)
    if not words:
        return None
    if label == "PERSON":
        return f"e:{words[-1]}"
    return "e:" + " ".join(words)


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


def extract(parsed: ParsedArticle) -> ArticleFeatures:
    """Features from the Doc spaCy already produced; spaCy is never run again here."""
    doc = parsed.doc
    article = parsed.article
    features = ArticleFeatures(
        title=article.title,
        title_words=tuple(w.casefold() for w in WORDS.findall(article.title)),
        tokens=[], entities=[], sentences=[],
    )
    if doc is None:
        return features
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        features.sentences.append(_sentence(sent, index, features))
    for sentence in features.sentences:
        features.keys |= sentence.facts
        features.keys |= {"l:" + lemma for lemma in sentence.lemmas}
    return features


def _sentence(sent, index: int, features: ArticleFeatures) -> SentenceFeatures:
    lemmas: set[str] = set()
    facts: set[str] = set()
    in_entity: set[int] = set()
    for ent in sent.ents:
        features.entities.append(
            EntityView(ent.label_, entity_words(ent.text), ent.text, index))
        if ent.label_ in NAMED and any(t.pos_ == "PROPN" for t in ent):
            key = entity_key(ent.label_, ent.text)
            if key and ent.label_ == "NORP":
                facts.add("g" + key[1:])
            elif key:
                facts.add(key)
                in_entity.update(range(ent.start, ent.end))
        elif ent.label_ in NUMERIC:
            facts |= number_keys(ent.text) or _date_key(ent)
    for token in sent:
        if token.is_punct or token.is_space:
            continue
        lower = token.lower_
        lemma = token.lemma_.casefold() or lower
        if token.is_alpha or token.like_num or any(c.isalnum() for c in lower):
            features.tokens.append(TokenView(lower, lemma, index))
        if token.i in in_entity or token.is_stop or not token.is_alpha:
            if token.like_num and any(c.isdigit() for c in lower):
                facts |= number_keys(lower)
            continue
        if token.pos_ in CONTENT_POS and len(lemma) > 1 and lemma not in REPORTING:
            lemmas.add(lemma)
    quote = bool(QUOTED.search(sent.text))
    people = frozenset(entity_key("PERSON", e.text) for e in sent.ents if e.label_ == "PERSON")
    hedged = any(t.lower_ in HEDGES and t.tag_ == "MD" for t in sent)
    text = LEADING_CLOSE_QUOTE.sub("", clean_sentence(sent.text))
    return SentenceFeatures(text, frozenset(lemmas), frozenset(facts), quote,
                            people - {None}, _continues(sent), hedged)


def _date_key(ent) -> set[str]:
    """A date naming a month ("early March") is a fact; "on Monday" or "last week" is not."""
    if ent.label_ != "DATE":
        return set()
    words = entity_words(ent.text)
    return {"d:" + " ".join(words)} if MONTHS & set(words) else set()


def _continues(sent) -> bool:
    """Whether the sentence carries on from the one before ("He also said …")."""
    words = [t for t in sent if not (t.is_punct or t.is_space)][:6]
    if words and words[0].lower_ in PRONOUNS:
        return True
    return any(t.lemma_.casefold() in LINKS for t in words)


def from_stored(
    *, title: str, body: str, sentences: list[tuple[int, int]],
    entities: list[tuple[str, str, int, int]],
) -> ArticleFeatures:
    """Features for topic matching rebuilt from stored text, without spaCy (words, not lemmas)."""
    features = ArticleFeatures(title=title, title_words=tuple(
        w.casefold() for w in WORDS.findall(title)), tokens=[], entities=[], sentences=[])
    spans = sentences or [(0, len(body))]
    starts = [start for start, _ in spans]
    for index, (start, end) in enumerate(spans):
        for word in WORDS.findall(body[start:end]):
            lower = word.casefold()
            features.tokens.append(TokenView(lower, lower, index))
    for label, text, start, _end in entities:
        index = max(0, bisect_right(starts, start) - 1)
        features.entities.append(EntityView(label, entity_words(text), text, index))
    return features
