"""An alert of a story muted where it goes is closed at its turn, never posted: `/wirewatch
status` and `wirewatch status` (text and `--json`) count it apart from the alerts waiting to be
posted. The real Bolt app over HTTP (the Mute button pressed as an editor would), the fake Slack,
the CLI on a real SQLite file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from storage.db import transaction
from tests.invoke import invoke
from tests.slack.conftest import run_command, wait_for
from tests.slack.muting import muted_story
from tests.slack.world import add_article, add_story

DESK = "C0DESK"


def _queue(db, story: int, article: int, *, at: str, next_try: str | None = None) -> None:
    with transaction(db):
        db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
                   "next_attempt_at, created_at) VALUES (?, ?, ?, 'new', 'pending', 0, ?, ?)",
                   [story, article, DESK, next_try or at, at])


def _alert_status(db, story: int) -> str:
    return db.execute("SELECT status FROM alerts WHERE story_id = ?", [story]).fetchone()[0]


def test_an_alert_of_a_muted_story_is_not_counted_waiting_to_be_posted(runtime, fake_slack,
                                                                      fresh_db, db_path):
    """Before: "Alerts waiting to be posted: 2 (…; 2 due in 1 channel, posted a second apart)"
    with one of the two an alert of a story muted in the channel: the next pass closes it as
    muted and posts nothing, so one alert, not two, was waiting to be posted."""
    muted = muted_story(runtime, fake_slack, fresh_db, title="Ferry timetable changes")
    wait_for(fake_slack.responses)  # the Mute button's answer, before the status's
    article = add_article(fresh_db, title="Library opens late on Sundays")
    told = add_story(fresh_db, article_id=article, title="Library opens late on Sundays")
    now = datetime.now(UTC)
    _queue(fresh_db, told, article, at=now.isoformat(timespec="seconds"))
    muted_article = fresh_db.execute("SELECT article_id FROM story_articles WHERE story_id = ?",
                                     [muted]).fetchone()[0]
    _queue(fresh_db, muted, muted_article, at=now.isoformat(timespec="seconds"))

    said = "Alerts waiting to be posted: 1 (the oldest queued just now)"
    slack = run_command(runtime, fake_slack, "/wirewatch", "status")["text"].splitlines()
    terminal = invoke(db_path, "status").output.splitlines()
    assert f"• {said}" in slack and said in terminal, (slack, terminal)
    closed = "Alerts of muted stories, closed at their turn without being posted: 1"
    assert f"• {closed}" in slack and closed in terminal, (slack, terminal)
    outbox = json.loads(invoke(db_path, "status", "--json").output)["outbox"]
    assert (outbox["pending"], outbox["muted"]) == (1, 1), outbox

    passing = datetime.now(UTC)
    assert runtime.deliver_pending(now=passing) == 1
    assert runtime.deliver_pending(now=passing + timedelta(seconds=1)) == 0, "the channel's next turn"
    assert (_alert_status(fresh_db, told), _alert_status(fresh_db, muted)) == ("sent", "muted")
    outbox = json.loads(invoke(db_path, "status", "--json").output)["outbox"]
    assert (outbox["pending"], outbox["muted"]) == (0, 0), outbox


def test_the_json_status_says_why_alerts_wait(runtime, fake_slack, fresh_db, db_path):
    """Before: `--json`'s outbox held only the count, the oldest and the failed: not the text's
    "2 due in 1 channel, posted a second apart" nor "1 to be tried again, the first in …"."""
    now = datetime.now(UTC)
    at, later = now.isoformat(timespec="seconds"), (now + timedelta(minutes=5)).isoformat()
    for n, next_try in enumerate((None, None, later)):
        article = add_article(fresh_db, title=f"Harbour works, part {n}")
        story = add_story(fresh_db, article_id=article, title=f"Harbour works, part {n}")
        _queue(fresh_db, story, article, at=at, next_try=next_try)
    outbox = json.loads(invoke(db_path, "status", "--json").output)["outbox"]
    assert {key: outbox[key] for key in ("pending", "due", "due_channels", "to_try_again",
                                         "next_try_at")} == \
        {"pending": 3, "due": 2, "due_channels": 1, "to_try_again": 1, "next_try_at": later}, \
        outbox
