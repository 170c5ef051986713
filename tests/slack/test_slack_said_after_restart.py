"""What the app says outside the outbox (an unmute's word, a channel's pause told by direct
message) and Slack held back is said after a restart in the wait, once: kept in the database
until said (``bot.alerts.said_once``). The serving process is a real one, killed with
SIGKILL; the next run is the real runtime, the fake Slack over HTTP, a real SQLite file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.alerts.held_back import TRIES
from bot.stories.tracking import add_topic
from handlers.home_view import UNMUTE
from storage.alerts import is_muted, mute_story
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import started, wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled
from tests.slack.test_slack_home_controls import home_action
from tests.slack.world import add_article, add_story

ROOT = Path(__file__).resolve().parents[2]
HELD = 8
"""Slack's Retry-After, seconds: the run is killed within it."""


def serving(db_path: Path, api_url: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.slack.serve_loop", str(db_path),
                             api_url], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout and proc.stderr
    line = proc.stdout.readline().split()
    assert line[:1] == ["ready"], proc.stderr.read()
    return proc, f"http://127.0.0.1:{line[1]}/slack/events"


def killed_in_the_wait(db, proc: subprocess.Popen) -> None:
    """SIGKILL once the run has taken Slack's 429 (its retry kept, a try fewer left)."""
    wait_for(lambda: db.execute("SELECT count(*) FROM sayings WHERE tries < ? AND tried_at "
                                "IS NULL", [TRIES]).fetchone()[0] == 1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()


def said_once_by_the_next_run(slack_settings, fake_slack, channel: str) -> list:
    """The next run started; what it says in ``channel`` once Slack's wait is over and the
    saying is settled (nothing of it can be said again)."""
    with started(slack_settings) as runtime:
        wait_for(lambda: fake_slack.posts(channel))
        sayings_settled(runtime.store.get())
        return fake_slack.posts(channel)


def test_an_unmute_slack_held_back_is_said_by_the_next_run_after_a_kill(
        db_path, fresh_db, fake_slack, slack_settings):
    """Slack answers the unmute's word 429 (Retry-After 8 s); the run is killed in the wait.
    Before: the retry lived on a timer in the killed process; the channel was never told."""
    article = add_article(fresh_db, title="Ferry timetable cut")
    story = add_story(fresh_db, article_id=article, title="Ferry timetable cut")
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=story, channel="C0DESK", user="U0ED",
                   at="2026-12-01T05:00:00+00:00")
    proc, url = serving(db_path, fake_slack.base_url)
    try:
        fake_slack.fail_next(1, status=429, retry_after=HELD, methods={"chat.postMessage"})
        post_signed(url, home_action({"action_id": UNMUTE, "value": f"{story}:C0DESK",
                                      "type": "button", "action_ts": "4"}))
        wait_for(lambda: not is_muted(fresh_db, story, ["C0DESK"]))
    finally:
        killed_in_the_wait(fresh_db, proc)
    [told] = said_once_by_the_next_run(slack_settings, fake_slack, "C0DESK")
    assert "Unmuted *Ferry timetable cut*" in told.text


def test_a_pause_told_by_direct_message_is_told_by_the_next_run_after_a_kill(
        db_path, fresh_db, fake_slack, slack_settings):
    """The channel is archived; Slack answers the direct message telling its subscriber 429;
    the run is killed in the wait. Before: never told why their alerts stopped."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Harbour dredging", query="dredging")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-12-01T05:00:00+00:00")
    proc, url = serving(db_path, fake_slack.base_url)
    try:
        fake_slack.fail_next(1, status=429, retry_after=HELD, methods={"chat.postMessage"})
        post_signed(url, event_body({"type": "channel_archive", "channel": "C0DESK",
                                     "user": "U1"}), content_type="application/json")
    finally:
        killed_in_the_wait(fresh_db, proc)
    [told] = said_once_by_the_next_run(slack_settings, fake_slack, "D0ED")
    assert "Harbour dredging" in told.text
