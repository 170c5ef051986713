"""What a digest owes its reader (``storage.digest_owed``): an event it left out for an alert of
its own there is given back once every such alert failed for good (failed, muted, withdrawn),
settled once one is posted, and kept while one waits or is in flight; an alert of a story
folded into the event's counts, as for ``alerted_events``. A real SQLite file; stories built
through the storage functions."""

from __future__ import annotations

import pytest

from storage.db import transaction
from storage.digest_owed import keep_owed, owed_back
from tests.storage.test_fold_chains import events_of, fold, three_stories
from tests.storage.test_told_of import alert, digest_of

STATES = {"pending": ("kept", False), "sending": ("kept", False), "sent": ("settled", False),
          "failed": ("settled", True), "muted": ("settled", True),
          "withdrawn": ("settled", True)}
"""Each state of the event's one alert: whether the owed event is kept or settled, and
whether it is given back to the digest."""


@pytest.mark.parametrize("status", sorted(STATES))
def test_each_outbox_state_keeps_settles_or_gives_back(fresh_db, status):
    (dam, _, _), articles = three_stories(fresh_db)
    sub = digest_of(fresh_db, "C1")
    [event] = events_of(fresh_db, articles[:1])
    alert(fresh_db, dam, articles[0], "C1", status)
    with transaction(fresh_db):
        keep_owed(fresh_db, sub, owed=[event], settled=[])
    back, settled = owed_back(fresh_db, sub, "C1")
    kept, given = STATES[status]
    assert [e.event_id for e in back] == ([event] if given else [])
    assert settled == (() if kept == "kept" else (event,))


def test_another_conversations_alert_settles_nothing(fresh_db):
    (dam, _, _), articles = three_stories(fresh_db)
    sub = digest_of(fresh_db, "C1")
    [event] = events_of(fresh_db, articles[:1])
    alert(fresh_db, dam, articles[0], "C1", "failed")
    alert(fresh_db, dam + 1, articles[0], "C2", "sent")
    with transaction(fresh_db):
        keep_owed(fresh_db, sub, owed=[event], settled=[])
    back, _ = owed_back(fresh_db, sub, "C1")
    assert [e.event_id for e in back] == [event]


def test_an_alert_of_the_story_folded_in_still_waiting_keeps_the_event(fresh_db):
    """The river's report, owed, was alerted under its own story; that story folded into the
    dam's since: the alert, still waiting, keeps the event owed."""
    (dam, river, _), articles = three_stories(fresh_db)
    sub = digest_of(fresh_db, "C1")
    alert(fresh_db, river, articles[1], "C1", "pending")
    fold(fresh_db, river, dam, by=articles[2], hour=9)
    [event] = events_of(fresh_db, articles[1:2])
    with transaction(fresh_db):
        keep_owed(fresh_db, sub, owed=[event], settled=[])
    assert owed_back(fresh_db, sub, "C1") == ([], ())


def test_a_given_back_event_is_owed_no_more(fresh_db):
    (dam, _, _), articles = three_stories(fresh_db)
    sub = digest_of(fresh_db, "C1")
    [event] = events_of(fresh_db, articles[:1])
    alert(fresh_db, dam, articles[0], "C1", "failed")
    with transaction(fresh_db):
        keep_owed(fresh_db, sub, owed=[event], settled=[])
    _, settled = owed_back(fresh_db, sub, "C1")
    with transaction(fresh_db):
        keep_owed(fresh_db, sub, owed=[], settled=settled)
    assert owed_back(fresh_db, sub, "C1") == ([], ())
