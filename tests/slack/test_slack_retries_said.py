"""An alert held back and tried again is said once per reason, not at every try."""

from __future__ import annotations

import logging

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.test_slack_sender import follow, new_story

SENDER = "bot.alerts.sender"


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Ferry fares", query="ferry")


def retries_said(caplog, level: int) -> list[str]:
    """The sender's lines about trying an alert again, at ``level``."""
    return [r.getMessage() for r in caplog.records
            if r.name == SENDER and r.levelno == level and "retrying in" in r.getMessage()]


def test_a_held_alerts_retry_is_said_once_until_its_reason_changes(runtime, fake_slack,
                                                                   fresh_db, topic, at, caplog):
    """A channel's posts answered ``429`` five times running (Retry-After 1), then ``503``
    once: the first hold is said at INFO, the four tries after it that meet the same hold at
    DEBUG, the ``503`` (another reason) at INFO again; then the alert is posted. Before: an
    INFO line at every try, six here (one a second for as long as Slack held the channel)."""
    caplog.set_level(logging.DEBUG, logger=SENDER)
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(5, status=429, retry_after=1, methods={"chat.postMessage"})
    quarter = 0
    while len(fake_slack.calls_to("chat.postMessage", ok_only=False)) < 5:
        runtime.deliver_pending(now=at(quarter / 4))
        quarter += 1
    fake_slack.fail_next(1, status=503, methods={"chat.postMessage"})
    while not fake_slack.posts("C0DESK") and quarter < 400:
        runtime.deliver_pending(now=at(quarter / 4))
        quarter += 1
    assert len(fake_slack.posts("C0DESK")) == 1
    said = retries_said(caplog, logging.INFO)
    assert len(said) == 2, said
    assert "rate limited" in said[0] and "503" in said[1], said
    assert len(retries_said(caplog, logging.DEBUG)) == 4, "the same hold again, quietly"
