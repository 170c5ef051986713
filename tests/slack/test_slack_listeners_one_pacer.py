"""The listeners keep to the run's one ``Pacer`` and say what happened: a hold another caller
met is not told as a 429 of their own, and Slack's ok-false "ratelimited" with no Retry-After
holds a method as long for a listener as for delivery. The Bolt app over real HTTP (signed
events), the run's account round, the fake Slack."""

from __future__ import annotations

import logging
import threading

from bot.alerts.calls import SAID_RATE_LIMITED_WAIT
from tests.slack.conftest import open_home, run_command, wait_for
from tests.slack.test_slack_listeners_held import (
    PERSON,
    asked_of,
    published_for,
    round_after_home,
    topic,  # noqa: F401  (a fixture)
)
from tests.slack.test_slack_sender import follow


def test_a_hold_the_round_met_is_not_told_as_the_listeners_own_429(runtime, fake_slack,
                                                                   fresh_db, topic, caplog):  # noqa: F811
    """The round is answered ``429`` on users.info (Retry-After 4); App Home opened meanwhile
    makes no call and its log says the method is held back, not "(429)" as if Slack had
    answered it so. Before: "Slack rate-limits role lookups for 4 s (429)"."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.fail_next(1, status=429, retry_after=4, methods={"users.info"})
    round_ = threading.Thread(target=runtime.check_accounts)
    round_.start()
    wait_for(lambda: asked_of(fake_slack, PERSON))
    with caplog.at_level(logging.INFO, logger="bot.permissions"):
        open_home(runtime, "U0FI")
        wait_for(lambda: published_for(fake_slack, "U0FI"))
    round_.join()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.permissions"]
    assert asked_of(fake_slack, "U0FI") == []
    assert said and not any("429" in line for line in said), said
    assert any("held back" in line for line in said), said


def test_a_listeners_ratelimited_answer_without_retry_after_holds_as_delivery_does(
        runtime, fake_slack, fresh_db, topic):  # noqa: F811
    """App Home's role lookup is answered ok-false "ratelimited" with no Retry-After: the
    method is held as long as delivery holds one so answered (``SAID_RATE_LIMITED_WAIT``), so
    the round's users.info waits that long. Before: 1 s."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.refuse_method("users.info", "ratelimited", count=1)
    assert round_after_home(runtime, fake_slack) >= SAID_RATE_LIMITED_WAIT - 1


def test_a_429_on_one_persons_channel_listing_holds_the_next_persons(runtime, fake_slack,
                                                                     caplog):
    """App Home lists the private channels a person left (users.conversations); answered
    ``429`` (Retry-After 4) for one person, the next person's App Home, opened within the hold,
    makes no such call (it is shown as when Slack does not say), and its log says the hold at
    INFO (nothing failed). Before: asked at once, inside the Retry-After, outside the run's
    ``Pacer``."""
    fake_slack.fail_next(1, status=429, retry_after=4, methods={"users.conversations"})
    with caplog.at_level(logging.INFO, logger="bot.slack.membership"):
        open_home(runtime, PERSON)
        wait_for(lambda: published_for(fake_slack, PERSON))
        open_home(runtime, "U0FI")
        wait_for(lambda: published_for(fake_slack, "U0FI"))
    listed = fake_slack.calls_to("users.conversations", ok_only=False)
    assert [c.status for c in listed] == [429], "no listing inside the hold"
    said = [(r.levelno, r.getMessage()) for r in caplog.records
            if r.name == "bot.slack.membership"]
    assert [level for level, _ in said] == [logging.WARNING, logging.INFO], said
    assert "holds users.conversations back" in said[1][1], said


def test_a_429_on_one_subscribes_channel_check_holds_the_next(runtime, fake_slack, topic):  # noqa: F811
    """``/subscribe`` checks that wirewatch can post in the channel (conversations.info);
    answered ``429`` (Retry-After 5), a second ``/subscribe`` within the hold makes no such
    call and says to try again after the wait. Before: asked at once, inside the Retry-After,
    outside the run's ``Pacer``."""
    fake_slack.fail_next(1, status=429, retry_after=5, methods={"conversations.info"})
    first = run_command(runtime, fake_slack, "/subscribe", "Ferry fares")["text"]
    second = run_command(runtime, fake_slack, "/subscribe", "Ferry fares")["text"]
    assert [c.status for c in fake_slack.calls_to("conversations.info", ok_only=False)] == [429]
    assert "rate limit" in first and "rate limit" in second, (first, second)
    assert "Nothing was subscribed" in second
