"""The running story a new event belongs to: events nest in running stories (a shutdown's days,
a trial's hearings), the unit the project's own streams call one story. No SQL here.

An article that starts an event (a new story) joins the running story whose latest articles
are most alike by the running-story likeness (``cluster.story_similarity``: all its keys and
its names and numbers, weighted by rarity alone, no decay), scoring at least ``THRESHOLD``,
among those seen within ``QUIET_HOURS``. When none is, a running issue back after a quiet
spell: the story the article would have joined had it not gone quiet or aged, seen within
``BACK_DAYS``, one of whose latest articles is ``BACK_SIMILARITY`` alike (``came_back``), gives
its running story. Else its event starts a running story of its own. An article joining an
event is in that event's running story. Measured in docs/stories.md.
"""

from __future__ import annotations

from bot.stories import cluster

QUIET_HOURS = 72.0
THRESHOLD = cluster.JOIN_THRESHOLD
EVENTS = 8
"""Event stories the running-story lookup reads (their running stories are then shortlisted)."""
BACK_DAYS = 14
"""How far back a story a running issue comes back to is looked for (story data's days)."""
REPEATS = cluster.Events.copy_similarity
"""How alike (cosine) a new event adding nothing to its running story must be to one of that
story's articles to be a late copy of it, which alerts nobody: a near copy's likeness, which
joins an event whatever its age (docs/stories.md)."""
BACK_SIMILARITY = 0.4
"""How alike (cosine) a new story's first article and one of an earlier story's latest must be
for the new one to continue it after a quiet spell (docs/stories.md)."""


def shortlist(shared: dict[int, list[str]], roots: dict[int, int],
              weights: dict[str, float]) -> list[int]:
    """The running stories (roots) sharing the most weight with the article, from the event
    stories sharing its keys: each running story shares the keys any of its events does."""
    by_root: dict[int, set[str]] = {}
    for story_id, keys in shared.items():
        by_root.setdefault(roots.get(story_id, story_id), set()).update(keys)
    return cluster.shortlist({root: sorted(keys) for root, keys in by_root.items()}, weights,
                             min_shared=2)


def running_story(weights: dict[str, float], stories: dict[int, list[dict[str, float]]], *,
                  threshold: float = THRESHOLD) -> int | None:
    """The running story (its root) the article's new event continues, or None."""
    found = {root: cluster.Story(vectors) for root, vectors in stories.items() if vectors}
    return cluster.choose(weights, found, threshold=threshold).story_id


def came_back(kept: dict[str, float], latest: list[dict[str, float]]) -> bool:
    """Whether one of the earlier story's latest articles is alike enough to the new story's
    first for the new one to continue it after a quiet spell."""
    return any(cluster.cosine(kept, vector) >= BACK_SIMILARITY for vector in latest)


def events_text(events: tuple[tuple[int, str], ...], story_id: int) -> str | None:
    """The running story's events in order, this story marked; None when it is the only one:
    which story this one continues and which continue it, in one line."""
    if len(events) < 2:
        return None
    return "Running story: " + " → ".join(
        f"#{event} {title}" + (" (this story)" if event == story_id else "")
        for event, title in events)
