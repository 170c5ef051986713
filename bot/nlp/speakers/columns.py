"""Token attributes of one article read once as columns, so scans never build spaCy Tokens."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from numpy import array as array_of
from numpy import minimum, uint64
from numpy.typing import NDArray
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Span

from bot.nlp.speakers.words import verb_lemma

VERBAL = frozenset({VERB, AUX})
VERB_NAMES = 50_000
"""How many verb lemmas ``_verb_name`` keeps before starting afresh."""
_verb_names: dict[int, str] = {}
LEMMA_NAMES = 50_000
"""How many lemmas ``lemma_name`` keeps before starting afresh."""
_lemma_names: dict[int, str] = {}
WORD_SETS = 1_000
"""How many word sets ``_hashes`` keeps before starting afresh."""
_hash_sets: dict[frozenset[str], NDArray[Any]] = {}
"""The words ``lowered`` looks for, as sorted hashes, by word set (a few sets, asked in every
article)."""
POS_COLUMN, LOWER_COLUMN, ORTH_COLUMN = 1, 2, 4
"""Where ``Columns.of`` puts these attributes in its array."""


@dataclass(frozen=True)
class Columns:
    """Offsets, parts of speech, lower-case and lemma hashes, and sentence starts by index."""

    idx: list[int]
    pos: list[int]
    lower: list[int]
    lemma: list[int]
    orth: list[int]
    sent_starts: list[int]
    text: str | None = None
    """The text the Doc was parsed from, when at hand (``doc.text`` would rebuild it)."""
    _lowered: dict[frozenset[str], list[int]] = field(default_factory=dict, compare=False,
                                                      repr=False)
    """What ``lowered`` found for each set of words (pronouns are looked up more than once)."""
    _verb_rows: list[int] = field(default_factory=list, compare=False, repr=False)
    _verb_lemmas: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    """Verbs' indexes and their lemmas as ``verb_lemma`` gives them, read once per article."""
    _verbs: dict[frozenset[str], list[int]] = field(default_factory=dict, compare=False,
                                                    repr=False)
    """What ``verbs`` found for each set of lemmas ("the email said" asks for "email" once a
    quote: a scan of every verb each time was quadratic)."""
    array: NDArray[Any] | None = field(default=None, compare=False, repr=False)
    """The same columns as one array, row by token, for scans in NumPy instead of Python."""

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Columns:
        """``text``: the text ``doc`` was parsed from, when at hand."""
        if not len(doc):
            return cls([], [], [], [], [], [], text)
        array = doc.to_array([IDX, POS, LOWER, LEMMA, ORTH, SENT_START])
        rows = array[:, :5].T.tolist()  # sentence starts are read as indexes only
        starts = [0] + ((array[1:, 5] == 1).nonzero()[0] + 1).tolist()
        return cls(rows[0], rows[1], rows[2], rows[3], rows[4], starts, text, array=array)

    def lowered(self, words: Iterable[str]) -> list[int]:
        """Indexes of tokens whose lower-case form is one of ``words``."""
        key = frozenset(words)
        found = self._lowered.get(key)
        if found is None:
            found = self._lowered[key] = self.holding(LOWER_COLUMN, _hashes(key))
        return list(found)

    def holding(self, column: int, wanted: NDArray[Any]) -> list[int]:
        """Indexes of tokens whose value in ``column`` of ``array`` is one of ``wanted``
        (sorted hashes or ids)."""
        if self.array is None or not len(wanted):
            return []
        return holding(self.array[:, column], wanted).nonzero()[0].tolist()

    def with_pos(self, pos: int) -> list[int]:
        """Indexes of tokens of this part of speech, in text order."""
        if self.array is None:
            return []
        return (self.array[:, POS_COLUMN] == pos).nonzero()[0].tolist()

    def verbs(self, doc: Doc, lemmas: set[str]) -> list[int]:
        """Indexes of verbs (and auxiliaries) whose lemma, lower-cased, is one of ``lemmas``."""
        key = frozenset(lemmas)
        kept = self._verbs.get(key)
        if kept is None:
            found, names = self._verb_rows, self._verb_lemmas
            if not names:
                strings = doc.vocab.strings
                found.extend(self.holding(POS_COLUMN, _VERBAL))
                names.update((h, _verb_name(h, strings)) for h in {self.lemma[i] for i in found})
            kept = self._verbs[key] = [i for i in found if names[self.lemma[i]] in key]
        return list(kept)

    def written(self, text: str, before: int) -> list[int]:
        """Indexes of tokens written exactly ``text`` before index ``before``."""
        return self.with_orth(get_string_id(text), before)

    def with_orth(self, orth: int, before: int | None = None) -> list[int]:
        """Indexes of tokens written as ``orth`` (a hash), before index ``before`` if given."""
        if self.array is None:
            return []
        return (self.array[:before, ORTH_COLUMN] == uint64(orth)).nonzero()[0].tolist()

    def nouns(self, doc: Doc) -> dict[str, list[int]]:
        """Indexes of the nouns of the article by lower-cased lemma, in text order."""
        strings = doc.vocab.strings
        out: dict[str, list[int]] = {}
        lemma = self.lemma
        for i in self.with_pos(NOUN):
            out.setdefault(lemma_name(lemma[i], strings), []).append(i)
        return out

    def line_starts(self, doc: Doc) -> list[int]:
        """Sentence starts with every token after a line break added: the parser can run one
        sentence over a paragraph break, and a paragraph starts a new sentence."""
        after = {i + 1 for i in self.with_line_breaks(doc) if i + 1 < len(self.orth)}
        return sorted(after.union(self.sent_starts))

    def with_line_breaks(self, doc: Doc) -> list[int] | set[int]:
        """Indexes of tokens holding a line break: from the text's breaks when at hand (a
        token's trailing whitespace is a space or nothing, so each break is in a token's text)."""
        if self.text is None:
            strings = doc.vocab.strings
            breaks = {h for h in set(self.orth) if "\n" in strings[h]}
            return [i for i, h in enumerate(self.orth) if h in breaks]
        found: set[int] = set()
        at = self.text.find("\n")
        while at != -1:
            found.add(bisect_right(self.idx, at) - 1)
            at = self.text.find("\n", at + 1)
        return found


