"""Matching a parsed topic query against an article, on lemmas, recording why it matched.

One matcher for both paths: a new article is matched on the words and lemmas spaCy gave it, and
a topic added later is matched against running stories on the same words and lemmas, stored with
each article (``encode`` / ``decode``), so the order they came in never changes the answer. A
``source:`` term reads the article's source name and its address's host, which both paths take
from the article itself (``sources_of``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from bot.models import ArticleParts, MatchReason
from bot.models.web_link import web_link
from bot.stories.features import (
    ArticleFeatures,
    EntityView,
    TokenView,
    entity_words,
    from_stored,
)
from bot.stories.query import And, Node, Not, Term, parse_query

SPLIT = re.compile(r"\w+")
Row = tuple[str, str, frozenset[str], int]
"""A word as matching reads it: as written, its lemma, what it is found by, its sentence."""
SOURCE_CHARS = 200
"""The longest source name or host read (a record's ``source`` is whatever its sender wrote)."""


@dataclass(frozen=True)
class TopicMatch:
    matched: bool
    reasons: tuple[MatchReason, ...] = ()


IRREGULAR_PLURALS = {"children": "child", "mice": "mouse", "lice": "louse", "geese": "goose",
                     "feet": "foot", "teeth": "tooth", "oxen": "ox", "people": "person"}
"""English plurals no ending rule undoes (``-men``, ``-ses`` and ``-ves`` have rules)."""
NOT_PLURAL = frozenset({"news", "series", "species", "means", "always", "perhaps"})
"""Words ending in -s that are not another word's plural ("news" is not "new")."""
VOWELS = frozenset("aeiouy")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def bases(word: str) -> frozenset[str]:
    """The word and every base a regular English inflection could have come from ("strikes",
    "striking": strike; "policies": policy; "crises": crisis), restoring a dropped "e" rather
    than cutting one, so that two words compare equal only when they may be one word: "care"
    is not "cars", nor "fire" "fir"."""
    word = word.casefold()
    found = {word}
    if word in IRREGULAR_PLURALS:
        found.add(IRREGULAR_PLURALS[word])
    if word.endswith("men") and len(word) > 4:
        found.add(word[:-3] + "man")
    if word.endswith("s") and word not in NOT_PLURAL:
        found.update(_plural_bases(word))
    for suffix in ("ing", "ed"):
        if word.endswith(suffix):
            found.update(_verb_bases(word[: -len(suffix)]))
    if word.endswith("ied") and len(word) > 4:
        found.add(word[:-3] + "y")
    return frozenset(found)


def _plural_bases(word: str) -> set[str]:
    """What a word ending in -s could be the plural or third person of."""
    if word.endswith(("ss", "us", "is")) or len(word) < 4:
        return set()
    found = {word[:-1]}
    if word.endswith("ies") and len(word) > 4:
        found.add(word[:-3] + "y")
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
        found.add(word[:-2])
    if word.endswith("ses"):
        found.add(word[:-3] + "sis")
    if word.endswith("ves"):
        found.update({word[:-3] + "f", word[:-3] + "fe"})
    return found


def _verb_bases(root: str) -> set[str]:
    """What a verb's -ing or -ed form with this root could come from: the root, the root with
    its dropped "e", or with one of its doubled last letters ("stopped": stop); not a short
    root that would have doubled its last letter ("caring" is care, not car: car+ing would be
    "carring")."""
    if len(root) < 2 or VOWELS.isdisjoint(root):
        return set()
    found = {root + "e"} if _would_double(root) else {root, root + "e"}
    if len(root) > 2 and root[-1] == root[-2] and root[-1] not in VOWELS:
        found.add(root[:-1])
    return found


def _would_double(root: str) -> bool:
    """A word of one syllable ending in one vowel and one consonant (stop, plan, car), which
    doubles that consonant before -ing or -ed; w, x and y never double (showing, fixing)."""
    if len(root) < 3 or root[-1] in VOWELS or root[-1] in "wx":
        return False
    if root[-2] not in VOWELS or root[-3] in VOWELS:
        return False
    return len(VOWEL_GROUPS.findall(root)) == 1


def same_word(a: str, b: str) -> bool:
    """Whether two words may be forms of one word (as ``bases`` reads them)."""
    return a == b or not bases(a).isdisjoint(bases(b))


@dataclass(frozen=True)
class MatchText:
    """What topic matching reads of an article: title words, words with their lemmas and
    sentence, entities with their sentence, and its source name and host (``source:``)."""

    title_words: tuple[str, ...]
    tokens: tuple[TokenView, ...]
    entities: tuple[EntityView, ...]
    sources: tuple[str, ...] = ()


def match_text(features: ArticleFeatures, sources: tuple[str, ...] = ()) -> MatchText:
    return MatchText(features.title_words, tuple(features.tokens), tuple(features.entities),
                     sources)


def sources_of(source: str | None, url: str | None) -> tuple[str, ...]:
    """What ``source:`` matches: the source name the article came with (a feed's title or host,
    a page's site name, a record's ``source``) and the host of its address, each once."""
    found = [" ".join(source.split())[:SOURCE_CHARS]] if source and source.strip() else []
    link = web_link(url) if url else None
    host = link.name if link else None
    if host and host[:SOURCE_CHARS] not in found:
        found.append(host[:SOURCE_CHARS])
    return tuple(found)


def with_sources(text: MatchText, source: str | None, url: str | None) -> MatchText:
    """The stored words of an article, with its source name and host (kept with the article)."""
    return replace(text, sources=sources_of(source, url))


def encode(text: MatchText) -> str:
    """Compact JSON: a word whose lemma is itself is stored once; a verb's other lemma with a
    third element, 1 (``Matcher.words``)."""
    tokens = [t.lower if t.lower == t.lemma else
              [t.lower, t.lemma, 1] if t.verb else [t.lower, t.lemma] for t in text.tokens]
    return json.dumps({"t": list(text.title_words), "w": tokens,
                       "s": [t.sentence for t in text.tokens],
                       "e": [[e.label, e.text, e.sentence] for e in text.entities]},
                      ensure_ascii=False, separators=(",", ":"))


def decode(data: str) -> MatchText:
    raw = json.loads(data)
    tokens = tuple(TokenView(w, w, s) if isinstance(w, str) else
                   TokenView(w[0], w[1], s, len(w) > 2)
                   for w, s in zip(raw["w"], raw["s"], strict=True))
    entities = tuple(EntityView(label, entity_words(text), text, sentence)
                     for label, text, sentence in raw["e"])
    return MatchText(tuple(raw["t"]), tokens, entities)


def text_from_stored(*, title: str, body: str, parts: ArticleParts,
                     sources: tuple[str, ...] = ()) -> MatchText:
    """For an article stored before its words and lemmas were kept: words only, no lemmas."""
    return match_text(from_stored(title=title, body=body, parts=parts), sources)


def match_story(query: str | Node, text: MatchText) -> TopicMatch:
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

    def __init__(self, features: MatchText) -> None:
        self.features = features
        self.cache: dict[Term, tuple[MatchReason, ...]] = {}

    @cached_property
    def title(self) -> list[Row]:
        """The headline read as the body is (spaCy does not parse it): a word the body holds
        with the lemma the body gave it ("mice": mouse), but a verb's irregular form ("struck"),
        as ``words`` reads it; any other word as itself."""
        lemmas: dict[str, str] = {}
        for token in self.features.tokens:
            if not _irregular(token):
                lemmas.setdefault(token.lower, token.lemma)
        return [(w, lemmas.get(w, w), _keys(w, lemmas.get(w, w)), -1)
                for w in self.features.title_words]

    @cached_property
    def body(self) -> list[Row]:
        return [(t.lower, t.lemma, _keys(t.lower, t.lemma), t.sentence)
                for t in self.features.tokens]

    @cached_property
    def words(self) -> list[Row]:
        """The body as a term of one word reads it: a verb's form reaches its lemma only by a
        regular inflection ("strikes", "striking", "flooded"), not by another word ("struck",
        "left", "led"), which a one-word term (a topic's noun, mostly: a strike, leave, lead)
        does not mean. A phrase ("run out") reads every lemma ("ran out"), as a verb's."""
        return [(t.lower, t.lower, bases(t.lower), t.sentence) if _irregular(t) else row
                for t, row in zip(self.features.tokens, self.body, strict=True)]

    @cached_property
    def title_index(self) -> dict[str, list[int]]:
        return _index(self.title)

    @cached_property
    def body_index(self) -> dict[str, list[int]]:
        return _index(self.body)

    @cached_property
    def words_index(self) -> dict[str, list[int]]:
        return _index(self.words)

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every key of the indexes: the words, their lemmas, and the bases they may have."""
        return frozenset(key for rows in (self.title, self.body, self.words)
                         for row in rows for key in row[2])

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
            if term.of_source:
                found = self._source(term)
            elif not self._could_match(term):
                found = []
            else:
                found = self._entity(term) if term.labels else self._text(term)
            self.cache[term] = tuple(found)
        return self.cache[term]

    def allows(self, node: Node) -> bool:
        """Whether the query's exclusions leave the article in (see ``_ruled``): a story already
        tied to a topic alerts it for each later article but one its exclusions leave out."""
        return _ruled(node, self, negated=False) is not False

    def excluded_by(self, node: Node) -> str | None:
        """Why the query's exclusions leave the article out (None when they leave it in): the
        terms under a NOT it holds, and where, else its source."""
        if self.allows(node):
            return None
        found = [f"NOT {term.source} ({reason.where}: {reason.text})"
                 for term in negated_terms(node) for reason in self.term(term)[:1]]
        if not found:
            shown = self.features.sources[0] if self.features.sources else "none"
            return f"its source ({shown}) by source: in the query"
        return "; ".join(dict.fromkeys(found))

    def _source(self, term: Term) -> list[MatchReason]:
        """The source name or host holding the term's words, whole and in order (case aside,
        no inflection: ``source:Time`` is not "Times")."""
        wanted = _split(term.words)
        for source in self.features.sources:
            if _in_order(tuple(SPLIT.findall(source.casefold())), wanted, term.kind):
                return [MatchReason(term.source, "source", source)]
        return []

    def _could_match(self, term: Term) -> bool:
        """What a match needs: an entity of its label, or every word among the article's
        forms (as one of its ``bases``; a prefix, as the start of one)."""
        wanted = _split(term.words)
        if not wanted:
            return False
        if term.labels:
            return not self.labels.isdisjoint(term.labels)
        forms, last = self.forms, len(wanted) - 1
        return all(any(f.startswith(word) for f in forms)
                   if term.kind == "prefix" and i == last else
                   not bases(word).isdisjoint(forms)
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
        body, index = (self.words, self.words_index) if len(wanted) == 1 else \
            (self.body, self.body_index)
        for start in _find_all(body, index, wanted, term.kind):
            sentence = body[start][3]
            text = " ".join(t[0] for t in body[start:start + len(wanted)])
            reasons.append(MatchReason(term.source, f"sentence {sentence + 1}", text))
            if len(reasons) >= 3:
                break
        return reasons


def _irregular(token: TokenView) -> bool:
    """A verb's form that only the lemmatiser, not a regular ending, links to its lemma."""
    return token.verb and token.lemma not in bases(token.lower)


