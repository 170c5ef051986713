"""A message said outside the outbox (``bot.alerts.said_once``) whose answer never came is
looked for three of its client's timeouts later, as the outbox's alerts are
(``WIREWATCH_SLACK_TIMEOUT``): with a fixed 30 s, a client that waits longer than 10 s looked
before Slack had finished the post and said it twice. Real SQLite, the fake Slack over HTTP."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from bot.alerts.said_once import Saying, late_wait, say_once, window_now
from bot.alerts.slack_clock import SlackClock
from bot.slack.clients import delivery_client
from storage.state import install_id
from tests.slack.conftest import wait_for

TIMEOUT = 2
"""The client's timeout in seconds: the look comes three of them later."""


def unsettled(db) -> list[tuple[float, float]]:
    return db.execute("SELECT due, tried_at FROM sayings").fetchall()


def test_a_word_whose_answer_was_lost_is_looked_for_three_client_timeouts_later_and_said_once(
        fresh_db, fake_slack, slack_settings):
    """A gateway answers 504 at once; Slack makes the post all the same. Before: the look was
    set 30 s after the try whatever the client's timeout (here 6 s is three of them)."""
    client = delivery_client(replace(slack_settings, slack_timeout=TIMEOUT))
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    say_once(fresh_db, client, Saying(
        "C0DESK", "🔊 Unmuted *Tram depot fire*", f"unmute:7:{uuid.uuid4().hex}",
        install_id(fresh_db), "unmute of story 7 in C0DESK", window_now(SlackClock(), client)))
    [(due, tried_at)] = unsettled(fresh_db)
    assert late_wait(client) == 3 * TIMEOUT
    assert due - tried_at == pytest.approx(3 * TIMEOUT, abs=1.0)
    assert fake_slack.do_held_work() == 1  # Slack made the post after its gateway gave up
    wait_for(lambda: not unsettled(fresh_db))
    [said] = fake_slack.posts("C0DESK")
    assert "Tram depot fire" in said.text
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1
