"""Answering "who said …?": a quote from any fragment of it, or a speaker's latest quotes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from storage.quotes import search_quotes


@dataclass(frozen=True)
class QuoteHit:
    text: str
    kind: str
    speaker: str | None
    speaker_kind: str | None
    role: str | None
    article_id: int
    article_title: str
    source: str | None
    published: str | None
    url: str | None
    score: float = 0.0


@dataclass(frozen=True)
class WhoSaidAnswer:
    """``mode`` is text (find a quote) or speaker (that person's latest quotes)."""

    query: str
    mode: str
    hits: tuple[QuoteHit, ...]
    message: str | None = None


def who_said(db: Database, query: str, *, limit: int = 5) -> WhoSaidAnswer:
    rows = search_quotes(db, query, limit=limit)
    hits = tuple(
        QuoteHit(text=r["text"], kind=r["kind"], speaker=r["speaker"],
                 speaker_kind=r["speaker_kind"], role=r["speaker_role"],
                 article_id=r["article_id"], article_title=r["article_title"],
                 source=r["source"], published=r["published"], url=r["url"])
        for r in rows
    )
    message = None if hits else "No quote matches that. Try a shorter fragment of it."
    return WhoSaidAnswer(query=query, mode="text", hits=hits, message=message)
