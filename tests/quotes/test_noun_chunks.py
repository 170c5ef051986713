"""Noun chunks read from columns are the ones spaCy's own iterator gives, root and all."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.nlp.speakers.chunks import chunks_by_lemma
from bot.nlp.speakers.columns import Columns

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


def from_columns(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    columns = Columns.of(doc)
    return chunks_by_lemma(doc, columns.pos, columns.lemma)


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
