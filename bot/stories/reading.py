"""Reading what the story features need off the Doc spaCy made (``DocView``), in the process
that made it: the features themselves are made from the view (``bot.stories.features``), where
no spaCy is needed, so a worker process sends the view and the storing process makes them."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import ADJ, AUX, IDS, NOUN, NUM, PROPN, VERB
from spacy.tokens import Doc, Token

from bot.models import DAY_LABELS, ParsedArticle
from bot.models.yield_bounds import ENTITIES_KEPT
from bot.stories.counts import uncounted
from bot.stories.features import (
    AHEAD,
    COLUMNS,
    CONTENT,
    MAIN,
    MODAL,
    PAST,
    PROPER,
    VERBAL,
    ArticleFeatures,
    DocView,
    features_from,
    title_words,
)
from bot.stories.plans import SAYING, planned_dates

ENTITIES_READ = ENTITIES_KEPT
"""The most entities of an article the story stage reads, the first in its order: those stored
(features rebuilt from stored rows read no more), over twice a real article's most (879)."""
ATTRS = (LOWER, LEMMA, POS, TAG, IS_ALPHA, IS_STOP, IS_PUNCT, IS_SPACE, LIKE_NUM, IDX)
CONTENT_POS_IDS = [NOUN, PROPN, VERB, ADJ, NUM]
POS_FLAGS = numpy.zeros(max(IDS.values()) + 1, dtype=numpy.uint64)
POS_FLAGS[CONTENT_POS_IDS] = CONTENT
POS_FLAGS[PROPN] |= PROPER
POS_FLAGS[[VERB, AUX]] |= VERBAL
"""Each part of speech's flags, looked up for every token at once."""
AUXILIARIES = ("aux", "auxpass")
NOT_THE_PAST = frozenset({"amod", "acomp", *AUXILIARIES})
"""Where a participle with no auxiliary is an adjective ("the delayed vote", "is closed") or
an auxiliary itself."""


def extract(parsed: ParsedArticle) -> ArticleFeatures:
    """Features from the Doc spaCy already produced, in this process."""
    return features_from(parsed, view_of(parsed))


def tense_flags(doc: Doc, tags: numpy.ndarray) -> numpy.ndarray:
    """Each token's MODAL and PAST flags from its tag: a verb in the past is one tagged VBD
    ("walked", "was", "did") or a participle in the past (``_past_participle``)."""
    strings = doc.vocab.strings
    flags = numpy.where(tags == strings["MD"], MODAL, 0).astype(numpy.uint64)
    flags[tags == strings["VBD"]] |= PAST
    for i in numpy.flatnonzero(tags == strings["VBN"]).tolist():
        if _past_participle(doc[i]):
            flags[i] |= PAST
    return flags


def _past_participle(token: Token) -> bool:
    """A participle the parse hangs a "have" on ("has walked", "had been closed"), or none
    of its auxiliaries and no adjective's place: the past itself ("Officials tweeted on
    Sunday", which the tagger also calls VBN; "the orders signed Monday"). Not "is closed",
    "will be released", "to be voted on", "the delayed vote", nor an auxiliary itself
    ("been", whose verb tells)."""
    helpers = [c for c in token.children if c.dep_ in AUXILIARIES]
    if helpers:
        return any(c.lemma_ == "have" for c in helpers)
    return token.dep_ not in NOT_THE_PAST


def predicates(doc: Doc) -> list[int]:
    """Each sentence's own predicate verb: its root, or the clause a saying at its root reports
    ("The council said that the opening had been put back": put), not the saying itself."""
    if not doc.has_annotation("DEP"):
        return []
    found = []
    for sent in doc.sents:
        verb = sent.root
        if verb.lemma_ in SAYING:
            verb = next((c for c in verb.children if c.dep_ == "ccomp"), verb)
        if verb.pos_ == "VERB" and verb.lemma_ not in SAYING:
            found.append(verb.i)
    return found


def view_of(parsed: ParsedArticle) -> DocView | None:
    doc = parsed.doc
    return doc_view(doc, parsed.article.title) if isinstance(doc, Doc) else None


def doc_view(doc: Doc, title: str | None) -> DocView:
    """The token attributes read in one call (Token objects are slow to make one by one) and
    sent as bytes (rows of Python integers are slow to pickle), the part of speech cut down to
    what is asked of it (a content word, a proper noun) and the tag to whether it is a modal
    or a verb in the past (``tense_flags``) and which dates are ahead (``planned_dates``);
    the text of each distinct word and lemma; the first ``ENTITIES_READ`` entities; the
    headline's stop words."""
    spans = doc.ents[:ENTITIES_READ]
    ents = tuple((e.start, e.end, e.start_char, e.end_char, e.label_) for e in spans)
    stops = frozenset(word for word in title_words(title) if word in STOP_WORDS)
    if not len(doc):
        return DocView(b"", {}, ents, stops)
    array = doc.to_array(list(ATTRS)).astype(numpy.uint64)
    array[:, 2] = POS_FLAGS[array[:, 2]]
    array[:, 3] = tense_flags(doc, array[:, 3])
    array[planned_dates(e for e in spans if e.label_ in DAY_LABELS), 3] |= AHEAD
    array[predicates(doc), 3] |= MAIN
    assert array.shape[1] == COLUMNS
    strings = doc.vocab.strings
    keys = set(array[:, 0].tolist()) | set(array[:, 1].tolist())
    return DocView(numpy.ascontiguousarray(array).tobytes(), {key: strings[key] for key in keys},
                   ents, stops, uncounted(spans))
