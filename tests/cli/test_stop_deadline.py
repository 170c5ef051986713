"""Every wait of `wirewatch run`'s stop comes out of one bound (WIREWATCH_STOP_SECONDS): a
Bolt listener still in a Slack call and an alert's post under way both end with the stop's own
warning, never its last resort, and the next run posts each alert once. A real process in Slack
mode, the fake Slack over HTTP holding its answers, a signed event, SQLite."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_stop_bound import COMPOSE_GRACE_S, LAST_RESORT_LINE, stopped_in
from tests.cli.test_stop_mid_delivery import next_run_posts_each_once, queue, tried
from tests.fakes.signing import event_body, post_signed
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import wait_for
from tests.sources.process import Running, slack_run

BOUND = "5"
"""WIREWATCH_STOP_SECONDS: the last resort would end the run 5 s after it, saying so."""


def test_a_listener_in_a_slack_call_and_a_post_under_way_end_within_the_stop_bound(
        db_path, processes):
    """Slack holds the answer to the first alert's post and to App Home's publish (a listener
    run after the event was answered; its client would wait ten minutes). Before: the stop
    left the post at its bound, then the interpreter's exit joined the listener's thread until
    the last resort cut it, with its ERROR. Now the stop waits for both within its bound, names
    both, and exits 0; the next run posts each channel's alert once."""
    queue(db_path, "realtime")
    with FakeSlack() as fake:
        fake.hang(methods={"chat.postMessage", "views.publish"})
        running = slack_run_held(db_path, fake, processes)
        opened = event_body({"type": "app_home_opened", "user": "U0ED", "channel": "D0ED",
                             "tab": "home", "event_ts": "1700000000.000100"})
        answer = post_signed(f"http://127.0.0.1:{running.slack_port}/slack/events", opened,
                             content_type="application/json")
        assert answer.status == 200, "the event is answered before its listener calls Slack"
        wait_for(lambda: "views.publish" in fake.begun)
        code, took = stopped_in(running)
        fake.unhang()
        log = "\n".join(running.errors)
        assert code == 0, running.said()
        assert took < COMPOSE_GRACE_S, f"{took:.0f} s"
        assert LAST_RESORT_LINE not in log, log
        warned = next(line for line in running.errors if "stopped waiting after" in line)
        assert "deliver'" in warned and "a Slack listener's call" in warned, warned
        assert fake.begun.count("chat.postMessage") == 1, "no post begun after the stop"
        next_run_posts_each_once(db_path, fake, processes, "realtime")


def slack_run_held(db_path: Path, fake: FakeSlack, processes: list) -> Running:
    """A run in Slack mode whose first alert's post is at Slack, and whose banner is out."""
    running = slack_run(db_path, fake, processes, WIREWATCH_SLACK_TIMEOUT="600",
                        WIREWATCH_STOP_SECONDS=BOUND)
    tried(fake)
    running.wait_for("wirewatch running")
    return running
