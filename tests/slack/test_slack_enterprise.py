"""Enterprise Grid: another workspace of the organisation is served only when wirewatch is
installed org-wide. Installed in one workspace, its topics are that desk's: a second workspace
of the organisation (where the app may be installed separately) must not change them."""

from __future__ import annotations

import logging

import pytest

from bot.slack.runtime import SlackRuntime
from storage.topics import get_topic
from tests.fakes.signing import command_body, post_signed
from tests.slack.conftest import events_url, wait_for

ORG = "E0NEWSGROUP"
SPORTS = "T0SPORTSDESK"


@pytest.fixture
def in_org(slack_settings, fake_slack):
    """Starts wirewatch installed in one workspace of the organisation ORG, or org-wide:
    ``in_org(org_wide=…)`` returns the running runtime, stopped after the test."""
    fake_slack.enterprise = ORG

    def start(*, org_wide: bool) -> SlackRuntime:
        fake_slack.org_wide = org_wide
        started = SlackRuntime(slack_settings)
        started.start()
        running.append(started)
        return started

    running: list[SlackRuntime] = []
    yield start
    for started in running:
        started.stop()


def add_from_sports(runtime, fake_slack):
    body = command_body("/topics", "add Wildfire", response_url=fake_slack.response_url(),
                        team=SPORTS, enterprise=ORG)
    return post_signed(events_url(runtime), body)


def test_another_workspace_of_the_organisation_is_refused_without_an_org_wide_install(
        in_org, fake_slack, fresh_db, caplog):
    runtime = in_org(org_wide=False)
    with caplog.at_level(logging.WARNING):
        reply = add_from_sports(runtime, fake_slack)
    assert reply.status == 200 and "not org-wide" in reply.body
    assert get_topic(fresh_db, "Wildfire") is None and fake_slack.responses() == []
    assert f"workspace {SPORTS} of organisation {ORG}" in caplog.text
    assert "not org-wide" in caplog.text


def test_every_workspace_of_the_organisation_is_served_by_an_org_wide_install(
        in_org, fake_slack, fresh_db):
    runtime = in_org(org_wide=True)
    assert add_from_sports(runtime, fake_slack).status == 200
    wait_for(lambda: get_topic(fresh_db, "Wildfire"))
    other_org = command_body("/topics", "add Flood", response_url=fake_slack.response_url(),
                             team="T0ELSEWHERE", enterprise="E0ELSEWHERE")
    reply = post_signed(events_url(runtime), other_org)
    assert "another Slack workspace" in reply.body and get_topic(fresh_db, "Flood") is None


def test_the_home_workspace_of_the_organisation_is_served(in_org, fake_slack, fresh_db):
    runtime = in_org(org_wide=False)
    body = command_body("/topics", "add Wildfire", response_url=fake_slack.response_url(),
                        enterprise=ORG)
    assert post_signed(events_url(runtime), body).status == 200
    wait_for(lambda: get_topic(fresh_db, "Wildfire"))
