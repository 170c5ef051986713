"""One busy caller of `POST /ingest` never holds up another.

The sources took turns in the inbox (the night audit), but every `/ingest` caller was one
source: a client posting batch after batch put another client's article behind all of them.
A caller is now known by its address (an IPv4 address, an IPv6 /64: what it cannot change
without more addresses; the token is one for all), and each caller takes its turn as a feed
does, its own articles in the order it sent them, none lost. Real HTTP from two loopback
addresses, the `/ingest` app and the worker with spaCy, one SQLite file."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator

import pytest

from bot.http_server import HttpServer
from bot.ingest.http_api import IngestApp
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb
from tests.sources.stories import BRIDGE
from tests.stopping import LAST_RESORT_S

TOKEN = "a-long-enough-ingest-token-for-the-test"
BATCHES, EACH = 2, 10


def notice(n: int) -> dict[str, str]:
    return {"title": f"Mooring {n} free on Tuesday",
            "text": f"Mooring {n} at Southwick will be free on Tuesday, the marina office said."}


@pytest.fixture
def endpoint(db_path, fresh_db) -> Iterator[tuple[int, ThreadLocalDb]]:
    dbs = ThreadLocalDb(db_path)
    server = HttpServer(IngestApp(dbs, token=TOKEN, max_bytes=1_000_000), host="127.0.0.1",
                        port=0)
    server.start()
    yield server.port, dbs
    server.stop()


def post(port: int, body: object, *, address: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S,
                                      source_address=(address, 0))
    conn.request("POST", "/ingest", body=json.dumps(body),
                 headers={"Authorization": f"Bearer {TOKEN}",
                          "Content-Type": "application/json"})
    assert conn.getresponse().status == 202
    conn.close()


def test_a_busy_ingest_caller_never_holds_up_another(endpoint, fresh_db, settings, nlp):
    port, dbs = endpoint
    for batch in range(BATCHES):
        post(port, [notice(batch * EACH + n) for n in range(EACH)], address="127.0.0.2")
    post(port, {"title": BRIDGE[0], "text": BRIDGE[1]}, address="127.0.0.3")
    taken: list[str | None] = []
    worker = IngestWorker(dbs, settings, nlp=nlp,
                          on_outcome=lambda outcome: taken.append(outcome.title))
    assert worker.drain() == BATCHES * EACH + 1
    assert taken[:2] == [notice(0)["title"], BRIDGE[0]], taken[:4]
    stored = [title for (title,) in fresh_db.execute("SELECT title FROM articles ORDER BY id")]
    assert [t for t in stored if t.startswith("Mooring ")] == [
        notice(n)["title"] for n in range(BATCHES * EACH)], "each once, in the order sent"
    assert len(stored) == BATCHES * EACH + 1