def _keys(lower: str, lemma: str) -> frozenset[str]:
    """What a word is found by: the word and the lemma spaCy gave it, or where it gave none
    (a headline's word the body does not hold; a stored article's) the bases it may have."""
    return frozenset((lower, lemma)) if lemma != lower else bases(lower)


def _ruled(node: Node, matcher: Matcher, *, negated: bool) -> bool | None:
    """The query on the article's exclusions alone: its ``source:`` terms and the terms under
    a NOT (an odd number of them) read on the article, every other term counted as unknown
    (an update need not repeat the words its story matched on); True or False when that
    decides it, None when the other words would (three-valued: one False decides an AND,
    one True an OR). ``dam AND NOT beaver`` is False for an article holding "beaver"."""
    if isinstance(node, Term):
        return bool(matcher.term(node)) if node.of_source or negated else None
    if isinstance(node, Not):
        inner = _ruled(node.child, matcher, negated=not negated)
        return None if inner is None else not inner
    values = [_ruled(child, matcher, negated=negated) for child in node.children]
    decides = not isinstance(node, And)
    if decides in values:
        return decides
    return None if None in values else not decides


def negated_terms(node: Node, *, negated: bool = False) -> list[Term]:
    """The terms under a NOT (an odd number of them): those an article must not hold."""
    if isinstance(node, Term):
        return [node] if negated else []
    if isinstance(node, Not):
        return negated_terms(node.child, negated=not negated)
    return [t for child in node.children for t in negated_terms(child, negated=negated)]


