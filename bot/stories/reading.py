"""Reading what the story features need off the Doc spaCy made (``DocView``), in the process
that made it: the features themselves are made from the view (``bot.stories.features``), where
no spaCy is needed, so a worker process sends the view and the storing process makes them."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import ADJ, IDS, NOUN, NUM, PROPN, VERB
from spacy.tokens import Doc

from bot.models import ParsedArticle
from bot.stories.counts import uncounted
from bot.stories.features import (
    COLUMNS,
    CONTENT,
    PROPER,
    ArticleFeatures,
    DocView,
    features_from,
    title_words,
)

ATTRS = (LOWER, LEMMA, POS, TAG, IS_ALPHA, IS_STOP, IS_PUNCT, IS_SPACE, LIKE_NUM, IDX)
CONTENT_POS_IDS = [NOUN, PROPN, VERB, ADJ, NUM]
POS_FLAGS = numpy.zeros(max(IDS.values()) + 1, dtype=numpy.uint64)
POS_FLAGS[CONTENT_POS_IDS] = CONTENT
POS_FLAGS[PROPN] |= PROPER
"""Each part of speech's flags, looked up for every token at once."""


def extract(parsed: ParsedArticle) -> ArticleFeatures:
    """Features from the Doc spaCy already produced, in this process."""
    return features_from(parsed, view_of(parsed))


def view_of(parsed: ParsedArticle) -> DocView | None:
    doc = parsed.doc
    return doc_view(doc, parsed.article.title) if isinstance(doc, Doc) else None


def doc_view(doc: Doc, title: str | None) -> DocView:
    """The token attributes read in one call (Token objects are slow to make one by one) and
    sent as bytes (rows of Python integers are slow to pickle), the part of speech cut down to
    what is asked of it (a content word, a proper noun) and the tag to whether it is a modal;
    the text of each distinct word and lemma; the entities; the headline's stop words."""
    spans = doc.ents
    ents = tuple((e.start, e.end, e.start_char, e.end_char, e.label_) for e in spans)
    stops = frozenset(word for word in title_words(title) if word in STOP_WORDS)
    if not len(doc):
        return DocView(b"", {}, ents, stops)
    array = doc.to_array(list(ATTRS)).astype(numpy.uint64)
    array[:, 2] = POS_FLAGS[array[:, 2]]
    array[:, 3] = array[:, 3] == doc.vocab.strings["MD"]
    assert array.shape[1] == COLUMNS
    strings = doc.vocab.strings
    keys = set(array[:, 0].tolist()) | set(array[:, 1].tolist())
    return DocView(numpy.ascontiguousarray(array).tobytes(), {key: strings[key] for key in keys},
                   ents, stops, uncounted(spans))
