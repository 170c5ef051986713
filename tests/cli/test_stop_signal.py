"""SIGTERM or Ctrl-C while `wirewatch run`'s main thread is inside ``stop.wait``: the signal
handler runs on that thread, which may hold the event's lock at that instant."""

from __future__ import annotations

import signal
import threading

from bot.cli.run import _stop_on_signals
from tests.stopping import LAST_RESORT_S


def test_a_signal_landing_while_the_stop_events_lock_is_held_still_stops():
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        stop = _stop_on_signals()
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        returned = threading.Event()

        def main_thread_inside_wait() -> None:
            with stop._cond:  # type: ignore[attr-defined]  # where Event.wait holds it
                handler(signal.SIGTERM, None)  # set() here waited for this very lock: forever
                returned.set()

        threading.Thread(target=main_thread_inside_wait, daemon=True).start()
        assert returned.wait(LAST_RESORT_S), "the handler blocked on the lock its own thread held"
        assert stop.wait(LAST_RESORT_S), "the stop was never asked for"
    finally:
        for sig, old in before.items():
            signal.signal(sig, old)
