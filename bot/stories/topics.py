"""Matching a parsed topic query against an article, on lemmas, recording why it matched.

One matcher for both paths: a new article is matched on the words and lemmas spaCy gave it, and
a topic added later is matched against running stories on the same words and lemmas, stored with
each article (``encode`` / ``decode``), so the order they came in never changes the answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.models import ArticleParts, MatchReason
from bot.stories.features import (
    ArticleFeatures,
    EntityView,
    TokenView,
    entity_words,
    from_stored,
)
from bot.stories.query import And, Node, Not, Term, parse_query

SPLIT = re.compile(r"\w+")


@dataclass(frozen=True)
class TopicMatch:
    matched: bool
    reasons: tuple[MatchReason, ...] = ()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix strip so that 'strikes', 'striking' and 'strike' compare equal."""
    word = word.casefold()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class MatchText:
    """What topic matching reads of an article: title words, words with their lemmas and
    sentence, and entities with their sentence."""

    title_words: tuple[str, ...]
    tokens: tuple[TokenView, ...]
    entities: tuple[EntityView, ...]


def match_text(features: ArticleFeatures) -> MatchText:
    return MatchText(features.title_words, tuple(features.tokens), tuple(features.entities))


def encode(text: MatchText) -> str:
    """Compact JSON: a word whose lemma is itself is stored once."""
    tokens = [t.lower if t.lower == t.lemma else [t.lower, t.lemma] for t in text.tokens]
    return json.dumps({"t": list(text.title_words), "w": tokens,
                       "s": [t.sentence for t in text.tokens],
                       "e": [[e.label, e.text, e.sentence] for e in text.entities]},
                      ensure_ascii=False, separators=(",", ":"))


def decode(data: str) -> MatchText:
    raw = json.loads(data)
    tokens = tuple(TokenView(w, w, s) if isinstance(w, str) else TokenView(w[0], w[1], s)
                   for w, s in zip(raw["w"], raw["s"], strict=True))
    entities = tuple(EntityView(label, entity_words(text), text, sentence)
                     for label, text, sentence in raw["e"])
    return MatchText(tuple(raw["t"]), tokens, entities)


def text_from_stored(*, title: str, body: str, parts: ArticleParts) -> MatchText:
    """For an article stored before its words and lemmas were kept: words only, no lemmas."""
    return match_text(from_stored(title=title, body=body, parts=parts))


def match_story(query: str | Node, text: MatchText | ArticleFeatures) -> TopicMatch:
    """Whether the article satisfies the query (text or parsed), and the terms and places
    that made it so; a bad query raises ``TopicQueryError``."""
    node = parse_query(query) if isinstance(query, str) else query
    return Matcher(text).evaluate(node)


match = match_story


