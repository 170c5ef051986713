"""The role lookups' own threads: daemon (never holding up an exit), at most a few, gone when
idle or closed, and no job left behind when one ends just as another comes."""

from __future__ import annotations

import threading
import time

import pytest

from bot.daemon_pool import DaemonPool
from tests.stopping import LAST_RESORT_S, wait_for


def pool_threads(name: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(name + "-")]


def test_lookups_run_on_a_few_daemon_threads_and_hand_back_results_and_errors():
    pool = DaemonPool(2, "test-pool-a")
    release = threading.Event()
    slow = [pool.submit(release.wait) for _ in range(3)]
    wait_for(lambda: slow[0].running() and slow[1].running())
    threads = pool_threads("test-pool-a")
    assert len(threads) == 2 and all(t.daemon for t in threads)
    assert not slow[2].running(), "a third job waits for a free thread"
    release.set()
    assert [f.result(5) for f in slow] == [True, True, True]

    def refused() -> None:
        raise RuntimeError("users_not_found")

    with pytest.raises(RuntimeError, match="users_not_found"):
        pool.submit(refused).result(5)
    pool.close()


def test_idle_threads_end_and_a_later_job_still_runs():
    pool = DaemonPool(2, "test-pool-b", idle=0.05)
    assert pool.submit(lambda: 1).result(5) == 1
    wait_for(lambda: not pool_threads("test-pool-b"))
    for round_ in range(50):  # jobs arriving as threads time out are never stranded
        assert pool.submit(str).result(5) == ""
        time.sleep(0.05 * (round_ % 3) / 2)


def test_a_lookup_never_waits_behind_a_hanging_one_while_threads_are_free():
    pool = DaemonPool(4, "test-pool-c")
    hang = threading.Event()
    for _ in range(20):  # each time the first thread has just taken the hanging job
        first = pool.submit(hang.wait)
        assert pool.submit(lambda: "answered").result(2) == "answered"
        hang.set()
        first.result(5)
        hang.clear()
    pool.close()


def test_closing_ends_idle_threads_at_once_and_busy_ones_after_their_job():
    pool = DaemonPool(2, "test-pool-d", idle=LAST_RESORT_S * 10)
    release = threading.Event()
    busy = pool.submit(release.wait)
    assert pool.submit(lambda: 1).result(LAST_RESORT_S) == 1
    pool.close()
    wait_for(lambda: len(pool_threads("test-pool-d")) == 1)
    assert busy.running()
    release.set()
    assert busy.result(LAST_RESORT_S)
    wait_for(lambda: not pool_threads("test-pool-d"))
    assert pool.submit(lambda: 2).result(LAST_RESORT_S) == 2, "a job given later still runs"
    wait_for(lambda: not pool_threads("test-pool-d"))
