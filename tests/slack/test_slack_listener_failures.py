"""A listener's Web API call that fails on the way (a dropped connection) is handled by
wirewatch and said once, in its words: not with the SDK's ERROR line at each failure beside it
(the Bolt app over real HTTP, signed requests, the fake Slack's Web API)."""

from __future__ import annotations

import logging
import re

from tests.slack.conftest import open_home, wait_for
from tests.slack.logged import warnings_said

OTHER_USER = re.compile(r"\bof U(?!0ED\b)[0-9A-Z]+\b")
"""Another test's user named in a line its runtime's threads may still say."""


def mine(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """This test's records and any of the SDK's: not another test's user still said by a
    thread of its runtime stopping ("App Home of U1: not made again: the bot stops", "could not
    list the private channels of U1: URLError")."""
    return [r for r in records if not OTHER_USER.search(r.getMessage())]


def test_a_home_published_after_dropped_connections_is_said_once_at_info(runtime, fake_slack,
                                                                        caplog):
    """Three dropped connections (the SDK's own retry of the first, then wirewatch's try two
    seconds on): App Home is published, one INFO line of ours says it was made again. Before:
    three ERROR lines of the SDK's ("Failed to send a request to Slack API server")."""
    caplog.set_level(logging.INFO)
    fake_slack.drop_next(3, methods={"views.publish"})
    open_home(runtime, "U0ED")
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    ours = wait_for(lambda: [r for r in mine(caplog.records) if "made again" in r.getMessage()])
    assert [(r.name, r.levelno) for r in ours] == [("bot.alerts.held_back", logging.INFO)]
    said = ours[0].getMessage()
    assert said.startswith("App Home of U0ED: made again after the connection dropped (") \
        and said.endswith("): Slack may have acted on the earlier try"), said
    alarms = [r.getMessage() for r in mine(warnings_said(caplog))]
    assert alarms == [], alarms


def test_a_home_made_again_after_a_5xx_says_slack_may_have_acted(runtime, fake_slack, caplog):
    """Slack answers views.publish 500 (the fake did nothing; Slack's own may have): made again
    two seconds on, and the line says so. Before: "made again after Slack held it back", as
    after a 429, where Slack took nothing."""
    caplog.set_level(logging.INFO)
    fake_slack.fail_next(1, status=500, methods={"views.publish"})
    open_home(runtime, "U0ED")
    ours = wait_for(lambda: [r.getMessage() for r in mine(caplog.records)
                             if "made again" in r.getMessage()])
    assert ours == ["App Home of U0ED: made again after Slack answered 500 fatal_error: "
                    "Slack may have acted on the earlier try"], ours
    assert len(fake_slack.calls_to("views.publish")) == 1


def test_a_home_never_published_is_one_warning_of_ours(runtime, fake_slack, caplog):
    """Every try dropped: one WARNING of ours that it was not made again, and why, no ERROR
    line. Before: "Slack held it back (asked for 2 s)", of connections that dropped."""
    caplog.set_level(logging.INFO)
    fake_slack.drop_next(100, methods={"views.publish"})
    open_home(runtime, "U0ED")
    [given_up] = wait_for(lambda: [r for r in mine(caplog.records)
                                   if "not made again" in r.getMessage()])
    assert given_up.levelno == logging.WARNING
    said = given_up.getMessage()
    assert said.startswith("App Home of U0ED: not made again after 3 tries; the last: the "
                           "connection dropped (") \
        and said.endswith("): Slack may have acted on the earlier try"), said
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_home_refused_at_the_socket_says_nothing_was_sent(runtime, fake_slack, caplog):
    """Slack's side refuses every connection: the give-up line says the call never left.
    Before: "the connection dropped (URLError): Slack may have acted on the earlier try"."""
    caplog.set_level(logging.INFO)
    fake_slack.refuse_connections()
    open_home(runtime, "U0ED")
    [given_up] = wait_for(lambda: [r for r in mine(caplog.records)
                                   if "not made again" in r.getMessage()])
    assert given_up.getMessage() == "App Home of U0ED: not made again after 3 tries; the " \
        "last: cannot reach Slack (Connection refused): nothing was sent", given_up.getMessage()


def test_a_home_a_proxy_answered_says_the_answer_was_not_slacks(runtime, fake_slack, caplog):
    """A proxy answers views.publish with its own sign-in page (HTTP 200, HTML): made again,
    and the line says who answered. Before: "Slack answered 200 Received a response in a
    non-JSON format: <html>…", the proxy's page text in the log as Slack's words."""
    caplog.set_level(logging.INFO)
    fake_slack.garble_next(1, methods={"views.publish"}, forwarded=False)
    open_home(runtime, "U0ED")
    ours = wait_for(lambda: [r.getMessage() for r in mine(caplog.records)
                             if "made again" in r.getMessage()])
    assert ours == ["App Home of U0ED: made again after the answer was not Slack's (HTTP 200, "
                    "not JSON): Slack may have acted on the earlier try"], ours
    assert len(fake_slack.calls_to("views.publish")) == 1
