"""A command, click or form that names no workspace is refused: Slack names one in each (an
org-wide install's in ``user.team_id``); an event naming none (``team_access_granted`` has
``team_id`` null) is served as before."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode

import pytest

from bot.alerts.blocks import TIMELINE
from bot.slack.app import NO_WORKSPACE
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.fakes.signing import action_body, command_body, event_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.logged import warnings_said


def _without_team(form: str, team: str | None) -> str:
    fields = {k: v[0] for k, v in parse_qs(form, keep_blank_values=True).items()}
    fields.pop("team_id")
    return urlencode(fields if team is None else {**fields, "team_id": team})


@pytest.mark.parametrize("team", ["", None], ids=["empty", "missing"])
def test_a_command_naming_no_workspace_changes_nothing(runtime, fake_slack, fresh_db, caplog,
                                                      team):
    """Before: `/topics remove Ferries` with `team_id` empty or left out removed the topic."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    body = command_body("/topics", "remove Ferries", response_url=fake_slack.response_url())
    reply = post_signed(events_url(runtime), _without_team(body, team))
    assert reply.status == 200 and reply.body == NO_WORKSPACE
    assert [row["name"] for row in fresh_db["topics"].rows] == ["Ferries"]
    assert not fake_slack.responses()
    said = [r.getMessage() for r in warnings_said(caplog)]
    assert len(said) == 1 and "naming no Slack workspace" in said[0], said


def _click(fake_slack, **changed: object) -> str:
    body = action_body(TIMELINE, "1", response_url=fake_slack.response_url())
    payload = {**json.loads(parse_qs(body)["payload"][0]), **changed}
    return urlencode({"payload": json.dumps(payload)})


@pytest.mark.parametrize("team", [None, {"id": ""}, {}], ids=["null", "empty", "no-id"])
def test_a_click_naming_no_workspace_is_refused(runtime, fake_slack, caplog, team):
    reply = post_signed(events_url(runtime), _click(fake_slack, team=team))
    assert reply.status == 200 and reply.body == NO_WORKSPACE
    assert not fake_slack.responses()


def test_a_form_naming_no_workspace_is_refused(runtime, fake_slack, fresh_db):
    view = {"id": "V0FORM", "type": "modal", "callback_id": "wirewatch_topic_modal",
            "state": {"values": {"name": {"value": {"type": "plain_text_input",
                                                    "value": "Ferries"}},
                                 "query": {"value": {"type": "plain_text_input",
                                                     "value": "ferry"}}}}}
    payload = {"type": "view_submission", "team": None, "user": {"id": "U0REPORTER"},
               "api_app_id": "A0WIREWATCH", "trigger_id": "1.2.3", "view": view}
    reply = post_signed(events_url(runtime), urlencode({"payload": json.dumps(payload)}))
    assert reply.status == 200 and reply.body == NO_WORKSPACE
    assert not list(fresh_db["topics"].rows)


def test_an_org_wide_click_names_its_workspace_in_its_user_and_is_served(runtime, fake_slack):
    """Slack leaves ``team`` null in an org-wide install's clicks; the user's team names it."""
    body = _click(fake_slack, team=None, user={"id": "U0REPORTER", "team_id": "T00000001"})
    assert post_signed(events_url(runtime), body).status == 200
    [answer] = wait_for(lambda: fake_slack.responses())
    assert "no longer stored" in answer["text"]


def test_an_event_naming_no_workspace_is_served_as_before(runtime, fake_slack):
    event = {"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME",
             "tab": "home", "event_ts": "1700000000.000100"}
    body = json.loads(event_body(event))
    body["team_id"] = None
    post_signed(events_url(runtime), json.dumps(body), content_type="application/json")
    assert wait_for(lambda: fake_slack.calls_to("views.publish"))
