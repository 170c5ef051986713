"""The served-requests store (bot.slack.replays) opens a database connection on each server
thread that checks a request: closed when the thread ends, and all of them when the server
stops (SlackRuntime.stop). Counted as the process's open files on the database
(/proc/self/fd), with real threads and a real SQLite file."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from bot.slack.replays import ServedRequests
from tests.stopping import LAST_RESORT_S

PARKED, ENDED = 4, 2


def open_files(path: Path) -> int:
    """How many of this process's file descriptors are open on ``path``."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:  # closed since listed (the listing's own, another thread's)
            continue
    return count


def test_each_threads_connection_is_closed_when_it_ends_or_the_server_stops(fresh_db, db_path):
    """Threads parked between requests (as waitress's are, for the server's life) and threads
    that end. Before: a connection was closed only by the garbage collector once its thread
    had ended, never while the server ran, nor by its stop. SQLite keeps a closed connection's
    file open while another connection of the process is open on it (so the ended threads'
    closes show only once the parked ones' are closed too, and the test's own is closed
    first)."""
    fresh_db.close()
    served = ServedRequests(db_path)
    release, checked = threading.Event(), threading.Semaphore(0)

    def check(n: int, park: bool) -> None:
        served.first_time(body=b"command=%2Fwho-said&text=x", signature=f"v0={n:064d}",
                          timestamp=int(time.time()))
        if park:
            checked.release()
            release.wait(LAST_RESORT_S)

    threads = [threading.Thread(target=check, args=(n, n < PARKED))
               for n in range(PARKED + ENDED)]
    for thread in threads:
        thread.start()
    for thread in threads[PARKED:]:
        thread.join()
    try:
        for _ in range(PARKED):
            assert checked.acquire(timeout=LAST_RESORT_S)
        assert open_files(db_path) >= PARKED, "each thread opened one"
        served.close()
        assert open_files(db_path) == 0, "the parked threads' closed by the stop"
    finally:
        release.set()
        for thread in threads[:PARKED]:
            thread.join()


def test_an_answer_settled_after_the_stop_leaves_no_connection_open(fresh_db, db_path):
    """The server stops (``close``) while a request's answer is still going out, and its
    claim is settled after. Before: the settle opened a new connection for its thread, which
    nothing closed (the stop had passed; a thread that lives on keeps it for ever). Now it is
    settled on a connection of its own, closed at once, and the settle is recorded."""
    fresh_db.close()
    served = ServedRequests(db_path)
    body = b'{"type": "event_callback", "event_id": "Ev0STOP1", "event": {}}'
    taken = served.first_time(body=body, signature="v0=" + "1" * 64,
                              timestamp=int(time.time()))
    assert taken is not None
    served.close()
    taken.settle(True)
    assert open_files(db_path) == 0, "nothing left open by the settle"
    again = ServedRequests(db_path)
    try:
        assert again.first_time(body=body, signature="v0=" + "2" * 64,
                                timestamp=int(time.time())) is None, "settled as acted on"
    finally:
        again.close()
