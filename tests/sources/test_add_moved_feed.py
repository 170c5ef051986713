"""A feed added at an address that moved for good (301) is said so as it is added, not only at
the run's first poll: the check that fetched it followed the move. A real feed server on
127.0.0.1, real SQLite, the real CLI. Invented copy."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from tests.sources.feedserver import Item, Route, at, rss
from tests.sources.stories import FERRY


def test_adding_a_feed_that_moved_for_good_says_where(server, db_path):
    """Before: 'checked now: “Harbour Gazette”, 1 entry', and nothing of the move."""
    server.routes["/old.xml"] = Route(b"", status=301,
                                      headers={"Location": server.url("/new.xml")})
    server.routes["/new.xml"] = Route(rss([Item("urn:q:1", *FERRY, published=at(1))]))
    added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add",
                                     server.url("/old.xml")],
                               env={"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert added.exit_code == 0, added.output
    assert f"it moved for good to {server.url('/new.xml')} (a permanent redirect): " \
        "`wirewatch run` polls it there from its first poll on" in added.output
