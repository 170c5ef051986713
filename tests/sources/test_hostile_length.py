"""A text over the article limit is refused before the cleaning, through `POST /ingest` over real
HTTP and the real folder watcher: 10 MB of date lines under headings cost about 5 s CPU a
megabyte to clean, all done before the refusal; the sender gets the same error, the other
articles of the batch are stored. Real SQLite, spaCy and worker. Invented copy."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest

from bot.http_server import HttpServer
from bot.ingest.clean import MAX_ARTICLE_CHARS
from bot.ingest.folder import FolderWatcher
from bot.ingest.http_api import IngestApp
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb
from tests.sources.conftest import TOKEN
from tests.sources.stories import FERRY
from tests.sources.test_http_ingest import post

PAIR = "Published March 4, 2026\n\nKey Quayside Facts\n\n"
BIG = 12 * 1024 * 1024


def _hostile() -> str:
    """About 10 MB of date lines, each over a heading the copy's last line writes in lower case."""
    return PAIR * (10_000_000 // len(PAIR)) + "The quayside facts stayed as they were."


def _refusal(chars: int) -> str:
    return (f"article text is {chars:,} characters, over the {MAX_ARTICLE_CHARS:,} character "
            "limit for one article")


@pytest.fixture
def wide_endpoint(db_path, settings, nlp):
    """POST /ingest taking 12 MB bodies, as `WIREWATCH_INGEST_MAX_MB` may: (port, databases)."""
    dbs = ThreadLocalDb(db_path)
    worker = IngestWorker(dbs, settings, nlp=nlp, idle_wait=0.2)
    worker.start()
    server = HttpServer(IngestApp(dbs, token=TOKEN, max_bytes=BIG, worker=worker,
                                  wait_seconds=30), host="127.0.0.1", port=0, max_body=BIG)
    server.start()
    yield server.port, dbs
    server.stop()
    worker.stop()


def test_a_ten_megabyte_body_is_refused_before_its_cleaning(wide_endpoint, record_property):
    """On s56b the worker cleaned the 10 MB (about 50 s CPU) and the answer waited past 30 s."""
    port, dbs = wide_endpoint
    text = _hostile()
    began = time.process_time()
    status, body, _ = post(port, [{"title": "Quayside facts", "text": text},
                                   {"title": FERRY[0], "text": FERRY[1]}])
    cpu = time.process_time() - began
    record_property("cpu_seconds", round(cpu, 2))
    print(f"10 MB hostile body and one article over POST /ingest: {cpu:.2f} s CPU")
    assert status == 200, body
    hostile, ferry = body["results"]
    assert (hostile["status"], hostile["reason"]) == ("failed", _refusal(len(text)))
    assert ferry["status"] == "stored"
    assert dbs.get()["articles"].get(ferry["article_id"])["title"] == FERRY[0]


def test_a_ten_megabyte_dropped_file_is_refused_before_its_cleaning(
        fresh_db, db_path, source, drop, settings, nlp, record_property):
    text = _hostile()
    (drop / "quayside.json").write_text(
        json.dumps([{"title": "Quayside facts", "text": text},
                    {"title": FERRY[0], "text": FERRY[1]}]), encoding="utf-8")
    began = time.process_time()
    taken = FolderWatcher(max_bytes=BIG).take(fresh_db, source, drop / "quayside.json",
                                              now=datetime(2026, 12, 7, tzinfo=UTC))
    assert taken == 2
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 2
    cpu = time.process_time() - began
    record_property("cpu_seconds", round(cpu, 2))
    print(f"10 MB hostile file and one article through the folder: {cpu:.2f} s CPU")
    rows = fresh_db.execute("SELECT title, status, reason FROM inbox ORDER BY id").fetchall()
    assert rows == [("Quayside facts", "failed", _refusal(len(text))),
                    (FERRY[0], "stored", None)]
