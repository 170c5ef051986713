"""Main text and metadata out of an HTML page, with trafilatura."""

from __future__ import annotations

import trafilatura
from trafilatura.metadata import Document

from bot.models import IngestFailure, RawArticle


def html_to_article(
    html: str | bytes, *, origin: str, url: str | None = None
) -> RawArticle | IngestFailure:
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return IngestFailure(origin, f"could not extract text from HTML: {exc}")
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return IngestFailure(origin, "no article text found in the HTML page")
    text, title = doc.text or "", doc.title or ""
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    return RawArticle(
        text=text,
        origin=origin,
        title=title or None,
        url=url or doc.url or None,
        source=doc.sitename or None,
        published=doc.date or None,
    )
