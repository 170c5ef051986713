"""A message said once (``bot.alerts.said_once``) that is given up says what is known of it: a
try whose answer was lost (a dropped connection, a 5xx) may have been said; a 429 that asks
longer than anyone waits leaves it known not said (the real runtime's client and timers, the
fake Slack Web API over HTTP, a real SQLite file)."""

from __future__ import annotations

import logging
import uuid

from bot.alerts.said_once import Saying, say_once, window_now
from storage.state import install_id
from tests.slack.conftest import wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled

WHAT = "telling the desk of a change"


def say(runtime, db) -> None:
    """One message to #desk, said once through the runtime's own client and timers."""
    client = runtime.delivery
    say_once(db, client, Saying("C0DESK", "The ferry desk is back on alerts.",
                                f"test:{uuid.uuid4().hex}", install_id(db), WHAT,
                                window_now(runtime.sender.clock, client)))


def given_up(caplog) -> str:
    """The one WARNING that says the message is not tried again, once it comes."""
    def said() -> list[str]:
        return [r.getMessage() for r in caplog.records
                if r.levelno == logging.WARNING and r.getMessage().startswith(WHAT)]
    [line] = wait_for(said)
    return line


def test_given_up_after_5xx_answers_it_is_not_known_said(runtime, fake_slack, fresh_db,
                                                          caplog):
    """Every post answered 500: each try may have been taken. Before: "not said (Slack
    answered 500 …); it may have been", which first says it was not."""
    caplog.set_level(logging.WARNING)
    fake_slack.fail_next(3, status=500, methods={"chat.postMessage"})
    say(runtime, fresh_db)
    line = given_up(caplog)
    assert line.startswith(f"{WHAT}: not known said (not tried again after 3 tries; the last: "
                           "Slack answered 500"), line
    assert "Slack may have said it from an earlier try whose answer was lost" in line, line
    sayings_settled(fresh_db)


def test_given_up_after_dropped_connections_it_is_not_known_said(runtime, fake_slack,
                                                                   fresh_db, caplog):
    """The post is made and its connection dropped, then each look for it is dropped too: it
    was said, and the line must not say otherwise. Before: "not said (…); it may have been"."""
    caplog.set_level(logging.WARNING)
    fake_slack.drop_next(3)
    say(runtime, fresh_db)
    line = given_up(caplog)
    assert line.startswith(f"{WHAT}: not known said (not tried again after 3 tries"), line
    assert "may have said it" in line, line
    assert len(fake_slack.posts("C0DESK")) == 1
    sayings_settled(fresh_db)


def test_held_back_longer_than_anyone_waits_it_is_known_not_said(runtime, fake_slack,
                                                                  fresh_db, caplog):
    """A 429 asking two minutes: Slack took nothing. Before: "not said (rate limited by
    Slack)", which did not say for how long, nor that it is why nothing more is tried."""
    caplog.set_level(logging.WARNING)
    fake_slack.fail_next(1, status=429, retry_after=120, methods={"chat.postMessage"})
    say(runtime, fresh_db)
    line = given_up(caplog)
    assert line == (f"{WHAT}: not said (rate limited by Slack, for 120 s: longer than anyone "
                    "waits for it)"), line
    assert fake_slack.posts("C0DESK") == []
    sayings_settled(fresh_db)


def test_given_up_after_refused_connections_it_is_known_not_said(runtime, fake_slack,
                                                                  fresh_db, caplog):
    """Every try refused at the socket: nothing was sent, so nothing was said. Before: "not
    known said (…; the last: cannot reach Slack: Connection refused); Slack may have said it"
    (delivery47b)."""
    caplog.set_level(logging.WARNING)
    fake_slack.refuse_connections()
    say(runtime, fresh_db)
    line = given_up(caplog)
    assert line == (f"{WHAT}: not said (not tried again after 3 tries; the last: cannot reach "
                    "Slack (Connection refused); nothing was sent)"), line
    fake_slack.accept_connections()
    assert fake_slack.posts("C0DESK") == []
    sayings_settled(fresh_db)
