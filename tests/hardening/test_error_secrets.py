"""A credential in an address the operator typed is never printed back in an error: `wirewatch
sources add` of a feed added already, `sources remove` of one that is not, and an address of
another scheme each printed the address whole (`?apikey=…`, `user:password@`), into a
terminal, a CI log or a ticket pasted from either. The real CLI, a real SQLite file; nothing
is fetched (`--no-check`). `/wirewatch sources` alike:
`tests/slack/test_slack_sources_command.py`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import load_settings

FEED = "https://editor:SEKRETpass@wire.example/feed?apikey=SEKRETkey&format=rss"


@pytest.mark.parametrize("command", [
    ("sources", "add", FEED, "--no-check"),
    ("sources", "remove", FEED.replace("/feed", "/other")),
    ("sources", "add", FEED.replace("https:", "ftp:"), "--no-check"),
], ids=["added-already", "no-such-source", "another-scheme"])
def test_an_address_in_an_error_is_shown_without_its_credentials(tmp_path, command):
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", db, "sources", "add", FEED, "--no-check"])
    assert first.exit_code == 0, first.output
    failed = runner.invoke(cli, ["--db", db, *command])
    assert failed.exit_code == 1, failed.output
    assert "wire.example" in failed.output
    assert "SEKRET" not in failed.output, failed.output



def test_the_settings_never_show_a_secret_when_printed():
    """A traceback's locals, a debugger, a log line of an object holding the settings: each
    printed the bot token, the signing secret, the ingest token and the summary key."""
    secrets = {"SLACK_BOT_TOKEN": "xoxb-SEKRET1", "SLACK_APP_TOKEN": "xapp-SEKRET2",
               "SLACK_SIGNING_SECRET": "SEKRET3" * 5, "WIREWATCH_INGEST_TOKEN": "SEKRET4" * 5,
               "WIREWATCH_SUMMARY_API_KEY": "sk-SEKRET5"}
    settings = load_settings(secrets)
    assert settings.slack_bot_token == "xoxb-SEKRET1", "read, only not shown"
    assert "SEKRET" not in repr(settings) and "SEKRET" not in str(settings)
