"""A feed paused because its stored address, read as a browser reads it, would be refused now
(``bot.ingest.stored_addresses``) is said in `/wirewatch status` and `/wirewatch sources`, with
why and the command that mends it, over signed HTTP against the fake Slack."""

from __future__ import annotations

from bot.ingest.addresses import AddressPolicy
from bot.ingest.stored_addresses import read_as_added
from storage.db import transaction
from storage.sources import source_row
from tests.slack.conftest import run_command


def test_a_paused_feed_is_said_in_status_and_sources(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        fresh_db.table("sources").insert({
            "id": 1, "kind": "feed", "location": "http://10.0.0.1\\@wire.example/feed",
            "every": 60, "added_at": "2026-12-01T00:00:00+00:00"})
    paused = read_as_added(fresh_db, source_row(fresh_db, 1), AddressPolicy())
    assert paused.paused and "refusing to fetch from 10.0.0.1" in paused.paused, paused
    for asked in ("status", "sources"):
        said = run_command(runtime, fake_slack, "/wirewatch", asked)["text"]
        assert "1 paused" in said and "PAUSED" in said, said
        assert "not fetched: its stored address read as a browser reads it is " \
               "http://10.0.0.1/@wire.example/feed" in said, said
        assert "`/wirewatch sources remove 1`, then add the address meant" in said, said
        assert "next poll" not in said, said
