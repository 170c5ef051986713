"""Ctrl-C (or SIGTERM) while a feed's first poll is still downloading: the poll cut off by the
stop is not the feed's failure, so the next start polls it at once."""

from __future__ import annotations

import threading

from storage.db import open_db, transaction
from storage.sources import add_source, get_source
from tests.sources.feedserver import FeedServer, Item, Route, rss
from tests.sources.process import Running
from tests.stopping import LAST_RESORT_S

AT_ONCE = 120.0
"""How soon the next start polls the feed: before, its next poll came the feed's 300 s later;
a start slowed by a loaded machine (its spaCy load, ~70 s seen) still comes well within."""


def test_a_poll_cut_by_the_stop_does_not_count_and_the_next_start_polls_at_once(
        db_path, processes):
    held = threading.Event()
    with FeedServer() as server:
        server.routes["/slow.xml"] = Route(rss([Item("a", "Ferry crews walk out",
                                                     "Ferry crews stopped work on Tuesday.")]),
                                           hold=held)
        url = server.url("/slow.xml")
        db = open_db(db_path)
        with transaction(db):
            add_source(db, kind="feed", location=url, every=300)
        first = Running(db_path)
        processes.append(first)
        assert server.holding.wait(LAST_RESORT_S), "the first poll never reached the feed"
        assert first.terminate() == 0
        printed = first.output + "\n".join(first.errors)
        assert "shutting down" not in printed and "failed (1 in a row)" not in printed
        source = get_source(db, url)
        assert source is not None
        assert (source.failures, source.next_attempt_at, source.last_error) == (0, None, None)
        held.set()
        second = Running(db_path)
        processes.append(second)
        second.wait_until(lambda: server.hits("/slow.xml") == 2, timeout=AT_ONCE,
                          what="the feed polled again at start")
        second.wait_for("· no alert for “Ferry crews walk out”: background")
        assert second.terminate() == 0
        db.close()
