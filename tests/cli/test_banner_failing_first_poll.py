"""`wirewatch run`'s first lines, under a feed whose check when added failed, say what its
first poll that works will store, not 'first poll as this run starts: what the feed already
carries is stored as background' as if all were well. Real SQLite, the real runner's banner."""

from __future__ import annotations

from storage.db import open_db, transaction
from storage.sources import add_source, record_check
from tests.cli.test_first_hour import banner

WHEN_IT_WORKS = ("  its first poll that works stores what the feed carries then as background "
                 "(no alerts; a line says how many); alerts start with its next new entry")
PROBLEM = "the server answered 404 Not Found: no feed at this address now"


def test_a_feed_whose_check_failed_is_told_what_its_first_working_poll_does(settings, nlp):
    """Before: 'first poll as this run starts: what the feed already carries is stored', under
    the line saying its check failed."""
    db = open_db(settings.db_path)
    with transaction(db):
        checked = add_source(db, kind="feed", location="https://example.org/gone.xml", every=60)
        record_check(db, checked, problem=PROBLEM)
        add_source(db, kind="feed", location="https://example.org/rss.xml", every=60)
    db.close()
    lines = banner(settings, nlp)
    at = lines.index("feed #1: https://example.org/gone.xml (every 60 s)")
    assert lines[at + 2] == WHEN_IT_WORKS, lines
    good = lines.index("feed #2: https://example.org/rss.xml (every 60 s)")
    assert lines[good + 1].startswith("  first poll as this run starts: "), lines
