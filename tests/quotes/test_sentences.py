"""The registry's sentences, built as they are read, are the spans from each start to the next."""

from __future__ import annotations

import pytest

from bot.nlp.speakers.columns import Columns, Sentences

TEXT = ("The ferry ran late on Monday. Its captain blamed the fog.\n\nPassengers waited an hour "
        "on the quay, one of them said. The company apologised")


def test_each_sentence_and_slice_is_the_span_between_two_starts(nlp):
    doc = nlp(TEXT)
    starts = Columns.of(doc, TEXT).line_starts(doc)
    ends = starts[1:] + [len(doc)]
    whole = [doc[a:b] for a, b in zip(starts, ends, strict=True)]
    sents = Sentences(doc, starts)
    assert len(sents) == len(whole) > 3
    for index in [2, -1, 0, 2, *range(-len(whole), len(whole))]:
        assert sents[index] == whole[index]
    for first, last in [(0, 2), (-2, None), (1, 99), (3, 1), (None, None)]:
        assert sents[first:last] == whole[first:last]
    assert list(reversed(sents[0:3])) == whole[2::-1]
    with pytest.raises(IndexError):
        sents[len(whole)]


def test_an_empty_article_has_no_sentences(nlp):
    doc = nlp("")
    assert len(Sentences(doc, Columns.of(doc).line_starts(doc))) == 0
