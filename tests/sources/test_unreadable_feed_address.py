"""An address Python cannot read as a URL, or whose port is none, is refused when added, with
a line saying why, from the command line and from Slack, even with `--no-check` (which skips
the fetch that would have said so). Real SQLite; the Slack command's text as its handler
builds it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import Settings
from bot.permissions import Role
from bot.slack.services import Services
from handlers.commands.sources import sources_text
from storage.db import ThreadLocalDb, open_db

UNREADABLE = ["http://[wire.example/feed", "https://wire.example:99999/feed",
              "https://wire.example:rss/feed", "http://harbour.123/feed",
              "https://wire.example%2Fnews/feed"]
"""The last two ``urlsplit`` read (host ``harbour.123``, ``wire.example%2fnews``) and a browser
reads not at all: refused as ``web_link`` reads them, as every link shown is."""


@pytest.mark.parametrize("address", UNREADABLE)
def test_an_unreadable_feed_address_is_refused_on_the_command_line(db_path, address):
    """`[` made a traceback; a port past 65535 or of letters was added and failed every poll,
    and so was a host no browser or resolver reads."""
    result = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add", address,
                                      "--no-check"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "not an http:// or https:// feed address" in result.output
    assert open_db(db_path)["sources"].count == 0


@pytest.mark.parametrize("address", UNREADABLE)
def test_an_unreadable_feed_address_is_refused_from_slack(db_path, address):
    svc = Services(store=ThreadLocalDb(db_path), settings=Settings(db_path=db_path))
    answer = sources_text(svc, f"add {address}", {"role": Role.ADMIN})
    assert "not an http:// or https:// feed address" in answer
    assert open_db(db_path)["sources"].count == 0