def source_terms(node: Node, name: str) -> list[str]:
    """The query's ``source:`` terms a source of this name matches (as ``Matcher._source``
    reads them), each as the query wrote it: what a feed's rename changes."""
    if isinstance(node, Term):
        words = tuple(SPLIT.findall(name.casefold()))
        hit = node.of_source and _in_order(words, _split(node.words), node.kind)
        return [node.source] if hit else []
    if isinstance(node, Not):
        return source_terms(node.child, name)
    return [t for child in node.children for t in source_terms(child, name)]


def _in_order(words: tuple[str, ...], wanted: tuple[str, ...], kind: str) -> bool:
    """``wanted`` as consecutive whole words of ``words`` (the last as a prefix for a prefix)."""
    if not wanted:
        return False
    for start in range(len(words) - len(wanted) + 1):
        window = words[start:start + len(wanted)]
        if window[:-1] == wanted[:-1] and (window[-1].startswith(wanted[-1]) if kind == "prefix"
                                           else window[-1] == wanted[-1]):
            return True
    return False


def _index(tokens: list[Row]) -> dict[str, list[int]]:
    """Every key of every word (``_keys``) to the positions it occurs at."""
    index: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        for form in token[2]:
            index.setdefault(form, []).append(position)
    return index


def _starts(index: dict[str, list[int]], word: str, prefix: bool) -> list[int]:
    if prefix:
        return sorted({p for form, ps in index.items() if form.startswith(word) for p in ps})
    return sorted({p for form in bases(word) for p in index.get(form, ())})


@lru_cache(maxsize=4096)
def _split(words: tuple[str, ...]) -> tuple[str, ...]:
    """A term's words as the text is split (the same for every article the query is tried on)."""
    return tuple(part for word in words for part in SPLIT.findall(word.casefold()))


def _word_matches(token: Row, wanted: str, prefix: bool) -> bool:
    if prefix:
        return token[0].startswith(wanted) or token[1].startswith(wanted)
    return not bases(wanted).isdisjoint(token[2])


def _find_all(tokens: list[Row], index: dict[str, list[int]], wanted: tuple[str, ...],
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
        head_ok = all(same_word(a, b)
                      for a, b in zip(window[:-1], wanted[:-1], strict=True))
        last, want = window[-1], wanted[-1]
        tail_ok = last.startswith(want) if kind == "prefix" else (
            same_word(last, want))
        if head_ok and tail_ok:
            return True
    return False
