"""A database made before first-poll backlogs existed migrates: polled feeds keep alerting."""

from datetime import UTC, datetime

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from storage.db import open_db, transaction
from storage.inbox import pending
from storage.migrations import MIGRATION_SETS
from storage.schema import delivery, sources
from storage.sources import in_backlog, list_sources, source_row
from tests.sources.feedserver import LOOPBACK, Item, Route, at, rss
from tests.sources.stories import FERRY, LIBRARY

BEFORE = {sources.MIGRATIONS: "m003_first_poll_backlog", delivery.MIGRATIONS: "m003_alert_holds"}


def old_database(path):
    """The schema as it was before this change, with a polled feed, a new one and a queued row."""
    db = open_db(path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    assert "background" not in db["inbox"].columns_dict
    with transaction(db):
        db.table("sources").insert_all([
            {"kind": "feed", "location": "http://127.0.0.1:9/polled", "every": 60,
             "added_at": "2026-01-01T00:00:00+00:00", "last_success_at": "2026-01-02T00:00:00+00:00"},
            {"kind": "feed", "location": "http://127.0.0.1:9/never", "every": 60,
             "added_at": "2026-01-01T00:00:00+00:00"}])
        db.table("inbox").insert({"origin": "queued", "title": "t", "text": "Some text.",
                            "status": "pending", "created_at": "2026-01-02T00:00:00+00:00"})
    db.close()


def test_old_database_migrates_and_polled_feeds_keep_alerting(db_path, server):
    old_database(db_path)
    db = open_db(db_path)
    polled, never = list_sources(db)
    assert polled.backlog_done_at == "2026-01-02T00:00:00+00:00" and not in_backlog(polled)
    assert in_backlog(never) and never.alert_existing == 0
    [row] = pending(db, limit=5)
    assert row.article.background is False
    assert db["alert_holds"].count == 0

    server.routes["/feed"] = Route(rss([Item("2", *LIBRARY, published=at(2)),
                                        Item("1", *FERRY, published=at(1))]))
    with transaction(db):
        db.execute("UPDATE sources SET location = ? WHERE id = ?",
                   [server.url("/feed"), polled.id])
    result = poll_feed(db, source_row(db, polled.id), fetcher=Fetcher(policy=LOOPBACK),
                       now=datetime.now(UTC))
    assert (result.queued, result.background) == (2, False)
    assert [r.article.background for r in pending(db, limit=5)] == [0, 0, 0]
