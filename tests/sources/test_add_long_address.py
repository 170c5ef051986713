"""`wirewatch sources add` refuses, plainly and before any fetch, an address longer than any
link kept (``MOST_LINK_CHARS``): it would otherwise be fetched, stored and listed whole. Real
SQLite, a real feed server on 127.0.0.1 that must see no request."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.bounds import MOST_LINK_CHARS
from storage.db import open_db
from storage.sources import list_sources
from tests.sources.feedserver import Item, Route, rss
from tests.sources.stories import FERRY

PATH = "/desk.xml?" + "edition=harbour&" * 400


def test_an_address_longer_than_a_link_is_refused_before_any_fetch(server, db_path):
    """Before: fetched, and added with its 6,410 characters."""
    server.routes[PATH] = Route(rss([Item("1", *FERRY)]))
    address = server.url(PATH)
    assert len(address) > MOST_LINK_CHARS
    added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add", address,
                                     "--allow-private"])
    assert added.exit_code == 1, added.output
    assert (f"an address of {len(address):,} characters is longer than any feed address or "
            f"folder taken (at most {MOST_LINK_CHARS:,}): nothing was added or fetched") \
        in added.output
    assert server.requests == []
    db = open_db(db_path)
    try:
        assert list_sources(db) == []
    finally:
        db.close()
