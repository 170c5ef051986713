"""Finding quotes in a parsed article: direct quotes, reported speech and fragments, with speakers.

The pipeline calls ``extract_quotes``; everything here is pure (a parsed article in, quotes out).
"""

from __future__ import annotations

from bot.nlp.compiled import search_path

__path__ = search_path(__name__, __path__)  # the compiled build first, when it may run

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc

from bot.models import ParsedArticle, Quote
from bot.nlp.quotes.direct import DirectQuotes
from bot.nlp.quotes.headline import headline_claims, with_quotes
from bot.nlp.quotes.indirect import CANDIDATES, MADE, find_indirect
from bot.nlp.quotes.marks import QuoteSpan, find_quote_spans, paragraphs
from bot.nlp.quotes.owned import OWNED_SAYING
from bot.nlp.quotes.reporting import REPORTING, STANCES, VIEWS, is_reporting
from bot.nlp.quotes.subjects import QuotedTokens, subject_of
from bot.nlp.quotes.turns import find_transcript_turns
from bot.nlp.speakers import SpeakerResolver
from bot.nlp.speakers.capitals import desk_name, in_capitals
from bot.nlp.speakers.columns import Columns

__all__ = ["extract_quotes", "quotes_in_doc"]


def extract_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Every quote in the article, in text order, with offsets into the article body."""
    doc = parsed.doc
    if not isinstance(doc, Doc):
        raise TypeError("extract_quotes needs the spaCy Doc of the article body")
    body = parsed.article.body
    last = doc[-1] if len(doc) else None
    ends = last is None or last.idx + len(last.text_with_ws) == len(body)
    return quotes_in_doc(doc, text=body if ends else None, byline=parsed.article.byline)


def quotes_in_doc(doc: Doc, *, text: str | None = None, byline: str | None = None) -> list[Quote]:
    """``text``: the text the Doc was parsed from, when at hand (``doc.text`` rebuilds it);
    ``byline``: the writer's name, for an "I" outside quotation marks when no line signs it."""
    body = doc.text if text is None else text
    paras = paragraphs(body)  # found once: four passes read them
    marked = find_quote_spans(body, paras)
    turns = find_transcript_turns(doc, body, marked, paras)
    in_turns = {s.paragraph for s in turns}  # a turn holds the quotations in its paragraph
    spans = sorted([s for s in marked if s.paragraph not in in_turns] + turns,
                   key=lambda s: s.open)
    columns = Columns.of(doc, body)
    starts = columns.idx
    quoted = _quoted_tokens(starts, spans)
    offsets = sorted(o for s in spans for o in (s.open, s.close))

    def is_quoted(offset: int) -> bool:
        return bisect_left(offsets, offset + 1) % 2 == 1

    resolver = SpeakerResolver(doc, quoted=is_quoted, speaking=is_reporting,
                               subject=lambda verb: subject_of(verb, quoted), columns=columns,
                               byline=byline)
    resolver.prime([s for i in columns.verbs(doc, REPORTING) if i not in quoted
                    if (s := subject_of(doc[i], quoted)) is not None])
    finder = DirectQuotes(doc, body, spans, paras, resolver, quoted, starts=starts)
    direct = finder.extract()
    statements = _quoted_tokens(starts, [s for s in spans if not finder.fragment[s]])
    candidates = sorted(set(columns.lowered({"according"} | STANCES | VIEWS | OWNED_SAYING) +
                            columns.verbs(doc, CANDIDATES) + columns.verbs(doc, MADE)))
    indirect = find_indirect(doc, body, quoted, resolver, statements=statements,
                             candidates=candidates)
    headlines = headline_claims(body, resolver, spans, paras)
    found = sorted(with_quotes(direct, headlines) + indirect, key=lambda q: (q.start, q.end))
    return _as_desk_writes(found, body)


def _as_desk_writes(quotes: list[Quote], body: str) -> list[Quote]:
    """A person named only in capitals ("JAKE RIVERA:", a transcript's label) named as a desk
    writes it ("Jake Rivera"), the article's own spelling of each word first."""
    names: dict[str, str] = {}
    out = []
    for quote in quotes:
        name = quote.speaker.name
        if name is not None and quote.speaker.kind == "person" and in_capitals(name):
            if name not in names:
                names[name] = desk_name(name, body)
            quote = replace(quote, speaker=replace(quote.speaker, name=names[name]))
        out.append(quote)
    return out


def _quoted_tokens(starts: list[int], spans: list[QuoteSpan]) -> QuotedTokens:
    """Indexes of tokens (by their start offsets) inside quotation marks (the marks included)."""
    inside: set[int] = set()
    for span in spans:
        first = bisect_left(starts, span.open)
        last = bisect_left(starts, span.close)
        inside.update(range(first, last))
    return QuotedTokens(inside)
