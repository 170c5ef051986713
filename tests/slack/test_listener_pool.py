"""Bolt's listener threads as a stop sees them (``bot.slack.listener_pool``): the wait for a
listener under way is bounded and says what it left, and one that ends is waited for. Real
threads; the listener holds on an event as a Slack call holds on its answer."""

from __future__ import annotations

import threading

import pytest

from bot.slack.listener_pool import LISTENER, ListenerPool
from tests.stopping import LAST_RESORT_S


def test_a_listener_under_way_is_left_at_the_bound_and_named_then_waited_for_once_it_ends():
    pool = ListenerPool(2)
    began, answer = threading.Event(), threading.Event()

    def listener() -> str:
        began.set()
        answer.wait(LAST_RESORT_S)
        return "published"

    done = pool.submit(listener)
    assert began.wait(LAST_RESORT_S)
    assert pool.finish(0.1) == [LISTENER]
    answer.set()
    assert pool.finish(LAST_RESORT_S) == []
    assert done.result() == "published"


def test_a_pool_with_nothing_under_way_finishes_at_once_and_takes_no_more():
    pool = ListenerPool(1)
    assert pool.submit(lambda: 1).result(LAST_RESORT_S) == 1
    assert pool.finish(LAST_RESORT_S) == []
    with pytest.raises(RuntimeError, match="shutdown"):
        pool.submit(lambda: 2)
