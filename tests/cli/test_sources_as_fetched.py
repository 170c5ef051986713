"""A source's address is shown with the host its fetch connects to: urllib3 ends the host at a
backslash, where ``urlsplit`` reads what comes before an ``@`` as credentials. The real CLI on a
real SQLite file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli

TYPED = "http://10.1.2.3\\@wire.example/news.rss"
FETCHED = "http://10.1.2.3/@wire.example/news.rss"
"""Kept as a browser reads it (security48c): urllib3 asked for ``/%5C@wire.example/…``."""


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


def test_a_password_before_the_host_urlsplit_reads_stays_masked_as_the_fetch_reads_it(db_path):
    """What ``urlsplit`` read as a password goes to the host before the backslash as part of
    the path: shown there, masked still."""
    runner = CliRunner()
    typed = "http://10.1.2.4\\:s3cret@wire.example/x.rss"
    added = runner.invoke(cli, ["--db", str(db_path), "sources", "add", typed, "--no-check",
                                "--allow-private"])
    assert added.exit_code == 0 and "s3cret" not in added.output, added.output
    listed = runner.invoke(cli, ["--db", str(db_path), "sources", "list"]).output
    assert listed.startswith("#1 feed http://10.1.2.4/:***@wire.example/x.rss · "), listed
    assert "s3cret" not in listed, listed


def test_a_feed_address_is_kept_as_a_browser_reads_it(db_path):
    """A browser reads each backslash before the query as a slash: ``https:\\\\wire.example``
    was refused (``urlsplit`` found no host) and is the feed at wire.example; the address is
    kept with slashes, so the fetch, the listing and a browser read one host and path."""
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", str(db_path), "sources", "add",
                                "https:\\\\wire.example\\news\\all.rss?q=a\\b", "--no-check"])
    assert added.exit_code == 0, added.output
    [row] = json.loads(runner.invoke(cli, ["--db", str(db_path), "sources", "list",
                                           "--json"]).output)
    assert row["location"] == "https://wire.example/news/all.rss?q=a\\b", row
