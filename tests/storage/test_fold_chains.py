"""A fold of a fold: the third story of an event folded into the second, then the second into
the first. Every reader of ``stories.folded_into`` follows the whole chain (one recursive query,
``storage.stories.folds``): the story holding the reports now, and the alerts each report had.
A real SQLite file; stories built through the storage functions the story stage calls."""

from __future__ import annotations

from storage import stories as store
from storage.alerts import alerted_events
from storage.db import transaction
from storage.timeline import story_timeline
from tests.stories.test_story_moves import stored

DAY = "2026-11-24T"


def at(hour: int) -> str:
    return f"{DAY}{hour:02d}:00:00+00:00"


def three_stories(db) -> tuple[list[int], list[int]]:
    """A dam's spillway opened (06:00), the river rising downstream (07:00), a village
    evacuated (08:00), told apart first: (the stories, oldest first; their articles)."""
    made = [stored(db, None, title=title, seen_at=at(hour), keys=[f"l:{key}"], now=at(hour))
            for hour, title, key in ((6, "Spillway opened at Orlen dam", "spillway"),
                                     (7, "River Vesk rises below Orlen", "river"),
                                     (8, "Hollin village evacuated overnight", "village"))]
    return [story for story, _ in made], [article for _, article in made]


def alerted(db, story_id: int, article_id: int, channel: str) -> None:
    with transaction(db):
        db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
                   "next_attempt_at, created_at) VALUES (?, ?, ?, 'new', 'sent', 1, ?, ?)",
                   [story_id, article_id, channel, at(8), at(8)])


def fold(db, later: int, into: int, *, by: int, hour: int) -> None:
    with transaction(db):
        store.fold_story(db, later=later, into=into, by=by, now=at(hour))


def events_of(db, articles: list[int]) -> list[int]:
    return [db.execute("SELECT id FROM story_articles WHERE article_id = ?",
                       [a]).fetchone()[0] for a in articles]


def test_an_alert_of_a_story_folded_twice_still_counts_for_its_report(fresh_db):
    """A digest asks which of its events the channel had as alerts: the village's report was
    one, in the village story's thread, and stays one after two folds."""
    (dam, river, village), articles = three_stories(fresh_db)
    alerted(fresh_db, village, articles[2], "C1")
    alerted(fresh_db, river, articles[1], "C2")
    fold(fresh_db, village, river, by=articles[1], hour=9)
    fold(fresh_db, river, dam, by=articles[0], hour=10)
    events = events_of(fresh_db, articles)
    assert alerted_events(fresh_db, "C1", events) == {events[2]}, \
        "a digest would list again a report the channel had as an alert two folds back"
    assert alerted_events(fresh_db, "C2", events) == {events[1]}


def test_the_timeline_of_any_story_of_the_chain_is_the_one_holding_every_report(fresh_db):
    (dam, river, village), articles = three_stories(fresh_db)
    fold(fresh_db, village, river, by=articles[1], hour=9)
    fold(fresh_db, river, dam, by=articles[0], hour=10)
    for story in (dam, river, village):
        grown = story_timeline(fresh_db, story)
        assert grown is not None and grown.story_id == dam
        assert [e.article_id for e in grown.entries] == articles
    assert store.holding(fresh_db, village) == dam


def test_a_damaged_chain_that_loops_is_followed_a_bounded_number_of_folds(fresh_db):
    """Each fold joins an older story, so a chain ends; a row edited by hand into a loop does
    not hang a reader."""
    (dam, river, _), articles = three_stories(fresh_db)
    alerted(fresh_db, river, articles[1], "C1")
    with transaction(fresh_db):
        fresh_db.execute("UPDATE stories SET folded_into = ? WHERE id = ?", [river, dam])
        fresh_db.execute("UPDATE stories SET folded_into = ? WHERE id = ?", [dam, river])
    assert store.holding(fresh_db, dam) in (dam, river)
    events = events_of(fresh_db, articles)
    assert alerted_events(fresh_db, "C1", events) == {events[1]}
