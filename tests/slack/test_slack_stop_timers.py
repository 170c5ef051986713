"""What a running bot has waiting on a timer (a call Slack held back, made again later) is its
own: its stop drops its timers and arms no more, and leaves another bot's alone (the Bolt app
over real HTTP with signed requests, the fake Slack Web API, real SQLite files)."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.slack.runtime import SlackRuntime
from storage.db import open_db
from tests.slack.conftest import open_home, wait_for


def _publishes(fake_slack) -> int:
    return len(fake_slack.calls_to("views.publish", ok_only=False))


def _other_bot(slack_settings, tmp_path) -> SlackRuntime:
    """A second bot started in this process, on a database of its own."""
    other_path = tmp_path / "other.db"
    open_db(other_path).close()
    other = SlackRuntime(replace(slack_settings, db_path=other_path))
    other.start()
    return other


def _first_publish_fails(runtime, fake_slack) -> None:
    """Slack answers the first bot's App Home publish 500: it waits AGAIN_WAIT to be made
    again."""
    fake_slack.fail_next(1, status=500, methods={"views.publish"})
    open_home(runtime, "U0ED")
    wait_for(lambda: _publishes(fake_slack) == 1)


def test_an_app_home_publish_under_way_as_the_bot_stops_is_not_made_again(
        runtime, fake_slack, caplog):
    """App Home's publish is still waiting on Slack as the bot stops; its connection drops,
    the SDK's one retry is answered 500. Before: the listener set a timer after the stop, and
    the stopped bot published again AGAIN_WAIT later (in the tests, at a fake Slack long
    gone). Now nothing is armed after the stop, and the log says the publish was not made."""
    caplog.set_level(logging.INFO, logger="bot.alerts.held_back")
    fake_slack.hang(methods={"views.publish"})
    open_home(runtime, "U0ED")
    wait_for(lambda: "views.publish" in fake_slack.begun)
    runtime.stop()
    fake_slack.fail_next(1, status=500, methods={"views.publish"})
    fake_slack.unhang()
    wait_for(lambda: _publishes(fake_slack) == 2)
    wait_for(lambda: "App Home of U0ED: not made again" in caplog.text
             or runtime.waiting.count())  # the listener's last word, or a timer armed
    assert _publishes(fake_slack) == 2
    assert runtime.waiting.count() == 0
    assert "App Home of U0ED: not made again: the bot stops" in caplog.text, caplog.text


def test_stopping_one_bot_leaves_anothers_calls_waiting(
        runtime, fake_slack, slack_settings, tmp_path):
    """Two bots in one process (two workspaces, or a test's two runs), each its own database.
    Slack answers the first's App Home publish 500: it waits AGAIN_WAIT to be made again; the
    second bot stops meanwhile. Before: that stop dropped every timer of the process, so the
    first bot's App Home was never published. Now it is."""
    other = _other_bot(slack_settings, tmp_path)
    try:
        _first_publish_fails(runtime, fake_slack)
    finally:
        other.stop()
    wait_for(lambda: len(fake_slack.calls_to("views.publish")) == 1)
    assert runtime.waiting.count() == 0


def test_another_bots_app_home_of_the_same_user_id_does_not_drop_this_ones(
        runtime, fake_slack, slack_settings, tmp_path):
    """Two bots in one process (two workspaces, or a test's two runs), each its own database,
    each with a person U0ED. Slack answers the first's App Home publish 500: it waits
    AGAIN_WAIT to be made again; meanwhile U0ED opens the second bot's App Home. Before: the
    turns were the process's, keyed by user id alone, so the second's publish was taken as
    newer and the first's was never made again (1 publish). Now each bot's are its own (2),
    waited for, not counted AGAIN_WAIT + 1 s on: a loaded machine's timer may fire later."""
    other = _other_bot(slack_settings, tmp_path)
    try:
        _first_publish_fails(runtime, fake_slack)
        open_home(other, "U0ED")
        wait_for(lambda: len(fake_slack.calls_to("views.publish")) == 1)
        wait_for(lambda: len(fake_slack.calls_to("views.publish")) >= 2)
        assert len(fake_slack.calls_to("views.publish")) == 2
    finally:
        other.stop()
