"""A story or subscription id that no row could have (a number too long for SQLite, digits of
another script) is answered as a missing one, not with "Sorry, that did not work"."""

from __future__ import annotations

import pytest

from bot.alerts.blocks import MUTE, QUOTES, TIMELINE
from handlers.home_view import HOME_REMOVE
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_home_controls import home_action

NO_ROW = ["99999999999999999999", "²"]
"""Too long for a SQLite integer; a digit to str.isdigit that int() refuses."""


@pytest.mark.parametrize("typed", NO_ROW)
def test_a_story_number_no_story_could_have_is_answered_as_missing(runtime, fake_slack,
                                                                   typed):
    reply = run_command(runtime, fake_slack, "/story", typed)
    assert reply["text"].startswith("No story "), reply["text"]


@pytest.mark.parametrize(("button", "said"), [
    (TIMELINE, "That story is no longer stored"), (QUOTES, "No quotes found in this story"),
    (MUTE, "That button is out of date; nothing was muted")])
@pytest.mark.parametrize("value", NO_ROW)
def test_a_story_button_sent_back_with_no_story_id_is_answered(runtime, fake_slack, button,
                                                               said, value):
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(button, value, channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    [reply] = wait_for(lambda: fake_slack.responses()[before:])
    assert reply["text"].startswith(said), reply["text"]


@pytest.mark.parametrize("value", NO_ROW)
def test_app_home_remove_with_no_subscription_id_publishes_home_again(runtime, fake_slack,
                                                                      value):
    post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": value, "type": "button", "action_ts": "2"}))
    assert wait_for(lambda: fake_slack.views.get("U0ED"))
