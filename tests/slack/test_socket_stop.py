"""Socket Mode's close within the stop's bound: the SDK's reconnect waiting on Slack (the
websocket dropped, ``apps.connections.open`` held unanswered) must not hold the stop. The
runtime in this process, the fake Slack over real HTTP, the fake websocket."""

from __future__ import annotations

import threading
import time

from bot.slack.runtime import SlackRuntime
from tests.slack.conftest import wait_for
from tests.slack.socket_runtime import socket_runtime
from tests.stopping import LAST_RESORT_S, joined

BOUND_S = 2.0
"""The stop's bound given to the runtime."""
LATE_S = 15.0
"""Past it by this much, on a loaded machine, the close was not bounded."""


def test_a_reconnect_slack_never_answers_holds_the_stop_no_longer_than_its_bound(
        slack_settings, fake_slack, fresh_db):
    """Before: ``SocketModeClient.close()`` joined the SDK's monitor thread, itself inside the
    reconnect's ``apps.connections.open`` for the client's whole timeout (600 s here): the
    stop waited for it, past any bound. Now the close is left at the bound and named."""
    rt, ws = socket_runtime(slack_settings, fake_slack, slack_timeout=600)
    took: list[float] = []
    stopping = threading.Thread(target=lambda: took.append(timed_stop(rt)), name="test-stop")
    try:
        fake_slack.hang(methods={"apps.connections.open"})
        ws.close()
        wait_for(lambda: fake_slack.begun.count("apps.connections.open") >= 2)
        stopping.start()
        stopping.join(BOUND_S + LATE_S)
        assert took and took[0] < BOUND_S + LATE_S, "the stop waited for the reconnect"
        assert rt.finish(0) == ["the Socket Mode connection's close"]
    finally:
        fake_slack.unhang()
        if stopping.is_alive():
            joined(stopping)
    wait_for(lambda: not any(t.name == "socket-close" for t in threading.enumerate()),
             timeout=LAST_RESORT_S)


def test_a_close_with_nothing_under_way_is_not_named(slack_settings, fake_slack, fresh_db):
    """The usual stop: the websocket closes at once, and nothing is left to name."""
    rt, ws = socket_runtime(slack_settings, fake_slack)
    try:
        rt.stop(LAST_RESORT_S)
        assert rt.finish(LAST_RESORT_S) == []
    finally:
        ws.close()


def timed_stop(rt: SlackRuntime) -> float:
    began = time.monotonic()
    rt.stop(BOUND_S)
    return time.monotonic() - began
