"""A correctly signed body that is no Slack payload, or a click of a shape or value no button
was posted with, gets a clear answer and one WARNING, never a 500 or a listener's failure."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlencode

import pytest

from bot.alerts.blocks import IMPORTANT, MUTE, TIMELINE
from handlers.home_view import HOME_MODE, HOME_REMOVE, UNMUTE
from handlers.views.topic_view import PREVIEW
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import app_home, events_url, wait_for
from tests.slack.logged import warnings_said

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
def click(fake_slack, action_id: str, value: object = "1", **changed: object) -> str:
    """A signed block action's body, its action's value and top-level fields changed."""
    body = action_body(action_id, "1", response_url=fake_slack.response_url())
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["actions"][0]["value"] = value
    payload.update(changed)
    return urlencode({"payload": json.dumps(payload)})


def _payload(payload: object) -> str:
    return urlencode({"payload": json.dumps(payload)})


NOT_PAYLOADS = {
    "payload is no JSON": ("payload=%7Bnot", FORM),
    "payload is a list": (_payload([1, 2]), FORM),
    "JSON body is text": ('"just words"', JSON),
    "JSON nested deep": ("[" * 100_000, JSON),
    "not UTF-8": ("payload=%FF", FORM),
    "a click with no actions": (_payload({"type": "block_actions", "actions": []}), FORM),
    "an event that is text": (json.dumps({"type": "event_callback", "event": "x",
                                          "team_id": "T00000001"}), JSON),
    "an empty object": ("{}", JSON),
    "an object naming no type": (json.dumps({"team_id": "T00000001", "user_id": "U0ED"}), JSON),
    "a form naming no command": ("team_id=T00000001&user_id=U0ED&text=hello", FORM),
    "a click naming no type": (_payload({"team": {"id": "T00000001"}, "actions": []}), FORM),
}


@pytest.mark.parametrize("name", NOT_PAYLOADS)
def test_a_signed_body_that_is_no_slack_payload_is_a_400_with_one_warning(runtime, caplog,
                                                                          name):
    body, content_type = NOT_PAYLOADS[name]
    reply = post_signed(events_url(runtime), body, content_type=content_type)
    assert reply.status == 400 and "not a Slack payload" in json.loads(reply.body)["error"]
    _one_warning(caplog)


def test_slacks_certificate_check_names_no_type_and_is_answered(runtime, caplog):
    """Slack's periodic check of a slash command's certificate is a signed ``ssl_check=1``
    form with no type: Bolt answers it, and it is not refused as no payload."""
    reply = post_signed(events_url(runtime), "ssl_check=1&token=legacy-verification-token")
    assert reply.status == 200
    assert not warnings_said(caplog)


MISSHAPEN: dict[str, tuple[str, object, dict]] = {
    "value an object": (MUTE, {"id": 1}, {}),
    "user as text": (IMPORTANT, "1", {"user": "U0REPORTER"}),
    "channel as text": (TIMELINE, "1", {"channel": "C0NEWS"}),
    "actions [5]": (MUTE, "1", {"actions": [5]}),
    "view as text": (HOME_REMOVE, "1", {"view": "x"}),
    "menu option as text": (HOME_MODE, "1", {"actions": [{"action_id": HOME_MODE,
                                                          "selected_option": "x"}]}),
    "response_url a number": (TIMELINE, "1", {"response_url": 5}),
}


@pytest.mark.parametrize("name", MISSHAPEN)
def test_a_click_of_a_shape_slack_never_sends_is_a_400_with_one_warning(runtime, fake_slack,
                                                                        caplog, name):
    action_id, value, changed = MISSHAPEN[name]
    reply = post_signed(events_url(runtime), click(fake_slack, action_id, value, **changed))
    assert reply.status == 400, reply
    assert json.loads(reply.body)["error"].startswith("not a Slack payload: ")
    _one_warning(caplog)
    assert not fake_slack.responses(), "nothing was done, nothing answered"


TOO_LONG = "9" * 5_000


@pytest.mark.parametrize("action_id,said", [(MUTE, "out of date"), (IMPORTANT, "out of date"),
                                            (TIMELINE, "no longer stored")])
def test_a_click_whose_value_no_button_had_is_answered_not_failed(runtime, fake_slack, caplog,
                                                                  action_id, said):
    """5,000 digits: past int()'s 4,300, it raised ValueError in the listener ("Sorry, that
    did not work" and "listener failed" at ERROR)."""
    assert post_signed(events_url(runtime), click(fake_slack, action_id, TOO_LONG)).status == 200
    [answer] = wait_for(lambda: fake_slack.responses())
    assert said in answer["text"] and answer["response_type"] == "ephemeral"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("action_id,value", [(HOME_REMOVE, TOO_LONG),
                                             (UNMUTE, TOO_LONG + ":C0NEWS")])
def test_an_app_home_click_whose_value_no_button_had_publishes_app_home_as_it_is(
        runtime, fake_slack, caplog, action_id, value):
    before = app_home(runtime, fake_slack)
    published = len(fake_slack.calls_to("views.publish"))
    body = click(fake_slack, action_id, value, container={"type": "view", "view_id": "V0HOME"})
    assert post_signed(events_url(runtime), body).status == 200
    [call] = wait_for(lambda: fake_slack.calls_to("views.publish")[published:])
    assert json.dumps(call.params["view"], ensure_ascii=False) == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _one_warning(caplog) -> None:
    said = warnings_said(caplog)
    assert [r.levelname for r in said] == ["WARNING"], [r.getMessage() for r in said]
    assert "no Slack payload" in said[0].getMessage() and said[0].exc_info is None
    assert "\n" not in said[0].getMessage()


def test_a_preview_click_without_its_form_is_one_warning(runtime, fake_slack, caplog):
    """The topic form's Preview button read the view it was clicked in; without one, Slack
    refused views.update and the listener failed ("Sorry, that did not work", ERROR)."""
    body = click(fake_slack, PREVIEW, "preview", container={"type": "view"}, channel=None)
    assert post_signed(events_url(runtime), body).status == 200
    said = wait_for(lambda: warnings_said(caplog))
    assert [r.levelname for r in said] == ["WARNING"] and "without the form" in said[0].message
    assert not fake_slack.calls_to("views.update") and not fake_slack.responses()
