"""A drop of many articles from one source never holds up the others.

Whoever may write into the watched folder (or call `POST /ingest`) could queue thousands of
articles at once: a `.jsonl` export within the size limit. The worker took the inbox in arrival
order, so a feed's new entry and an article posted to `/ingest` after the drop waited for all
of it to be analysed (minutes to hours). Now the sources take turns, each one's articles in
the order they came, none lost. Real parts: the folder scanned from disk, a feed served on
127.0.0.1 and polled, `/ingest` over HTTP, the worker with spaCy, one SQLite file."""

from __future__ import annotations

import http.client
import json

from bot.http_server import HttpServer
from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.folder import FolderWatcher
from bot.ingest.http_api import IngestApp
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import LOOPBACK, FeedServer, Item, Route, at, rss
from tests.sources.stories import BRIDGE, FERRY
from tests.stopping import LAST_RESORT_S

TOKEN = "a-long-enough-ingest-token-for-the-test"
DROPPED = 40


def notice(n: int) -> dict[str, str]:
    return {"title": f"Berth {n} free on Monday",
            "text": f"Berth {n} at Northhaven will be free on Monday, the harbour office said."}


def drop_an_export(db, folder) -> int:
    """``DROPPED`` articles in one `.jsonl` file, scanned as `wirewatch run` scans."""
    folder.mkdir()
    lines = "\n".join(json.dumps(notice(n)) for n in range(DROPPED))
    (folder / "export.jsonl").write_text(lines + "\n", encoding="utf-8")
    with transaction(db):
        source = source_row(db, add_source(db, kind="folder", location=str(folder)))
    scanned = FolderWatcher(max_bytes=5_000_000, settle_seconds=0).scan(db, source, now=at(1))
    assert scanned.articles == DROPPED
    return source.id


def poll_a_feed(db) -> None:
    with FeedServer() as server:
        server.routes["/rss"] = Route(rss([Item("urn:ferry:1", *FERRY, published=at(2))],
                                          title="Ferry Times"))
        with transaction(db):
            source = source_row(db, add_source(db, kind="feed", location=server.url("/rss"),
                                               alert_existing=True))
        assert poll_feed(db, source, fetcher=Fetcher(policy=LOOPBACK), now=at(3)).queued == 1


def post_an_article(dbs) -> None:
    server = HttpServer(IngestApp(dbs, token=TOKEN, max_bytes=100_000), host="127.0.0.1",
                        port=0)
    server.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=LAST_RESORT_S)
        conn.request("POST", "/ingest", body=json.dumps({"title": BRIDGE[0], "text": BRIDGE[1]}),
                     headers={"Authorization": f"Bearer {TOKEN}",
                              "Content-Type": "application/json"})
        assert conn.getresponse().status == 202
        conn.close()
    finally:
        server.stop()


def test_a_large_drop_in_the_folder_never_holds_up_a_feed_or_ingest(db_path, fresh_db,
                                                                   tmp_path, settings, nlp):
    drop_an_export(fresh_db, tmp_path / "drop")
    poll_a_feed(fresh_db)
    dbs = ThreadLocalDb(db_path)
    post_an_article(dbs)
    taken: list[str | None] = []
    worker = IngestWorker(dbs, settings, nlp=nlp,
                          on_outcome=lambda outcome: taken.append(outcome.title))
    assert worker.drain() == DROPPED + 2
    assert taken[:3] == [notice(0)["title"], FERRY[0], BRIDGE[0]], taken[:6]
    stored = [title for (title,) in fresh_db.execute("SELECT title FROM articles ORDER BY id")]
    assert [t for t in stored if t.startswith("Berth ")] == [
        notice(n)["title"] for n in range(DROPPED)], "each once, in the file's order"
    assert len(stored) == DROPPED + 2
