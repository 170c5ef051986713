"""Headlines in the "Name: words" layout ("Ruiz: Budget will not pass") attribute their words."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from bot.models import Quote
from bot.nlp.quotes.marks import TURN, Paragraph, QuoteSpan, written
from bot.nlp.quotes.reporting import is_reporting
from bot.nlp.quotes.turns import untitled
from bot.nlp.speakers import SpeakerResolver
from bot.nlp.speakers import confidence as conf

MAX_WORDS = 25
"""Longer than this, a "Label: …" paragraph is prose, not a headline."""
MIN_WORDS = 3
MAX_CLAIMS = 2
"""More "Name: …" paragraphs than this make a roster ("Ruiz: finish second"), not headlines."""


def headline_claims(body: str, resolver: SpeakerResolver, spans: list[QuoteSpan],
                    paras: list[Paragraph]) -> list[Quote]:
    """Reported speech for each short paragraph that opens with the name of a person the
    article writes elsewhere (``paras``: the body's ``paragraphs``); not for a paragraph of
    transcript turns, nor one whose words are all inside quotation marks or that holds a quote
    before its colon (``spans``: the body's quoted spans and turns)."""
    by_para: dict[int, list[QuoteSpan]] = {}
    for span in spans:
        by_para.setdefault(span.paragraph, []).append(span)
    out = []
    for para in paras:
        quote = _claim(body, para, resolver, by_para.get(para.index, []))
        if quote is not None:
            out.append(quote)
    return out if len(out) <= MAX_CLAIMS else []


def with_quotes(quotes: list[Quote], claims: list[Quote]) -> list[Quote]:
    """The quotes and the claims together: a direct quote inside a headline's claim is words the
    claim quotes, a fragment of it ("Ruiz: ‘No Idea’ If the Levy Stays": the claim is what she
    said, not two statements)."""
    if not claims:
        return quotes
    return [replace(q, kind="fragment", confidence=min(q.confidence, conf.FRAGMENT_CAP))
            if q.kind == "direct" and any(c.start <= q.start and q.end <= c.end for c in claims)
            else q for q in quotes] + claims


def _claim(body: str, para: Paragraph, resolver: SpeakerResolver,
           spans: list[QuoteSpan]) -> Quote | None:
    text = body[para.start:para.end]
    match = TURN.match(text)
    if match is None or not match.group(1)[:1].isupper() or len(text.split()) > MAX_WORDS:
        return None
    label = match.group(1)
    last = label.split()[-1]
    if written(body, last) < 2:
        return None
    start = para.start + match.end() - 1
    end = para.start + len(text.rstrip(" .\t"))
    if not _unquoted_words(body, start, end, spans) or spans and _told(resolver, start, end):
        return None
    speaker = resolver.person_named(untitled(label))
    if speaker is None:
        return None
    words = body[start:end].split()
    if len(words) < MIN_WORDS or not any(c.isalpha() for c in body[start:end]):
        return None
    return Quote(body[start:end], start, end, "indirect", speaker, verb=None, cue=None,
                 confidence=conf.HEADLINE)


def _told(resolver: SpeakerResolver, start: int, end: int) -> bool:
    """A speech tag after a quotation's closing mark ("Ruiz: “…,” she told the council", "“…,”
    said Ruiz"): a quote with its tag, not a headline whose own words tell ("… To Ask …")."""
    words = resolver.reg.doc.char_span(start, end, alignment_mode="expand")
    return words is not None and any(
        is_reporting(t) and not resolver.reg.quoted(t.idx) and _after_a_quote(t) for t in words)


def _after_a_quote(verb: Token) -> bool:
    """The verb follows a closing quotation mark, with at most its subject between."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i else verb
    if before.dep_ == "nsubj" and before.i:
        before = doc[before.i - 1]
    return before.is_quote and before.i < verb.i


def _unquoted_words(body: str, start: int, end: int, spans: list[QuoteSpan]) -> bool:
    """Words of the claim stand outside quotation marks ("Ruiz: Levy Is ‘A Tax’"), every
    quotation is inside the claim, and none is a transcript turn: a quotation holding all the
    words is a direct quote of its own ("Ruiz: ‘The Levy Will Go’"), and quotations each with
    a label of its own are each their own ("Ruiz: ‘…’ Vale: ‘…’")."""
    if any(s.label or s.open < start for s in spans):
        return False
    rest, at = [], start
    for span in sorted(spans, key=lambda s: s.open):
        rest.append(body[at:span.open])
        at = max(at, span.close)
    rest.append(body[at:end])
    unquoted = "".join(rest)
    return any(c.isalpha() for c in unquoted) and ":" not in unquoted
