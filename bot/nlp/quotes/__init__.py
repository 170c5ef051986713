"""Finding quotes in a parsed article: direct quotes, reported speech and fragments, with speakers.

The pipeline calls ``extract_quotes``; everything here is pure (a parsed article in, quotes out).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from bot.models import ParsedArticle, Quote
from bot.nlp.quotes.attribution import is_reporting, subject_of
from bot.nlp.quotes.direct import DirectQuotes, is_fragment
from bot.nlp.quotes.indirect import find_indirect
from bot.nlp.quotes.marks import (
    QuoteSpan,
    find_quote_spans,
    find_transcript_turns,
    paragraphs,
)
from bot.nlp.speakers import SpeakerResolver

__all__ = ["extract_quotes", "quotes_in_doc"]


def extract_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Every quote in the article, in text order, with offsets into the article body."""
    doc = parsed.doc
    if not isinstance(doc, Doc):
        raise TypeError("extract_quotes needs the spaCy Doc of the article body")
    return quotes_in_doc(doc)


def quotes_in_doc(doc: Doc) -> list[Quote]:
    body = doc.text
    spans = find_quote_spans(body)
    spans = sorted(spans + find_transcript_turns(body, {s.paragraph for s in spans}),
                   key=lambda s: s.open)
    starts = [t.idx for t in doc]
    quoted = _quoted_tokens(starts, spans)
    offsets = sorted(o for s in spans for o in (s.open, s.close))

    def is_quoted(offset: int) -> bool:
        return bisect_left(offsets, offset + 1) % 2 == 1

    resolver = SpeakerResolver(doc, quoted=is_quoted, speaking=is_reporting,
                               subject=lambda verb: subject_of(verb, quoted))
    resolver.prime([s for v in doc if v.i not in quoted and is_reporting(v)
                    if (s := subject_of(v, quoted)) is not None])
    direct = DirectQuotes(doc, body, spans, paragraphs(body), resolver, quoted,
                          starts=starts).extract()
    statements = _quoted_tokens(starts, [s for s in spans if not is_fragment(body, s)])
    indirect = find_indirect(doc, body, quoted, resolver, statements=statements)
    return sorted(direct + indirect, key=lambda q: (q.start, q.end))


def _quoted_tokens(starts: list[int], spans: list[QuoteSpan]) -> set[int]:
    """Indexes of tokens (by their start offsets) inside quotation marks (the marks included)."""
    inside: set[int] = set()
    for span in spans:
        first = bisect_left(starts, span.open)
        last = bisect_left(starts, span.close)
        inside.update(range(first, last))
    return inside
