"""Unmute pressed on a story no longer muted (a second editor, a double click, App Home showing
a mute someone undid in the channel) answers that person and posts nothing: before, nothing was
said at all, and the button seemed dead. Each press is worked after its ack, so on a loaded
machine either editor's may come first: one says "Unmuted", the other is told."""

from __future__ import annotations

from handlers.home_view import UNMUTE
from storage.alerts import is_muted
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.muting import muted_story
from tests.slack.test_slack_home_controls import home_action, home_showing

GONE = "That story is no longer muted in "
FERRY = "Ferry timetable cut for winter"


def test_unmute_pressed_twice_in_the_channel_is_said_once_and_answered(runtime, fake_slack,
                                                                      fresh_db):
    story = muted_story(runtime, fake_slack, fresh_db, title=FERRY)
    for user in ("U0ED", "U0OTHER"):
        post_signed(events_url(runtime), action_body(UNMUTE, f"{story}:C0DESK",
                                                     channel="C0DESK", user=user,
                                                     response_url=fake_slack.response_url()))
    told = wait_for(lambda: [r for r in fake_slack.responses()
                             if GONE + "this channel" in r.get("text", "")])
    assert told[0]["response_type"] == "ephemeral", told
    unmuted = wait_for(lambda: [p for p in fake_slack.posts("C0DESK") if "Unmuted" in p.text])
    assert len(unmuted) == 1 and any(f"by <@{user}>" in unmuted[0].text
                                     for user in ("U0ED", "U0OTHER")), unmuted
    assert not is_muted(fresh_db, story, ["C0DESK"])


def test_unmute_in_app_home_after_the_channel_unmuted_says_so(runtime, fake_slack, fresh_db):
    story = muted_story(runtime, fake_slack, fresh_db, title=FERRY)
    home_showing(fake_slack, "Ferry timetable cut for winter")
    post_signed(events_url(runtime), action_body(UNMUTE, f"{story}:C0DESK", channel="C0DESK",
                                                 user="U0OTHER",
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: not is_muted(fresh_db, story, ["C0DESK"]))
    post_signed(events_url(runtime), home_action(
        {"action_id": UNMUTE, "value": f"{story}:C0DESK", "type": "button", "action_ts": "9"}))
    home_showing(fake_slack, GONE + "that channel")
    assert len([p for p in fake_slack.posts("C0DESK") if "Unmuted" in p.text]) == 1
