"""What a story says now: its latest updates' strongest facts, newest first, then its start."""

from __future__ import annotations

from dataclasses import dataclass

from bot.alerts.came_from import shown_source
from bot.models import StoryTimeline

NOW_FACTS = 4
FACTS_PER_UPDATE = 2


@dataclass(frozen=True)
class Known:
    """The facts a later update added, with where (``shown_source``: the outlet, else what
    brought it; no link is shown beside it) and when it was reported."""

    facts: tuple[str, ...]
    source: str | None
    when: str | None
    dated: bool = True
    """False: ``when`` is when the update arrived (it gives no time)."""


def known_now(timeline: StoryTimeline) -> list[Known]:
    """The strongest ``FACTS_PER_UPDATE`` facts of each latest update, newest update first,
    ``NOW_FACTS`` in all, each once: a desk reads what changed last before how it began."""
    known: list[Known] = []
    seen: set[str] = set()
    room = NOW_FACTS
    for update in timeline.latest:
        facts: list[str] = []
        for fact in update.whats_new[:FACTS_PER_UPDATE]:
            key = " ".join(fact.lower().split())
            if key not in seen and len(facts) < room:
                seen.add(key)
                facts.append(fact)
        if facts:
            known.append(Known(tuple(facts), shown_source(update.source, update.url,
                                                          update.origin, linked=False),
                               update.when, update.dated))
            room -= len(facts)
    return known
