"""The set of quoted token indexes the quote passes share (a module of its own: a set subclass,
which mypyc leaves interpreted, ``bench/compiled_quotes.py``)."""

from __future__ import annotations

from spacy.tokens import Token


class QuotedTokens(set[int]):
    """Indexes of an article's tokens inside quotation marks, never changed once found, with
    the subjects ``subject_of`` found given them: the prime, direct and reported passes ask
    about the same verbs."""

    def __init__(self, indexes: set[int]) -> None:
        super().__init__(indexes)
        self.subjects: dict[tuple[int, bool], Token | None] = {}