class Matcher:
    """One article made searchable once, for every topic query to be tried on it.

    Its positional index is made only when a term could match: most articles hold no word of
    any topic, and the set of the article's word forms (every form the index holds) and its
    entities' labels are cheaper to make and enough to tell."""

    def __init__(self, features: MatchText | ArticleFeatures) -> None:
        self.features = features
        self.cache: dict[Term, tuple[MatchReason, ...]] = {}

    @cached_property
    def title(self) -> list[tuple[str, str, str, int]]:
        return [(w, w, stem(w), -1) for w in self.features.title_words]

    @cached_property
    def body(self) -> list[tuple[str, str, str, int]]:
        return [(t.lower, t.lemma, stem(t.lemma), t.sentence) for t in self.features.tokens]

    @cached_property
    def title_index(self) -> dict[str, list[int]]:
        return _index(self.title)

    @cached_property
    def body_index(self) -> dict[str, list[int]]:
        return _index(self.body)

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every key of the two indexes: the words, lemmas and their stems."""
        tokens = self.features.tokens
        words = {*self.features.title_words, *(t.lower for t in tokens),
                 *(t.lemma for t in tokens)}
        return frozenset(words.union([stem(w) for w in words]))

    @cached_property
    def labels(self) -> frozenset[str]:
        return frozenset(e.label for e in self.features.entities)

    def evaluate(self, node: Node) -> TopicMatch:
        if isinstance(node, Term):
            reasons = self.term(node)
            return TopicMatch(bool(reasons), reasons)
        if isinstance(node, Not):
            return TopicMatch(not self.evaluate(node.child).matched)
        if isinstance(node, And):
            return self._all(node.children)
        results = [self.evaluate(child) for child in node.children]
        reasons = tuple(reason for r in results if r.matched for reason in r.reasons)
        return TopicMatch(any(r.matched for r in results), reasons)

    def _all(self, children: tuple[Node, ...]) -> TopicMatch:
        """Every child matched, with all their reasons; the first that does not ends it (the
        ones after it could add no reason to a match that failed)."""
        reasons: list[MatchReason] = []
        for child in children:
            result = self.evaluate(child)
            if not result.matched:
                return TopicMatch(False)
            reasons.extend(result.reasons)
        return TopicMatch(True, tuple(reasons))

    def term(self, term: Term) -> tuple[MatchReason, ...]:
        if term not in self.cache:
            if not self._could_match(term):
                found = []
            else:
                found = self._entity(term) if term.labels else self._text(term)
            self.cache[term] = tuple(found)
        return self.cache[term]

    def _could_match(self, term: Term) -> bool:
        """What a match needs: an entity of its label, or every word among the article's
        forms (as itself or its stem; a prefix, as the start of one)."""
        wanted = _split(term.words)
        if not wanted:
            return False
        if term.labels:
            return not self.labels.isdisjoint(term.labels)
        forms, last = self.forms, len(wanted) - 1
        return all(any(f.startswith(word) for f in forms)
                   if term.kind == "prefix" and i == last else
                   word in forms or stem(word) in forms
                   for i, word in enumerate(wanted))

    def _entity(self, term: Term) -> list[MatchReason]:
        wanted = _split(term.words)
        reasons = []
        for entity in self.features.entities:
            if entity.label in term.labels and _contains(entity.words, wanted, term.kind):
                reasons.append(MatchReason(term.source, f"sentence {entity.sentence + 1}",
                                           entity.text))
        return reasons[:3]

    def _text(self, term: Term) -> list[MatchReason]:
        wanted = _split(term.words)
        reasons = []
        for start in _find_all(self.title, self.title_index, wanted, term.kind):
            text = " ".join(w[0] for w in self.title[start:start + len(wanted)])
            reasons.append(MatchReason(term.source, "title", text))
            break
        for start in _find_all(self.body, self.body_index, wanted, term.kind):
            sentence = self.body[start][3]
            text = " ".join(t[0] for t in self.body[start:start + len(wanted)])
            reasons.append(MatchReason(term.source, f"sentence {sentence + 1}", text))
            if len(reasons) >= 3:
                break
        return reasons


def _index(tokens: list[tuple]) -> dict[str, list[int]]:
    """Every form of every word (as written, lemma, stem) to the positions it occurs at."""
    index: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        for form in {token[0], token[1], token[2], stem(token[0])}:
            index.setdefault(form, []).append(position)
    return index


def _starts(index: dict[str, list[int]], word: str, prefix: bool) -> list[int]:
    if prefix:
        return sorted({p for form, ps in index.items() if form.startswith(word) for p in ps})
    return sorted(set(index.get(word, ())) | set(index.get(stem(word), ())))


@lru_cache(maxsize=4096)
def _split(words: tuple[str, ...]) -> tuple[str, ...]:
    """A term's words as the text is split (the same for every article the query is tried on)."""
    return tuple(part for word in words for part in SPLIT.findall(word.casefold()))


def _word_matches(token: tuple, wanted: str, prefix: bool) -> bool:
    lower, lemma, stemmed = token[0], token[1], token[2]
    if prefix:
        return lower.startswith(wanted) or lemma.startswith(wanted)
    return wanted in (lower, lemma) or stem(wanted) in (stemmed, stem(lower))


def _find_all(tokens: list[tuple], index: dict[str, list[int]], wanted: tuple[str, ...],
              kind: str) -> list[int]:
    """Start positions of ``wanted`` as consecutive words within one sentence."""
    if not wanted:
        return []
    prefix_last = kind == "prefix"
    firsts = _starts(index, wanted[0], prefix_last and len(wanted) == 1)
    found = []
    for start in firsts:
        end = start + len(wanted)
        if end > len(tokens) or tokens[start][3] != tokens[end - 1][3]:
            continue
        if all(_word_matches(tokens[start + i], w, prefix_last and i == len(wanted) - 1)
               for i, w in enumerate(wanted)):
            found.append(start)
    return found


def _contains(words: tuple[str, ...], wanted: tuple[str, ...], kind: str) -> bool:
    if not wanted or len(wanted) > len(words):
        return False
    for start in range(len(words) - len(wanted) + 1):
        window = words[start:start + len(wanted)]
        head_ok = all(a == b or stem(a) == stem(b)
                      for a, b in zip(window[:-1], wanted[:-1], strict=True))
        last, want = window[-1], wanted[-1]
        tail_ok = last.startswith(want) if kind == "prefix" else (
            last == want or stem(last) == stem(want))
        if head_ok and tail_ok:
            return True
    return False
