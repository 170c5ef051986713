"""`wirewatch run`'s first lines say what stood before the run's first poll: a feed polled as
the run starts does not change them, and the first poll's own lines say what it did. Real
SQLite, the real runner, a real feed server on 127.0.0.1."""

from __future__ import annotations

from bot.runner import Runner
from storage.db import open_db, transaction
from storage.sources import add_source, get_source, record_check
from tests.sources.feedserver import LOOPBACK_NETWORK, Item, Route, at, rss
from tests.sources.stories import FERRY
from tests.stopping import LAST_RESORT_S, wait_for

PROBLEM = "the server answered 503 Service Unavailable"


def _polled(db, feed: int) -> bool:
    source = get_source(db, feed)
    return source is not None and source.last_poll_at is not None


def test_the_banner_says_what_stood_before_a_first_poll_that_already_ran(server, settings, nlp):
    """Before: the banner, built after the run started, read the feed after its first poll,
    and the line naming its failed check was gone or not by the race."""
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    db = open_db(settings.db_path)
    with transaction(db):
        feed = add_source(db, kind="feed", location=server.url("/feed"), every=3600)
        record_check(db, feed, problem=PROBLEM)
    runner = Runner(settings.with_overrides(fetch_timeout=LAST_RESORT_S, host="127.0.0.1",
                                            allow_networks=(LOOPBACK_NETWORK,)), nlp=nlp)
    try:
        runner.start()
        wait_for(lambda: _polled(db, feed))
        lines = runner.describe()
    finally:
        runner.stop()
        db.close()
    at_feed = lines.index(f"feed #{feed}: {server.url('/feed')} (every 3600 s)")
    assert lines[at_feed + 1] == (f"  its check when added failed: {PROBLEM}; its first poll "
                                  "as this run starts tries again"), lines
