"""Every refusal says the same when Slack did not say in time who asks: admin-only commands
included (`/wirewatch sources add|remove`, `/topics add|remove`), over signed HTTP against a
fake Slack whose users.info is slow or rate-limited."""

from __future__ import annotations

import json

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.sources import add_source, get_source
from storage.topics import get_topic
from tests.fakes.interactive import view_submission_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command
from tests.slack.test_slack_topic_modal import fill, open_modal

EDITOR = "U0WSADMIN"
ADMIN_ONLY = (("/wirewatch", "sources add https://other.example/rss"),
              ("/wirewatch", "sources remove 1"),
              ("/topics", "add Wildfire wildfire"),
              ("/topics", "remove Harbour"))


@pytest.fixture
def newsroom(fake_slack, fresh_db) -> None:
    fake_slack.add_user(EDITOR, admin=True)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour", query="harbour")
        add_source(fresh_db, kind="feed", location="https://desk.example/rss")


def unchanged(db) -> bool:
    return bool(get_source(db, 1) and get_source(db, "https://other.example/rss") is None
                and get_topic(db, "Harbour") and get_topic(db, "Wildfire") is None)


@pytest.mark.parametrize("command,text", ADMIN_ONLY)
def test_a_slow_role_lookup_is_said_alike_by_every_admin_command(runtime, fake_slack, fresh_db,
                                                                 newsroom, command, text):
    """users.info takes 5 s: a workspace admin is told Slack did not say in time, and to try
    again; never "Only admins…" (that would tell an admin they are not one)."""
    fake_slack.slow_down(5.0, methods={"users.info"})
    answer = run_command(runtime, fake_slack, command, text, user=EDITOR)["text"]
    assert "did not say in time who you are" in answer and "try again" in answer, answer
    assert not answer.startswith("Only "), answer
    assert "Nothing was changed" in answer
    assert unchanged(fresh_db)


@pytest.mark.parametrize("command,text", ADMIN_ONLY)
def test_a_rate_limited_role_lookup_says_how_long_to_wait(runtime, fake_slack, fresh_db,
                                                          newsroom, command, text):
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"users.info"})
    answer = run_command(runtime, fake_slack, command, text, user=EDITOR)["text"]
    assert "asks wirewatch to wait" in answer and "try again in 30 s" in answer, answer
    assert unchanged(fresh_db)


@pytest.mark.parametrize("slack", ["slow", "rate-limited"])
def test_the_add_a_topic_form_says_when_to_try_again_within_its_field(runtime, fake_slack,
                                                                      fresh_db, newsroom, slack):
    """A form field shows about 150 characters: the refusal there is short enough to keep
    when to try again, never cut off before it."""
    modal = open_modal(runtime, fake_slack)
    if slack == "slow":
        fake_slack.slow_down(5.0, methods={"users.info"})
    else:
        fake_slack.fail_next(1, status=429, retry_after=30, methods={"users.info"})
    body = view_submission_body(modal, fill("Wildfire", "wildfire", "C0DESK"), user=EDITOR)
    error = json.loads(post_signed(events_url(runtime), body).body)["errors"]["name"]
    assert "did not say in time who you are" in error and not error.endswith("…"), error
    assert ("try again in 30 s" if slack == "rate-limited" else "try again") in error, error
    assert unchanged(fresh_db)


def test_the_add_a_topic_form_says_who_can_within_its_field(runtime, fake_slack, fresh_db,
                                                            newsroom):
    fake_slack.add_user("U0MEMBER")
    modal = open_modal(runtime, fake_slack)
    body = view_submission_body(modal, fill("Wildfire", "wildfire", "C0DESK"), user="U0MEMBER")
    error = json.loads(post_signed(events_url(runtime), body).body)["errors"]["name"]
    assert error.startswith("Only wirewatch admins") and not error.endswith("…"), error
    assert "can add or remove topics" in error
    assert unchanged(fresh_db)
