"""A web page naming its feed at an address too long to show whole: the suggestion was shown
cut with "…", advice no one can type. It is refused plainly instead, with what to do. A real
server on 127.0.0.1, real SQLite, the real CLI. Invented copy."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.bounds import CUT_MARK, MOST_ORIGIN_SHOWN
from tests.sources.feedserver import Route


def _page(feed: str) -> bytes:
    return (b"<html><head><title>Quayside Weekly</title><link rel='alternate' "
            b"type='application/rss+xml' href='" + feed.encode() + b"'></head><body><p>Tug "
            b"crews vote on the new rota.</p></body></html>")


def test_a_feed_named_at_an_address_too_long_to_show_is_not_suggested(server, db_path):
    """Before: '… names its feed at http://…/feed?ref0=quay&…: add that address instead', the
    address cut, and the command to type after it."""
    named = server.url("/named/feed") + "?" + "&".join(f"ref{n}=quay" for n in range(60))
    assert len(named) > MOST_ORIGIN_SHOWN
    server.routes["/"] = Route(_page(named), content_type="text/html")
    added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add", server.url("/")],
                               env={"WIREWATCH_ALLOW_NETWORKS": "127.0.0.0/8"})
    assert added.exit_code != 0
    assert "Nothing was added" in added.output
    assert f"the page names its feed at an address of {len(named):,} characters, too long " \
        "to show whole" in added.output, added.output
    assert "open it in a browser, find its RSS link" in added.output
    assert CUT_MARK not in added.output and "ref59=quay" not in added.output
    assert "to add its feed" not in added.output
