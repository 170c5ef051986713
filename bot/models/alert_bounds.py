"""An alert's fields bounded as it is made: an article stored before its fields were bounded,
or read with a raised `WIREWATCH_NLP_READ_CHARS`, can hold a fact or a quote of a megabyte,
and each block builder reads each field several times (cleaning, escaping, comparing words):
seconds of CPU in the sender's turn, every other channel waiting. Each is read once, here."""

from __future__ import annotations

from dataclasses import replace

from bot.models.alerts import AlertView, KeyQuote
from bot.models.cuts import cut
from bot.models.quotes import QuoteAlertLine

VIEW_CHARS = 5_000
"""The most of one field an alert reads: more than any message shows of one (a section holds
3,000, a quote 2,500, a link 3,000) and than any link kept at ingest (4,096), so a field cut
here was cut in every message anyway; the terminal's alert shows the cut, marked."""


def bounded_view(view: AlertView) -> AlertView:
    """``view`` with each text over ``VIEW_CHARS`` cut at a word with a mark (the article stays
    whole in the database); a longer link, which no message could show, is left out."""
    quote = view.key_quote
    return replace(
        view, topics=tuple(map(_most, view.topics)), headline=_most(view.headline),
        summary=tuple(map(_most, view.summary)), whats_new=tuple(map(_most, view.whats_new)),
        source=_most_of(view.source), published=_most_of(view.published),
        url=_link(view.url),
        key_quote=quote and KeyQuote(_most(quote.text), _most_of(quote.speaker),
                                     _most_of(quote.role)),
        story_title=_most(view.story_title), origin=_most(view.origin),
        continues=view.continues and (view.continues[0], _most(view.continues[1])),
        arrived=_most_of(view.arrived))


def bounded_line(line: QuoteAlertLine) -> QuoteAlertLine:
    """A quote alert's or quote digest's line so bounded: a digest holds up to 40 of them."""
    return replace(
        line, text=_most(line.text), speaker=_most_of(line.speaker),
        speaker_role=_most_of(line.speaker_role), title=_most_of(line.title),
        source=_most_of(line.source), url=_link(line.url), published=_most_of(line.published),
        query=_most_of(line.query), mode=_most_of(line.mode), origin=_most_of(line.origin))


def _link(url: str | None) -> str | None:
    return url if url is None or len(url) <= VIEW_CHARS else None


def _most(text: str) -> str:
    return cut(text, VIEW_CHARS) if len(text) > VIEW_CHARS else text


def _most_of(text: str | None) -> str | None:
    return None if text is None else _most(text)
