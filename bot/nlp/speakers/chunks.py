"""Noun chunks by their root's lemma, found from token columns: the spans spaCy's English
``noun_chunks`` gives, without building a Token for every word and a Span for every chunk."""

from __future__ import annotations

from numpy import int64
from spacy.attrs import DEP, HEAD
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

NP_DEPS = frozenset(get_string_id(label) for label in (
    "oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"))
"""The relations of a chunk's root, as spaCy's English noun chunk iterator lists them."""
CONJ = get_string_id("conj")
NOMINAL = frozenset({NOUN, PROPN, PRON})
"""The parts of speech a chunk's root may have, as in spaCy's iterator."""


def chunks_by_lemma(doc: Doc, pos: list[int], lemma: list[int]) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of each noun chunk, in text order, by its root's lower-cased lemma (``pos``
    and ``lemma``: the Doc's columns)."""
    if not len(doc):
        return {}
    deps = doc.to_array(DEP).tolist()
    heads = [i + h for i, h in enumerate(doc.to_array(HEAD).astype(int64).tolist())]
    strings = doc.vocab.strings
    out: dict[str, list[tuple[int, int]]] = {}
    last = -1
    for i in [i for i, (p, d) in enumerate(zip(pos, deps, strict=True))
              if p in NOMINAL and (d in NP_DEPS or d == CONJ)]:
        if deps[i] == CONJ and not _coordinated(i, deps, heads):
            continue
        start = doc[i].left_edge.i
        if start <= last:
            continue  # nested in the chunk before, as spaCy skips it
        last = i
        root = i if start == i else _root(doc, heads, start, i)
        out.setdefault(strings[lemma[root]].lower(), []).append((start, i + 1))
    return out


def _coordinated(i: int, deps: list[int], heads: list[int]) -> bool:
    """A conjunct whose first conjunct heads a chunk ("the mayor and [the council]")."""
    head = heads[i]
    while deps[head] == CONJ and heads[head] < head:
        head = heads[head]
    return deps[head] in NP_DEPS


def _root(doc: Doc, heads: list[int], start: int, word: int) -> int:
    """The chunk's ``Span.root``: its last word when every word before it hangs inside the
    chunk (as in any projective parse), else what spaCy computes."""
    if all(start <= heads[j] <= word and heads[j] != j for j in range(start, word)):
        return word
    return int(Span(doc, start, word + 1).root.i)
