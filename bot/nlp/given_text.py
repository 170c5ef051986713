"""Quotes in text the caller did not clean (`wirewatch quotes extract`, the benchmarks): the
text is parsed with its garbled runs put back (`mojibake.repair`, as ingest stores an
article), and the quotes answer in the offsets of the text as given.

A stored article needs none of this: its body is the cleaned text, repaired at ingest, and its
quotes' offsets are into that body. One rule: offsets are into the text the caller holds.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from bot.ingest.mojibake import Repair
from bot.models import Quote
from bot.nlp.quotes import quotes_in_doc
from bot.nlp.quotes.statements import statements


def quotes_given(doc: Doc, repair: Repair, *, fragments: bool = False,
                 byline: str | None = None) -> list[Quote]:
    """The quotes of ``doc``, the parse of ``repair.text``: their words as repaired (a speaker's
    name as written), their offsets into the text given. Fragments only when asked."""
    found = quotes_in_doc(doc, text=repair.text, byline=byline)
    found = found if fragments else statements(doc, found, text=repair.text)
    return in_given(found, repair)


def in_given(quotes: list[Quote], repair: Repair) -> list[Quote]:
    """The quotes with offsets into the text given (a span touching a repaired run covers the
    whole garbled run); as they are when nothing was repaired."""
    if not repair.runs:
        return quotes
    return [replace(q, start=repair.given_start(q.start), end=repair.given_end(q.end))
            for q in quotes]