class Sentences(Sequence[Span]):
    """The spans from each sentence start to the next, each built the first time it is read:
    most of an article's sentences never are."""

    def __init__(self, doc: Doc, starts: list[int]) -> None:
        self.doc = doc
        self.starts = starts if len(doc) else []
        self._spans: dict[int, Span] = {}

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...

    @overload
    def __getitem__(self, index: slice) -> list[Span]: ...

    def __getitem__(self, index: int | slice) -> Span | list[Span]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        span = self._spans.get(index)
        if span is None:
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.doc)
            span = self._spans[index] = Span(self.doc, self.starts[index], end)
        return span


def lemma_name(lemma: int, strings: StringStore) -> str:
    """A lemma hash's lower-cased string, kept: most articles' nouns are common ones."""
    name = _lemma_names.get(lemma)
    if name is None:
        if len(_lemma_names) >= LEMMA_NAMES:
            _lemma_names.clear()
        name = _lemma_names[lemma] = strings[lemma].lower()
    return name


def _verb_name(lemma: int, strings: StringStore) -> str:
    """``verb_lemma`` of a lemma hash, kept: most articles' verbs are the same few hundred."""
    name = _verb_names.get(lemma)
    if name is None:
        if len(_verb_names) >= VERB_NAMES:
            _verb_names.clear()
        name = _verb_names[lemma] = verb_lemma(strings[lemma], "")
    return name


def _hashes(words: frozenset[str]) -> NDArray[Any]:
    found = _hash_sets.get(words)
    if found is None:
        if len(_hash_sets) >= WORD_SETS:
            _hash_sets.clear()
        found = _hash_sets[words] = sorted_ids({get_string_id(w) for w in words})
    return found


def holding(values: NDArray[Any], wanted: NDArray[Any]) -> NDArray[Any]:
    """Which of ``values`` are among ``wanted`` (sorted, not empty)."""
    at = wanted.searchsorted(values)  # the method: NumPy's function wraps it in Python
    minimum(at, len(wanted) - 1, out=at)
    return wanted[at] == values


def sorted_ids(ids: Iterable[int]) -> NDArray[Any]:
    """Hashes or ids as the sorted array ``Columns.holding`` looks them up in."""
    return array_of(sorted(ids), dtype=uint64)


_VERBAL = sorted_ids(set(VERBAL))
