"""A feed whose CMS writes an empty date as the first or last moment its clock can hold, with
the server's offset (`0001-01-01T00:00:00+01:00`, a .NET DateTime.MinValue; `9999-12-31…-05:00`):
in UTC such a moment falls outside the years Python can hold. The entry is still stored (real
feed server, the real worker with spaCy, real SQLite). Invented copy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import results
from storage.sources import add_source, source_row
from tests.sources.feedserver import LOOPBACK, Route
from tests.sources.stories import FERRY

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title>
<id>urn:gazette</id><updated>{when}</updated>
<entry><id>urn:gazette:1</id><title>{title}</title><updated>{when}</updated>
<published>{when}</published><content type="text">{text}</content></entry></feed>"""
ENTRY_DATE = "2026-03-02T09:00:00+00:00"


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
@pytest.mark.parametrize("where", ["the entry's date", "a line of the text"])
def test_an_entry_dated_beyond_the_calendar_is_stored(server, db_path, fresh_db, settings,
                                                      nlp, when, where):
    text = FERRY[1] if where == "the entry's date" else f"Published {when}\n\n{FERRY[1]}"
    dated = when if where == "the entry's date" else ENTRY_DATE
    server.routes["/feed"] = Route(ATOM.format(when=dated, title=FERRY[0], text=text).encode(),
                                   content_type="application/atom+xml")
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    polled = poll_feed(fresh_db, source_row(fresh_db, source), now=datetime.now(UTC),
                       fetcher=Fetcher(policy=LOOPBACK))
    assert polled.queued == 1
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    [outcome] = results(fresh_db, [1]).values()
    assert outcome.status == "stored", outcome.reason
    [(title, published)] = fresh_db.execute("SELECT title, published FROM articles").fetchall()
    assert title == FERRY[0]
    assert published == (None if dated == when else ENTRY_DATE), "no date, else the entry's own"
