"""`source:NAME` matches the name the operator gave the feed (or the title it had when first
polled, kept), not whatever the feed says later; an entry's own `<source>` is shown but matched
only when the operator let the feed relay others (security47b). Otherwise any feed could call
itself, or its entries, another outlet and match every topic's `source:` term for it.

A real HTTP server on 127.0.0.2 serving the feed, the worker's pipeline with the real spaCy
model, real SQLite.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.feeds import poll_feed
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.inbox import pending
from storage.migrations import MIGRATION_SETS
from storage.schema import sources
from storage.sources import add_source, list_sources, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, rss
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_fetch_security import fetcher_with

BEFORE = {sources.MIGRATIONS: "m024_source_names"}


def _tied(db, topic_id: int) -> list[str]:
    """The source each story tied to the topic was matched by."""
    return [reason["text"] for (reasons,) in db.execute(
        "SELECT reasons FROM story_topics WHERE topic_id = ?", [topic_id])
        for reason in json.loads(reasons) if reason.get("where") == "source"]


def _poll(db, settings, nlp, feed: FeedServer, source_id: int) -> None:
    fetcher, _ = fetcher_with({}, allow=("127.0.0.0/8",))
    poll_feed(db, source_row(db, source_id), fetcher=fetcher, now=datetime.now(UTC))
    pipeline = Pipeline(db, settings, nlp=nlp)
    list(pipeline.ingest([row.article for row in pending(db, limit=5)]))


def _topics(db) -> tuple[int, int, int]:
    with transaction(db):
        return (add_topic(db, name="Wire", query='ferry AND source:"Example Wire"'),
                add_topic(db, name="Desk", query='ferry AND source:"Coast Desk"'),
                add_topic(db, name="Title", query='library AND source:"Example Wire"'))


def test_the_operators_name_is_matched_not_the_feeds_claims(fresh_db, settings, nlp):
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/feed"] = Route(rss([
            Item("1", *FERRY, published=at(1), outlet="Example Wire"),
            Item("2", *LIBRARY, published=at(2))], title="Example Wire"))
        wire, desk, title = _topics(fresh_db)
        with transaction(fresh_db):
            source_id = add_source(fresh_db, kind="feed", location=feed.url("/feed"),
                                   name="Coast Desk")
        _poll(fresh_db, settings, nlp, feed, source_id)
    assert _tied(fresh_db, wire) == [] and _tied(fresh_db, title) == []
    assert _tied(fresh_db, desk) == ["Coast Desk"]
    with transaction(fresh_db):
        later = add_topic(fresh_db, name="Wire later", query='ferry AND source:"Example Wire"')
        desk_later = add_topic(fresh_db, name="Desk later", query='ferry AND source:"Coast Desk"')
    assert _tied(fresh_db, later) == [] and _tied(fresh_db, desk_later) == ["Coast Desk"]
    shown = [s for (s,) in fresh_db.execute("SELECT source FROM articles ORDER BY id")]
    assert shown == ["Example Wire", "Coast Desk"]


def test_a_feed_allowed_to_relay_is_matched_by_its_entries_own_source(fresh_db, settings, nlp):
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1),
                                               outlet="Example Wire")], title="Coast Desk"))
        wire, desk, _ = _topics(fresh_db)
        with transaction(fresh_db):
            source_id = add_source(fresh_db, kind="feed", location=feed.url("/feed"),
                                   relays=True)
        _poll(fresh_db, settings, nlp, feed, source_id)
    assert _tied(fresh_db, wire) == ["Example Wire"] and _tied(fresh_db, desk) == []


def test_a_feed_named_by_its_first_title_keeps_that_name(fresh_db, settings, nlp):
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/feed"] = Route(rss([Item("1", *LIBRARY, published=at(1))],
                                         title="Coast Desk"))
        with transaction(fresh_db):
            source_id = add_source(fresh_db, kind="feed", location=feed.url("/feed"),
                                   alert_existing=True)
        _poll(fresh_db, settings, nlp, feed, source_id)
        assert source_row(fresh_db, source_id).name == "Coast Desk"
        feed.routes["/feed"] = Route(rss([Item("2", *FERRY, published=at(2))],
                                         title="Example Wire"))
        wire, desk, _ = _topics(fresh_db)
        _poll(fresh_db, settings, nlp, feed, source_id)
    assert _tied(fresh_db, wire) == [] and _tied(fresh_db, desk) == ["Coast Desk"]


def test_feeds_stored_before_keep_relaying_what_they_relayed(db_path):
    """A feed whose inbox holds entries under several names relayed them: it still does. One
    under its own name alone gets the name its title has at its next poll."""
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    with transaction(db):
        for n, names in enumerate([("Coast Desk", "Example Wire"), ("Coast Desk",)], 1):
            db.table("sources").insert({"id": n, "kind": "feed", "every": 60,
                                        "location": f"http://127.0.0.1:9/{n}",
                                        "added_at": "2026-01-01T00:00:00+00:00"})
            db.table("inbox").insert_all([
                {"source_id": n, "origin": f"{n}{name}", "text": "Some text.", "source": name,
                 "status": "done", "created_at": "2026-01-02T00:00:00+00:00"}
                for name in names])
    db.close()
    db = open_db(db_path)
    aggregator, own = list_sources(db)
    assert (aggregator.relays, aggregator.name) == (1, None)
    assert (own.relays, own.name) == (0, None)


def test_a_feed_without_a_title_is_named_by_the_host_it_is_fetched_from(fresh_db, settings, nlp):
    """``http://FEED\\@wire.example/feed`` is fetched from FEED (and a browser opens FEED); a
    feed with no title was named by ``urlsplit``'s host, wire.example, and matched
    `source:wire.example` for any feed so written. The address is kept as a browser reads it:
    the path asked is ``/@wire.example/feed`` (``/%5C@…`` before security48c)."""
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/@wire.example/feed"] = Route(rss(
            [Item("1", *FERRY, published=at(1))], title=""))
        with transaction(fresh_db):
            claimed = add_topic(fresh_db, name="Wire", query="ferry AND source:wire.example")
            own = add_topic(fresh_db, name="Own", query='ferry AND source:"127.0.0.2"')
            source_id = add_source(fresh_db, kind="feed",
                                   location=f"http://127.0.0.2:{feed.port}\\@wire.example/feed")
        _poll(fresh_db, settings, nlp, feed, source_id)
    assert feed.hits("/@wire.example/feed") == 1
    assert _tied(fresh_db, claimed) == []
    assert _tied(fresh_db, own) == ["127.0.0.2"]
    assert [row.name for row in list_sources(fresh_db)] == ["127.0.0.2"]


def test_a_first_title_that_is_another_feeds_name_names_the_feed_by_its_host(
        fresh_db, settings, nlp, caplog):
    """A title kept as the name must not make two feeds one `source:` name (`sources add --name`
    and `rename` refuse that): the feed is named by its host, said in the log with how to
    rename it; a second on that host too by its host and number. The poll goes on."""
    with FeedServer(host="127.0.0.2") as feed:
        for path in ("/feed", "/other"):
            feed.routes[path] = Route(rss([Item(path, *FERRY, published=at(1))],
                                          title="coast  DESK"))
        _, desk, _ = _topics(fresh_db)
        with transaction(fresh_db):
            add_source(fresh_db, kind="feed", location="http://127.0.0.1:9/feed",
                       name="Coast Desk")
            first, second = (add_source(fresh_db, kind="feed", location=feed.url(path),
                                        alert_existing=True) for path in ("/feed", "/other"))
        _poll(fresh_db, settings, nlp, feed, first)
        _poll(fresh_db, settings, nlp, feed, second)
    assert [row.name for row in list_sources(fresh_db)] == [
        "Coast Desk", "127.0.0.2", f"127.0.0.2 #{second}"]
    assert _tied(fresh_db, desk) == []
    assert fresh_db.execute("SELECT count(*) FROM inbox").fetchone()[0] == 2
    assert "sources rename" in caplog.text and "Coast Desk" in caplog.text


def test_a_first_title_taken_by_another_feed_is_said_in_status_and_sources(
        fresh_db, db_path, settings, nlp):
    """The clash was said in the log alone: the desk reading `status` or `sources list` saw a
    feed named by a number, not why. Now both say it, one line for the feed, until it is
    renamed (to its host name too: then it is the operator's choice)."""
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))],
                                         title="Coast Desk"))
        with transaction(fresh_db):
            add_source(fresh_db, kind="feed", location="http://127.0.0.1:9/feed",
                       name="Coast Desk")
            second = add_source(fresh_db, kind="feed", location=feed.url("/feed"))
        _poll(fresh_db, settings, nlp, feed, second)
        _poll(fresh_db, settings, nlp, feed, second)
    said = ('named "127.0.0.2" by its host: its title "Coast Desk" is feed #1\'s name, and '
            "`source:` could not tell the two apart; to choose its name (this one too): "
            f"`wirewatch sources rename {second} NAME`")
    for command in ("status", "sources list"):
        shown = CliRunner().invoke(cli, ["--db", str(db_path), *command.split()]).output
        assert shown.count(said) == 1, shown
    kept = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "rename", str(second),
                                    "127.0.0.2"])
    assert kept.exit_code == 0, kept.output
    for command in ("status", "sources list"):
        shown = CliRunner().invoke(cli, ["--db", str(db_path), *command.split()]).output
        assert "by its host" not in shown, shown
