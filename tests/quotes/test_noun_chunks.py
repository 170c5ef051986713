"""Noun chunks read from columns are the ones spaCy's own iterator gives, root and all, however
far into the article they are asked for."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.nlp.speakers.chunks import NounChunks
from bot.nlp.speakers.columns import Columns
from bot.nlp.speakers.registry import Registry

TEXTS = [
    "The harbour commission and the port authority said the new pier, which the city council "
    "approved in May, would open to ferries and fishing boats by the end of the year.",
    "Mayor Ana Ruiz told reporters at the town hall that she and her deputy had met the "
    "owners of the shipyard, the Corveth Group, twice.\n\nThe group declined to comment.",
    "“We will not back down,” the union's chief negotiator said on Friday.",
    "",
]


def by_spacy(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for chunk in doc.noun_chunks:
        out.setdefault(chunk.root.lemma_.lower(), []).append((chunk.start, chunk.end))
    return out


def lemmas(doc: Doc) -> set[str]:
    return {t.lemma_.lower() for t in doc}


def chunks(doc: Doc) -> NounChunks:
    columns = Columns.of(doc)
    return NounChunks(doc, columns.pos, columns.lemma)


def from_columns(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    found = chunks(doc)
    return {lemma: c for lemma in lemmas(doc) if (c := found.before(lemma, len(doc)))}


def test_the_chunks_of_parsed_text_are_spacys(nlp):
    for text in TEXTS:
        doc = nlp(text)
        assert from_columns(doc) == by_spacy(doc)
    assert from_columns(nlp(TEXTS[0]))["commission"] == [(0, 3)]


def test_a_chunk_with_a_word_hung_outside_it_takes_spacys_root(nlp):
    """A non-projective parse: a word inside the chunk hangs on the verb after it, so the
    chunk's last word is not its root."""
    doc = Doc(nlp.vocab, words=["the", "still", "boats", "sailed"], heads=[2, 3, 3, 3],
              deps=["det", "advmod", "nsubj", "ROOT"], pos=["DET", "ADV", "NOUN", "VERB"],
              lemmas=["the", "still", "boat", "sail"])
    assert from_columns(doc) == by_spacy(doc) == {"still": [(0, 3)]}


def test_the_chunks_before_a_word_are_those_the_whole_article_has_before_it(nlp):
    """Asked in any order, each answer is what the whole article's chunks give before that
    word: the chunks are found only as far as asked, and never skipped nor found twice."""
    doc = nlp(TEXTS[1] + " The owners said the group and its deputy chair would meet the mayor.")
    whole = by_spacy(doc)
    points = list(range(len(doc) + 1))
    for order in (points, points[::-1], points[::3] + points[1::3] + points[2::3]):
        found = chunks(doc)
        for end in order:
            for lemma in lemmas(doc):
                assert found.before(lemma, end) == [c for c in whole.get(lemma, [])
                                                    if c[0] < end]


def test_the_registry_builds_spans_only_for_chunks_longer_than_asked(nlp):
    """``longer_than`` leaves out the short chunks, and only those, in text order."""
    doc = nlp(TEXTS[0] + " The commission met the Baltic harbour commission in May.")
    reg = Registry(doc, quoted=lambda offset: False, speaking=lambda token: True)
    whole = by_spacy(doc)
    for lemma in lemmas(doc):
        for longer_than in (0, 2):
            found = [(c.start, c.end) for c in reg.chunks_before(lemma, len(doc),
                                                                 longer_than=longer_than)]
            assert found == [c for c in whole.get(lemma, []) if c[1] - c[0] > longer_than]
    long = reg.chunks_before("commission", len(doc), longer_than=2)
    assert long[0].start == 0 and all(len(c) > 2 for c in long)
    assert len(long) < len(whole["commission"])  # "The commission met …" left out
