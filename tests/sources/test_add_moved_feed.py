"""A feed added at an address that moved for good (301) is said so as it is added, not only at
the run's first poll: the check that fetched it followed the move. A real feed server on
127.0.0.1, real SQLite, the real CLI. Invented copy."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.bounds import CUT_MARK, MOST_LINK_CHARS
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


def test_adding_a_feed_that_moved_to_an_address_too_long_to_keep_says_it_stays(server, db_path):
    """Before: 'it moved for good to http://…/new.xml?ref0=…… (a permanent redirect): `wirewatch
    run` polls it there', an address cut, and a move the polls do not make."""
    far = server.url("/new.xml") + "?" + "&".join(f"ref{n}=quay" for n in range(1_000))
    assert len(far) > MOST_LINK_CHARS
    server.routes["/old.xml"] = Route(b"", status=301, headers={"Location": far})
    server.routes[far.removeprefix(server.base)] = Route(
        rss([Item("urn:q:1", *FERRY, published=at(1))]))
    added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add",
                                     server.url("/old.xml")],
                               env={"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert added.exit_code == 0, added.output
    assert f"it moved for good to an address of {len(far):,} characters (a permanent " \
        f"redirect), longer than a link may be ({MOST_LINK_CHARS:,}): not moved there; " \
        "polled at the address given" in added.output, added.output
    assert CUT_MARK not in added.output and "polls it there" not in added.output
