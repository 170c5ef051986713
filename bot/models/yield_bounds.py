"""The quotes and facts one article may yield, bounded: each is a sentence of the part spaCy
reads (``WIREWATCH_NLP_READ_CHARS``, no upper limit), so a hostile article of a megabyte read
whole would write thousands of quote rows and a story entry of thousands of facts, which every
quote alert, `/who-said`, the timeline and the story stage then read again; and an entity row
for every name spaCy finds in it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

QUOTES_KEPT = 500
"""The most quotes stored for one article, the first in the article's order: over twice the
most a real article yields (190 in PolNeAR's train part, 171 in the stories stream)."""
FACTS_KEPT = 300
"""The most facts of what's new stored for one article, the strongest first (their ranking):
over the most a real long update yields (177 in the stories stream); an alert shows three, the
timeline four an entry, a story's "now" two an update."""
ENTITIES_KEPT = 2000
"""The most entity rows stored for one article, the first in the article's order: over twice the
most a real article yields (879 in PolNeAR's train part, 819 in the stories stream)."""

T = TypeVar("T")


def kept(items: Sequence[T], most: int) -> tuple[list[T], int]:
    """The first ``most`` of ``items`` and how many were dropped."""
    return list(items[:most]), max(0, len(items) - most)


def dropped_note(quotes: int, facts: int, entities: int = 0) -> str | None:
    """What an article lost to the bounds, said once in its WARNING; None if nothing."""
    parts = [f"{count:,} {what} past the first {most:,} dropped"
             for count, what, most in ((quotes, "quotes", QUOTES_KEPT),
                                       (facts, "facts of what's new", FACTS_KEPT),
                                       (entities, "entities", ENTITIES_KEPT)) if count]
    return "; ".join(parts) or None
