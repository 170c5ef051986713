"""What tests/conftest.py fails a test for: a thread it started still running once it ended."""

from __future__ import annotations

import threading

from tests.threads_left import described, left_running, running


def test_a_thread_still_waiting_is_left_and_said_with_where_it_waits():
    before = running()
    never = threading.Event()
    waiting = threading.Thread(target=never.wait, name="waits-for-ever", daemon=True)
    waiting.start()
    try:
        assert left_running(before, seconds=0.0) == [waiting]
        said = described(waiting)
        assert said.startswith("waits-for-ever (daemon) running Event.wait, at ")
        assert "threading.py" in said
    finally:
        never.set()
        waiting.join()


def test_a_thread_told_to_stop_is_waited_for_not_left():
    before = running()
    stop = threading.Event()
    stopping = threading.Thread(target=stop.wait, name="stops-when-told")
    stopping.start()
    stop.set()
    assert left_running(before) == []
    assert not stopping.is_alive()


def test_threads_running_before_and_the_analysis_thread_are_not_the_tests():
    never = threading.Event()
    earlier = threading.Thread(target=never.wait, daemon=True)
    earlier.start()
    before = running()
    analysis = threading.Thread(target=never.wait, name="analysis_7", daemon=True)
    analysis.start()
    try:
        assert left_running(before, seconds=0.0) == []
    finally:
        never.set()
        earlier.join()
        analysis.join()
