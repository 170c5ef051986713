"""SIGKILL while Slack is still making a post, and a restart at once (a supervisor restarts
the process in a second): the restarted sender looks for the post, and looks again, never
posting it, until Slack has finished (its late window), so finds it and never posts it again.
A real process killed, the fake Slack over HTTP, a real SQLite file."""

from __future__ import annotations

import os
import signal

from bot.stories.tracking import add_topic
from storage.alerts import pending_alerts
from storage.db import transaction
from tests.slack.conftest import wait_for
from tests.slack.test_slack_kill import start
from tests.slack.test_slack_sender import follow, new_story

SLACK_BUSY = 6.0
"""Seconds Slack takes to make the post after it has the call: past a restart, and within the
delivering process's late window (``late_waits(TIMEOUT)[1]``, 12 s)."""


def test_a_kill_while_slack_makes_the_post_then_a_restart_at_once_posts_it_once(
        db_path, fresh_db, fake_slack):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.slow_down(SLACK_BUSY, methods={"chat.postMessage"}, late=True)
    proc = start(db_path, fake_slack.base_url)
    wait_for(lambda: "chat.postMessage" in fake_slack.begun)  # Slack has the call
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    fake_slack.slow_down(0.0)  # the post under way is still made SLACK_BUSY after its call
    proc = start(db_path, fake_slack.base_url)
    try:
        wait_for(lambda: not pending_alerts(fresh_db))
        wait_for(lambda: len(fake_slack.posts("C0DESK")) ==
                 fake_slack.begun.count("chat.postMessage"))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert len(fake_slack.posts("C0DESK")) == 1, "found after the restart, not posted again"
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"
