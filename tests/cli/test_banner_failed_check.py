"""`wirewatch run`'s first lines say, under a feed whose check when it was added failed (a
404, a web page, a server that never answered), why, before its first poll tries again: they
said only what its first poll would store, as for a feed that works, and the failure came
lines later in the log. Real SQLite, the real runner's banner."""

from __future__ import annotations

from storage.db import open_db, transaction
from storage.sources import add_source, record_check
from tests.cli.test_first_hour import banner

PROBLEM = "the server answered 404 Not Found: no feed at this address now"


def test_a_feed_whose_check_failed_is_said_so_in_the_banner(settings, nlp):
    db = open_db(settings.db_path)
    with transaction(db):
        broken = add_source(db, kind="feed", location="https://example.org/gone.xml", every=60)
        add_source(db, kind="feed", location="https://example.org/rss.xml", every=60)
        record_check(db, broken, problem=PROBLEM)
    db.close()
    lines = banner(settings, nlp)
    at = lines.index("feed #1: https://example.org/gone.xml (every 60 s)")
    assert lines[at + 1] == (f"  its check when added failed: {PROBLEM}; its first poll as this "
                             "run starts tries again"), lines
    good = lines.index("feed #2: https://example.org/rss.xml (every 60 s)")
    assert lines[good + 1].startswith("  first poll as this run starts: "), lines
