"""Noun chunks read from columns are the ones spaCy's own iterator gives, root and all, however
far into the article they are asked for."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.nlp.quotes import quotes_in_doc
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
    return NounChunks(doc, columns)


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
    long = list(reg.chunks_before("commission", len(doc), longer_than=2))
    assert long[0].start == 0 and all(len(c) > 2 for c in long)
    assert len(long) < len(whole["commission"])  # "The commission met …" left out


def test_long_chunks_asked_for_as_the_article_is_read_are_spacys(nlp):
    """Chunks of more than two words, asked for at every word of a long article while the
    chunks are still being found (and all chunks asked for in between), are the long ones
    spaCy's iterator gives before that word: the index of long chunks, built at the first
    question, takes each chunk found after it."""
    paragraphs = [nlp("The statement said the joint harbour statement was late."),
                  nlp("The statement said the ferry would sail.")]
    doc = Doc.from_docs(paragraphs * 40)
    whole = by_spacy(doc)["statement"]
    found = chunks(doc)
    for end in range(len(doc) + 1):
        assert found.before("statement", end, 2) == [c for c in whole
                                                     if c[0] < end and c[1] - c[0] > 2]
        assert found.before("statement", end) == [c for c in whole if c[0] < end]
    assert len(found.before("statement", len(doc), 2)) == 40


def test_a_statement_said_thousands_of_times_has_the_speakers_it_has_once(nlp):
    """"The statement said" after an organisation, 3,000 times over: each one looked over
    every "statement" chunk before it for one of three words or more (8,000 paragraphs 6.7 s
    of quote extraction); the long ones are now kept apart. The same speakers as the short
    article's."""
    lead = nlp("The Harbour Union said on Friday that it would strike.")
    paragraph = nlp("“The harbour lost jobs this year,” the statement said.\n\n")

    def speakers(copies: int) -> tuple[int, list[str]]:
        quotes = quotes_in_doc(Doc.from_docs([lead] + [paragraph] * copies))
        return len(quotes), sorted({str(q.speaker.name) for q in quotes})

    assert speakers(3_000) == (3_001, speakers(3)[1])
    assert speakers(3)[1] == ["The Harbour Union"]  # each statement after is the same one
