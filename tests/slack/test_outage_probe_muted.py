"""During an outage one alert, when due, asks Slack for all (the probe). An alert its turn
closes with no call made (its story muted there) asks nothing, so it must not end the outage:
the real runtime's sender and its Slack reach, the fake Slack answering 503, a real SQLite
file."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from storage.db import transaction
from tests.slack.conftest import wait_for
from tests.slack.muting import muted_story
from tests.slack.world import add_article, add_story

BACK_SAID = "Slack's Web API answers again"


def _queue(db, story: int, channel: str, at: datetime) -> int:
    article = db.execute("SELECT article_id FROM story_articles WHERE story_id = ?",
                         [story]).fetchone()[0]
    with transaction(db):
        return db.execute(
            "INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "next_attempt_at, created_at) VALUES (?, ?, ?, 'new', 'pending', 0, ?, ?)",
            [story, article, channel, at.isoformat(), at.isoformat()]).lastrowid


def test_a_muted_alert_closed_as_the_probe_does_not_end_the_outage(runtime, fake_slack,
                                                                  fresh_db, caplog):
    """Before: the muted alert, the outage's probe, was closed with no call to Slack, and its
    try counted as Slack answering: "Slack's Web API answers again" while it still answered
    503, and the pass went on to other channels' alerts as if Slack answered."""
    muted = muted_story(runtime, fake_slack, fresh_db, title="Ferry timetable changes")
    wait_for(fake_slack.responses)
    title = "Library opens late on Sundays"
    told = add_story(fresh_db, article_id=add_article(fresh_db, title=title), title=title)
    fake_slack.go_down()
    start = datetime.now(UTC)
    first = _queue(fresh_db, told, "C0NEWS", start)
    assert runtime.deliver_pending(now=start) == 0
    assert runtime.identity is not None and runtime.identity.down()
    with transaction(fresh_db):  # the alert that found the outage waits its own next try
        fresh_db.execute("UPDATE alerts SET next_attempt_at = ? WHERE id = ?",
                         [(start + timedelta(minutes=4)).isoformat(), first])
    probe = _queue(fresh_db, muted, "C0DESK", start)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert runtime.sender.deliver(fresh_db, now=start + timedelta(seconds=2)) == 0
    assert fresh_db.execute("SELECT status FROM alerts WHERE id = ?",
                            [probe]).fetchone()[0] == "muted"
    assert runtime.identity.down(), caplog.text
    assert BACK_SAID not in caplog.text, caplog.text
