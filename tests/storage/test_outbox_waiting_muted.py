"""The waiting alerts a status counts apart as muted are the ones the sender closes as muted:
a running story's mute holds for the story that continues it, and a person's mute is kept
under their direct-message channel, not their user id (real SQLite)."""

from __future__ import annotations

from storage.alerts import mute_story
from storage.db import transaction
from storage.outbox_waiting import why_waiting
from tests.slack.world import add_article, add_story

AT = "2026-12-06T09:00:00+00:00"


def _queue(db, story: int, channel: str, *, status: str = "pending",
           posted_channel: str | None = None) -> None:
    with transaction(db):
        db.execute("INSERT INTO alerts (story_id, channel, kind, status, attempts, "
                   "next_attempt_at, created_at, posted_channel, ts) VALUES "
                   "(?, ?, 'new', ?, 0, ?, ?, ?, ?)",
                   [story, channel, status, AT, AT, posted_channel,
                    "1.000100" if posted_channel else None])


def _story(db, title: str, continues: int | None = None) -> int:
    return add_story(db, article_id=add_article(db, title=title), title=title, at=AT,
                     continues=continues)


def test_a_mute_of_the_running_story_and_one_in_direct_messages_count_as_muted(fresh_db):
    """Before: no such count (every waiting alert was counted waiting to be posted)."""
    running = _story(fresh_db, "Dock strike enters its second week")
    back = _story(fresh_db, "Dock strike talks resume", continues=running)
    told = _story(fresh_db, "Tram line reopens")
    _queue(fresh_db, running, "U0EDITOR", status="sent", posted_channel="D0EDITOR")
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=running, channel="C0DESK", user="U0ED", at=AT)
        mute_story(fresh_db, story_id=back, channel="D0EDITOR", user="U0EDITOR", at=AT)
    _queue(fresh_db, back, "C0DESK")
    _queue(fresh_db, back, "U0EDITOR")
    _queue(fresh_db, told, "C0DESK")
    _queue(fresh_db, back, "C0SPORTS")
    waits = why_waiting(fresh_db, now=AT)
    assert (waits.muted, waits.pending, waits.due, waits.due_channels) == (2, 2, 2, 2), waits
