"""A source's address is shown with the host its fetch connects to: urllib3 ends the host at a
backslash, where ``urlsplit`` reads what comes before an ``@`` as credentials. The real CLI on a
real SQLite file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli

TYPED = "http://10.1.2.3\\@wire.example/news.rss"
FETCHED = "http://10.1.2.3/%5C@wire.example/news.rss"


def test_sources_list_shows_a_backslash_address_with_the_host_it_is_fetched_from(db_path):
    """Before: `sources list` showed http://***@wire.example/news.rss, a host never asked and
    credentials the address does not hold; the fetch goes to 10.1.2.3."""
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", str(db_path), "sources", "add", TYPED, "--no-check",
                                "--allow-private"])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.startswith(f"#1 feed {FETCHED} · "), listed.output
    assert "***" not in listed.output, listed.output
    [row] = json.loads(runner.invoke(cli, ["--db", str(db_path), "sources", "list",
                                           "--json"]).output)
    assert row["location"] == FETCHED, row
