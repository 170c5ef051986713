"""The served-requests store (bot.slack.replays) opens a database connection on each server
thread that checks a request; they are closed when the server stops. Counted as the process's
open files on the database (/proc/self/fd), with the real runtime over HTTP."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from bot.slack.runtime import SlackRuntime
from tests.fakes.signing import command_body, post_signed
from tests.slack.conftest import events_url, wait_for

COMMANDS = 16


def open_files(path: Path) -> int:
    """How many of this process's file descriptors are open on ``path``."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:  # closed since listed (the listing's own, another thread's)
            continue
    return count


def test_the_server_threads_connections_are_closed_when_it_stops(slack_settings, fake_slack,
                                                                 fresh_db, db_path):
    """SQLite keeps a closed connection's file open while another connection of the process
    holds a lock on it, so the test's own connection is closed before counting."""
    fresh_db.close()
    runtime = SlackRuntime(slack_settings)
    runtime.start()
    bodies = [command_body("/wirewatch", "help", response_url=fake_slack.response_url())
              for _ in range(COMMANDS)]
    senders = [threading.Thread(target=post_signed, args=(events_url(runtime), body))
               for body in bodies]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    wait_for(lambda: len(fake_slack.responses()) >= COMMANDS, timeout=30)
    assert open_files(db_path) > 1, "several server threads each opened a connection"
    runtime.stop()
    runtime.store.get().close()
    assert open_files(db_path) == 0
