"""A feed address written with backslashes keeps its path's secrets masked wherever it is shown:
a browser (and many servers, the fetch sending ``\\`` as ``%5C``) read a backslash as ``/``, so
``\\token\\abc`` names a token as ``/token/abc`` does. The real CLI on a real SQLite file; the
listing, its JSON, `status` and the log all show an address through one function."""

from __future__ import annotations

import json
import logging

from click.testing import CliRunner

from bot.cli import cli
from bot.redact import RedactingFilter

TYPED = {
    "https://desk:pw1@feeds.example\\wire?token=tok3n9x": "https://desk:***@feeds.example/wire?token=***",
    "https://feeds.example\\news\\token\\s3cretpath1": "https://feeds.example/news/token/***",
    "https://feeds.example\\sk-live4abcdef12": "https://feeds.example/***",
    "https://feeds.example\\rss;jsessionid=sess1on77": "https://feeds.example/rss;jsessionid=***",
    "https://feeds.example/a\\apikey\\k3yvalue5": "https://feeds.example/a/apikey/***",
    "https://feeds.example/b/token%2Fencoded88x": "https://feeds.example/b/token%2F***",
}
"""Each kept as a browser reads it, backslashes as slashes (security48c)."""
SECRETS = ("pw1", "tok3n9x", "s3cretpath1", "sk-live4", "sess1on77", "k3yvalue5", "encoded88x")


def test_a_backslash_address_has_its_path_secrets_masked_in_every_listing(db_path):
    """Before: `sources list`, its JSON and `status` showed every one of these but the first
    whole past the host (`%5Cnews%5Ctoken%5Cs3cretpath1`), where `/token/…` was masked."""
    runner = CliRunner()
    for typed in TYPED:
        added = runner.invoke(cli, ["--db", str(db_path), "sources", "add", typed, "--no-check"])
        assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["--db", str(db_path), "sources", "list"]).output
    as_json = json.loads(runner.invoke(cli, ["--db", str(db_path), "sources", "list",
                                             "--json"]).output)
    status = runner.invoke(cli, ["--db", str(db_path), "status", "--json"]).output
    assert [row["location"] for row in as_json] == list(TYPED.values()), as_json
    for at, shown in enumerate(TYPED.values(), start=1):
        assert f"#{at} feed {shown} · " in listed, listed
    for written in (listed, status):
        assert not [s for s in SECRETS if s in written], written


def test_a_log_line_naming_such_an_address_masks_it_alike():
    record = logging.LogRecord("bot.ingest.feeds", logging.WARNING, __file__, 1,
                               "poll of %s failed", ("https://feeds.example\\news\\token\\"
                                                     "s3cretpath1",), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == ("poll of https://feeds.example/%5Cnews%5Ctoken%5C*** "
                                   "failed"), record.getMessage()
