"""Noun chunks by their root's lemma, found from token columns: the spans spaCy's English
``noun_chunks`` gives, without building a Token for every word and a Span for every chunk."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from numpy import int64
from spacy.attrs import DEP, HEAD
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from bot.nlp.speakers.columns import POS_COLUMN, Columns, holding, lemma_name, sorted_ids

NP_DEPS = frozenset(get_string_id(label) for label in (
    "oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"))
"""The relations of a chunk's root, as spaCy's English noun chunk iterator lists them."""
CONJ = get_string_id("conj")
NOMINAL = frozenset({NOUN, PROPN, PRON})
"""The parts of speech a chunk's root may have, as in spaCy's iterator."""
_NOMINAL = sorted_ids(set(NOMINAL))
_ENDING_DEPS = sorted_ids(NP_DEPS | {CONJ})


class NounChunks:
    """(start, end) of each noun chunk by its root's lower-cased lemma, found in text order
    only as far as a description asks (most ask about the words before them)."""

    def __init__(self, doc: Doc, columns: Columns) -> None:
        """``columns``: the Doc's."""
        self.doc = doc
        self._lemma = columns.lemma
        deps = doc.to_array(DEP) if len(doc) else None
        self._deps: list[int] = deps.tolist() if deps is not None else []
        self._heads: list[int] = doc.to_array(HEAD).astype(int64).tolist() if len(doc) else []
        """Each word's head as an offset from the word."""
        self._words: Iterator[int] = iter((
            holding(columns.array[:, POS_COLUMN], _NOMINAL) & holding(deps, _ENDING_DEPS)
        ).nonzero()[0].tolist() if deps is not None and columns.array is not None else [])
        """The words that may end a chunk, in text order, taken as far as chunks are asked for."""
        self._last_word = -1
        """The last word of the last chunk found: a chunk starting at or before it is inside it."""
        self._start = -1
        """Where the last chunk found starts: every chunk before it is found."""
        self._done = not len(doc)
        self.by_lemma: dict[str, list[tuple[int, int]]] = {}
        self._longer: dict[int, dict[str, list[tuple[int, int]]]] = {}
        """By a word count asked for, the chunks of more words than that by lemma, kept as they
        are found: a thousand two-word "the statement" are never read for one of three words."""

    def before(self, lemma: str, end: int, longer_than: int = 0) -> list[tuple[int, int]]:
        """The chunks headed by ``lemma`` of more than ``longer_than`` words that start before
        token ``end``, in text order."""
        while not self._done and self._start < end:
            self._next()
        found = self._of_more_words(longer_than).get(lemma, [])
        return found[:bisect_left(found, (end,))]

    def _of_more_words(self, longer_than: int) -> dict[str, list[tuple[int, int]]]:
        if not longer_than:
            return self.by_lemma
        index = self._longer.get(longer_than)
        if index is None:
            index = self._longer[longer_than] = {}
            for lemma, found in self.by_lemma.items():
                if kept := [(s, e) for s, e in found if e - s > longer_than]:
                    index[lemma] = kept
        return index

    def _next(self) -> None:
        """Find the next chunk: a chunk starts after the word that ended the one before, so
        chunks are found with their starts in order."""
        deps, strings = self._deps, self.doc.vocab.strings
        for i in self._words:
            if deps[i] == CONJ and not self._coordinated(i):
                continue
            start = self.doc[i].left_edge.i
            if start <= self._last_word:
                continue  # nested in the chunk before, as spaCy skips it
            self._last_word, self._start = i, start
            root = i if start == i else self._root(start, i)
            name = lemma_name(self._lemma[root], strings)
            self.by_lemma.setdefault(name, []).append((start, i + 1))
            for longer_than, index in self._longer.items():
                if i + 1 - start > longer_than:
                    index.setdefault(name, []).append((start, i + 1))
            return
        self._done = True

    def _coordinated(self, i: int) -> bool:
        """A conjunct whose first conjunct heads a chunk ("the mayor and [the council]")."""
        deps, heads = self._deps, self._heads
        head = i + heads[i]
        while deps[head] == CONJ and heads[head] < 0:
            head += heads[head]
        return deps[head] in NP_DEPS

    def _root(self, start: int, word: int) -> int:
        """The chunk's ``Span.root``: its last word when every word before it hangs inside
        the chunk (as in any projective parse), else what spaCy computes."""
        heads = self._heads
        for j in range(start, word):
            if not start <= j + heads[j] <= word or heads[j] == 0:
                return int(Span(self.doc, start, word + 1).root.i)
        return word
