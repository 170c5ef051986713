"""`/wirewatch status` and `wirewatch status` right after a delivery pass: the alerts still
waiting are ones that will be posted, and the line says why they wait (behind another in their
channel, a post a second; or tried again later). The real Bolt app over HTTP, the fake Slack,
the CLI on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from storage.articles import now_iso
from storage.db import transaction
from storage.outbox_waiting import why_waiting
from tests.invoke import invoke
from tests.slack.conftest import run_command
from tests.slack.test_slack_desk_day import MARINA, STRIKE, published


def _status_lines(runtime, fake_slack, db_path) -> tuple[list[str], list[str]]:
    slack = run_command(runtime, fake_slack, "/wirewatch", "status")["text"].splitlines()
    return slack, invoke(db_path, "status").output.splitlines()


def test_alerts_behind_another_in_their_channel_are_said_so(runtime, fake_slack, pipeline,
                                                           fresh_db, db_path):
    """Before: "Alerts waiting to be posted: 2 (the oldest queued just now)" after a pass that
    posted the first of three alerts to one channel (two stories and a quote), with no word
    of why: the sender posts one alert a channel a pass, a second apart, so two wait their
    turn and are posted at the next passes."""
    run_command(runtime, fake_slack, "/topics", "add Ports port OR harbour")
    run_command(runtime, fake_slack, "/subscribe", "Ports")
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"')
    for n, (text, hours) in enumerate(((STRIKE, 5), (MARINA, 3))):
        [done] = pipeline.ingest([RawArticle(text=text, origin=f"h{n}", source="Example Wire",
                                             url=f"https://wire.example/h{n}",
                                             published=published(hours)[0])])
        assert done.status == "stored"
    assert why_waiting(fresh_db, now=now_iso()).pending == 3
    passing = datetime.now(UTC)
    assert runtime.deliver_pending(now=passing) == 1
    said = ("Alerts waiting to be posted: 2 (the oldest queued just now; 2 due in 1 channel, "
            "posted a second apart)")
    slack, terminal = _status_lines(runtime, fake_slack, db_path)
    assert f"• {said}" in slack and said in terminal, (slack, terminal)
    for seconds, left in ((1, 1), (2, 0)):
        assert runtime.deliver_pending(now=passing + timedelta(seconds=seconds)) == 1
        assert why_waiting(fresh_db, now=now_iso()).pending == left


def test_an_alert_to_be_tried_again_later_says_when(runtime, fake_slack, fresh_db, db_path):
    """Before: an alert whose next try is minutes off read as one about to go."""
    now = datetime.now(UTC)
    queued, later = now.isoformat(timespec="seconds"), (now + timedelta(minutes=5)).isoformat()
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, next_attempt_at, created_at) VALUES (1, 1, 'C1', 'new', "
                         "'pending', 2, ?, ?)", [later, queued])
    said = ("Alerts waiting to be posted: 1 (the oldest queued just now; 1 to be tried again, "
            "the first in 4 minutes)")
    slack, terminal = _status_lines(runtime, fake_slack, db_path)
    assert f"• {said}" in slack and said in terminal, (slack, terminal)
