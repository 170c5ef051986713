"""Stored quotes as /who-said, quote alerts and their digests read them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredQuote:
    """A stored quote with the article it came from, as /who-said shows it."""

    id: int
    article_id: int
    text: str
    kind: str
    article_title: str
    speaker: str | None = None
    speaker_kind: str | None = None
    speaker_role: str | None = None
    verb: str | None = None
    cue: str | None = None
    confidence: float | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    origin: str | None = None
    """What brought its article (a file, a feed, an /ingest caller): named for one without an
    outlet."""
    arrived: str | None = None
    """When its article was stored: its time for one that gives none of its own."""


@dataclass(frozen=True)
class QuoteText:
    """A quote's text, kind and speaker: enough to rank /who-said's candidates before their
    whole rows are read."""

    id: int
    text: str
    kind: str
    speaker: str | None


@dataclass(frozen=True)
class QuotePick:
    """A quote that a quote subscription selected."""

    quote_id: int
    subscription_id: int


@dataclass(frozen=True)
class DirectQuote:
    """An article's direct (or partly direct) quote with a named speaker."""

    id: int
    text: str
    speaker: str
    speaker_role: str | None


@dataclass(frozen=True)
class QuoteAlertLine:
    """One quote of a quote alert, with its article and the query that selected it (None when
    that subscription is gone)."""

    text: str
    speaker: str | None
    speaker_role: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    query: str | None
    mode: str | None
    origin: str | None = None
    """What brought its article (a file, a feed, an /ingest caller): named for one without an
    outlet."""
