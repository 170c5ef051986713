"""A title, an outlet's name or a link of tens of thousands of characters, sent by a feed, a
dropped file, `/ingest` or `wirewatch ingest`, is cut as it arrives, and the cut is logged: it
was queued, stored and printed whole (500,000 characters on one line of `wirewatch ingest`).
Real SQLite files, a real folder, a feed and `/ingest` over real HTTP. Invented copy."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.bounds import MOST_CHARS
from bot.ingest.feeds import poll_feed
from bot.ingest.folder import FolderWatcher
from storage.db import open_db, transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY
from tests.sources.test_http_ingest import post

WORDS = "Harbour pilots walk out over night crossings and the fog rules "
LINK = "https://example.test/ferry?ref=" + "x" * 5000


def _long(chars: int) -> str:
    return (WORDS * (chars // len(WORDS) + 1))[:chars]


def _bounded(title: str | None, source: str | None) -> None:
    assert title is not None and len(title) <= MOST_CHARS["title"] and title.endswith("…")
    assert title.startswith("Harbour pilots walk out")
    assert source is None or len(source) <= MOST_CHARS["source"]


def test_the_command_line_stores_and_prints_a_long_title_cut(db_path, tmp_path, caplog):
    """Before: the line `wirewatch ingest` printed held the 500,000-character title whole."""
    path = tmp_path / "pilots.json"
    path.write_text(json.dumps({"title": _long(500_000), "text": FERRY[1], "url": LINK,
                                "source": _long(200_000)}), encoding="utf-8")
    caplog.set_level(logging.WARNING)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "ingest", str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) < 1000
    db = open_db(db_path)
    [row] = db.execute("SELECT title, source, url FROM articles").fetchall()
    db.close()
    _bounded(row[0], row[1])
    assert row[2] is None
    assert "title of 500,000 characters cut to" in caplog.text
    assert "link of 5,031 characters dropped" in caplog.text


def test_a_long_title_sent_to_the_endpoint_is_queued_and_stored_cut(endpoint, caplog):
    port, dbs = endpoint
    caplog.set_level(logging.WARNING)
    status, body, _ = post(port, {"title": _long(15_000), "text": FERRY[1],
                                  "source": _long(1_000)})
    assert status == 200, body
    db = dbs.get()
    stored = db["articles"].get(body["results"][0]["article_id"])
    _bounded(stored["title"], stored["source"])
    [queued] = db.execute("SELECT title, source FROM inbox").fetchall()
    _bounded(*queued)
    assert "title of 15,000 characters cut to" in caplog.text


def test_a_long_title_in_a_dropped_file_is_queued_cut(fresh_db, source, drop, caplog):
    path = drop / "pilots.json"
    path.write_text(json.dumps({"title": _long(500_000), "text": FERRY[1]}), encoding="utf-8")
    caplog.set_level(logging.WARNING)
    taken = FolderWatcher(max_bytes=2_000_000).take(fresh_db, source, path,
                                                    now=datetime(2026, 12, 5, tzinfo=UTC))
    assert taken == 1
    [queued] = pending(fresh_db, limit=5)
    _bounded(queued.article.title, queued.article.source)
    assert "title of 500,000 characters cut to" in caplog.text


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=500_000)


def test_a_long_title_and_outlet_in_a_feed_are_queued_cut(server, fresh_db, fetcher, caplog):
    server.routes["/feed"] = Route(rss([Item(guid="urn:p:1", title=_long(100_000),
                                             text=FERRY[1], published=at(10))],
                                       title=_long(20_000)))
    with transaction(fresh_db):
        feed = source_row(fresh_db, add_source(fresh_db, kind="feed",
                                               location=server.url("/feed"), every=60))
    caplog.set_level(logging.WARNING)
    assert poll_feed(fresh_db, feed, fetcher=fetcher, now=at(20)).queued == 1
    [queued] = pending(fresh_db, limit=5)
    _bounded(queued.article.title, queued.article.source)
    assert "title of 100,000 characters cut to" in caplog.text
