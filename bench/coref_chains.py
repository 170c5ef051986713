"""The speaker a coreference chain gives a source: the chain's named mention holding the
source, or the named mention nearest before it in the chain (xrenner's output, read back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """One markable: its first and last token (doc indices, inclusive), chain, and form."""

    start: int
    end: int
    chain: int
    proper: bool
    text: str


def holding(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The smallest mention whose tokens cover the source's last token and start inside it."""
    inside = [m for m in mentions if m.start <= end <= m.end and start <= m.end]
    covering = [m for m in inside if m.start >= start] or inside
    return min(covering, key=lambda m: (m.end - m.start, m.start), default=None)


def chain_speaker(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    """The name the source's chain gives it, or None when it has no named mention up to it."""
    source = holding(mentions, start, end)
    if source is None:
        return None
    if source.proper:
        return source.text
    earlier = [m for m in mentions
               if m.chain == source.chain and m.proper and m.start < source.start]
    return max(earlier, key=lambda m: m.start).text if earlier else None
