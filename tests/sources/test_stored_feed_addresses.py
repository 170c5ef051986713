"""A feed stored before its address was kept as a browser reads it (security48c) is fetched at
that reading from its next poll on, when a new feed could be added there; otherwise it is
paused, kept and never fetched, and `sources list` and `status` say why. Once read so, it is
left as it is.

A real HTTP server on 127.0.0.2 serving the feeds (the fetch allows 127.0.0.0/8 alone, as a
newsroom's WIREWATCH_ALLOW_NETWORKS would), a database made at the schema before the pause
column and opened by the code, real SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.feeds import poll_feed
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import sources
from storage.sources import list_sources
from tests.sources.feedserver import FeedServer, Item, Route, at, rss
from tests.sources.stories import FERRY
from tests.sources.test_fetch_security import fetcher_with

BEFORE = {sources.MIGRATIONS: "m025_paused_feeds"}


def _stored_before(db_path, locations: list[str]) -> None:
    """Feeds as a database made before security48c holds them: their addresses as typed."""
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    with transaction(db):
        db.table("sources").insert_all(
            {"id": n, "kind": "feed", "location": location, "every": 60, "alert_existing": 1,
             "added_at": "2026-12-01T00:00:00+00:00"} for n, location in enumerate(locations, 1))
    db.close()


def _poll_all(db) -> None:
    fetcher, _ = fetcher_with({}, allow=("127.0.0.0/8",))
    for source in list_sources(db):
        poll_feed(db, source, fetcher=fetcher, now=datetime.now(UTC))


def test_a_feed_stored_with_backslashes_is_read_as_a_browser_reads_it_or_paused(db_path):
    with FeedServer(host="127.0.0.2") as feed:
        for path in ("/@wire.example/feed", "/other"):
            feed.routes[path] = Route(rss([Item(path, *FERRY, published=at(1))]))
        here = f"127.0.0.2:{feed.port}"
        _stored_before(db_path, [f"http://{here}\\@wire.example/feed",
                                 f"http://10.0.0.1\\@{here}/feed",
                                 "http://harbour.123/feed",
                                 f"http://{here}\\other",
                                 f"http://{here}/other"])
        db = open_db(db_path)
        _poll_all(db)
        first = [(row.location, row.paused) for row in list_sources(db)]
        _poll_all(db)
        asked = [path for path, _ in feed.requests]
    assert [row.location for row in list_sources(db)] == [
        f"http://{here}/@wire.example/feed", f"http://10.0.0.1\\@{here}/feed",
        "http://harbour.123/feed", f"http://{here}\\other", f"http://{here}/other"]
    reasons = [row.paused or "" for row in list_sources(db)]
    assert reasons[0] == "" and reasons[4] == "", reasons
    assert "10.0.0.1/@" in reasons[1] and "refusing to fetch from 10.0.0.1" in reasons[1]
    assert "a browser reads two ways or not at all" in reasons[2]
    assert reasons[3].endswith(f"is http://{here}/other, feed #5's already"), reasons[3]
    assert [(row.location, row.paused) for row in list_sources(db)] == first
    assert sorted(asked) == ["/@wire.example/feed"] * 2 + ["/other"] * 2
    assert db.execute("SELECT count(*) FROM inbox").fetchone()[0] == 2
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"]).output
    status = CliRunner().invoke(cli, ["--db", str(db_path), "status"]).output
    for said in (listed, status):
        assert said.count("PAUSED") == 3, said
        assert "feed #5's already" in said and "wirewatch sources remove 4" in said, said
    assert "(0 failing or quiet, 3 paused)" in status, status


def test_a_paused_feed_is_said_without_a_poll_to_come(db_path):
    """A paused feed is never fetched: `sources list` said of it what its first poll would
    store and what `source:` would match at its next poll, neither of which comes; what its
    first poll did before the pause stays said."""
    _stored_before(db_path, ["http://10.0.0.1\\@wire.example/feed",
                             "http://10.0.0.2\\@wire.example/feed",
                             "http://10.0.0.3\\@wire.example/feed"])
    db = open_db(db_path)
    with transaction(db):
        db.table("sources").update(1, {"alert_existing": 0})
        db.table("sources").update(3, {"alert_existing": 0, "backlog_entries": 4, "name": "Quay",
                                       "backlog_done_at": "2026-12-02T08:00:00+00:00",
                                       "last_poll_at": "2026-12-02T08:00:00+00:00"})
    _poll_all(db)
    assert all(row.paused for row in list_sources(db))
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"]).output
    assert listed.count("PAUSED") == 3, listed
    for untrue in ("first poll will", "next poll", "--alert-existing", "not polled yet"):
        assert untrue not in listed, listed
    assert "first poll 2026-12-02 08:00 UTC" in listed and "4 existing entries" in listed, listed
    assert 'source: matches it as "Quay"' in listed, listed
