"""A Web API method Slack holds back (``429``) is held for the run and its listeners alike:
the Bolt app over real HTTP (signed events), the run's account round, the fake Slack."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import open_home, wait_for
from tests.slack.test_slack_sender import follow

PERSON = "U0ED"


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Ferry fares", query="ferry")


def published_for(fake_slack, user: str) -> list:
    return [c for c in fake_slack.calls_to("views.publish") if c.params["user_id"] == user]


def asked_of(fake_slack, user: str) -> list:
    return [c for c in fake_slack.calls_to("users.info", ok_only=False)
            if c.params["user"] == user]


def test_a_429_the_account_round_met_holds_the_listeners_users_info(runtime, fake_slack,
                                                                    fresh_db, topic):
    """The run's account round is answered ``429`` on users.info (Retry-After 4) and waits it
    out; meanwhile someone opens App Home, whose role lookup asks users.info too: it waits as
    the round does (App Home shown as to a reader meanwhile), no call inside the hold. Before:
    the listener asked at once, inside the Retry-After Slack gave the run."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.fail_next(1, status=429, retry_after=4, methods={"users.info"})
    round_ = threading.Thread(target=runtime.check_accounts)
    round_.start()
    wait_for(lambda: asked_of(fake_slack, PERSON))
    open_home(runtime, "U0FI")
    wait_for(lambda: published_for(fake_slack, "U0FI"))
    round_.join()
    assert asked_of(fake_slack, "U0FI") == [], "not asked inside the run's hold"
    assert len(asked_of(fake_slack, PERSON)) == 2, "the round went on after the hold"


def test_a_429_a_listener_met_holds_the_account_rounds_users_info(runtime, fake_slack,
                                                                  fresh_db, topic):
    """App Home's role lookup is answered ``429`` on users.info (Retry-After 3); the run's
    account round that comes next waits out that hold before its own users.info. Before: the
    round asked at once, inside the Retry-After Slack gave the listener."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"users.info"})
    assert round_after_home(runtime, fake_slack) >= 2.5, "not asked inside the listener's hold"


def round_after_home(runtime, fake_slack) -> float:
    """Seconds from App Home's role lookup (U0FI's, met by the fault the test set) to the
    users.info of the account round run next, which looks at PERSON alone."""
    open_home(runtime, "U0FI")
    wait_for(lambda: published_for(fake_slack, "U0FI"))
    [held] = asked_of(fake_slack, "U0FI")
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.cut) == (1, None)
    [asked] = asked_of(fake_slack, PERSON)
    return asked.at - held.at


def test_a_429_on_one_persons_app_home_holds_the_next_persons(runtime, fake_slack):
    """views.publish answered ``429`` (Retry-After 3) for one person's App Home: the next
    person's, opened within the hold, is published after it, as the first one is. Before: it
    was published at once, inside the Retry-After Slack gave the method."""
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"views.publish"})
    open_home(runtime, PERSON)
    wait_for(lambda: fake_slack.calls_to("views.publish", ok_only=False))
    began = time.monotonic()
    open_home(runtime, "U0FI")
    [first] = wait_for(lambda: published_for(fake_slack, PERSON))
    [second] = wait_for(lambda: published_for(fake_slack, "U0FI"))
    [held] = fake_slack.calls_to("views.publish", ok_only=False)[:1]
    assert second.at - held.at >= 2.5 and second.at > began, "not made inside the hold"
    assert first.at - held.at >= 2.5


def test_role_lookups_skipped_during_one_hold_are_said_once(runtime, fake_slack, fresh_db,
                                                            topic, caplog):
    """The run's account round is answered 429 on users.info (Retry-After 4); three people
    open App Home within the hold: their role lookups make no call and the hold is said once
    at INFO. Before: one INFO line per request."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.fail_next(1, status=429, retry_after=4, methods={"users.info"})
    caplog.set_level(logging.DEBUG, logger="bot.permissions")
    round_ = threading.Thread(target=runtime.check_accounts)
    round_.start()
    wait_for(lambda: asked_of(fake_slack, PERSON))
    for user in ("U0FI", "U0GU", "U0HA"):
        open_home(runtime, user)
        wait_for(lambda u=user: published_for(fake_slack, u))
    round_.join()
    held = [r for r in caplog.records if "role lookups held back" in r.getMessage()]
    assert [r.levelno for r in held].count(logging.INFO) == 1, "said once for the one hold"
    assert len(held) >= 3, "each skipped lookup still said, at DEBUG after the first"
