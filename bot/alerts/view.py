"""Everything an alert shows, gathered once so Slack blocks and the terminal render the same."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyQuote:
    text: str
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class AlertView:
    """One alert: ``kind`` is new (a new story) or update (new facts in a known story)."""

    kind: str
    story_id: int
    article_id: int
    topics: tuple[str, ...]
    headline: str
    summary: tuple[str, ...]
    whats_new: tuple[str, ...]
    source: str | None
    url: str | None
    published: str | None
    key_quote: KeyQuote | None = None
