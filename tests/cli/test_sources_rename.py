"""`wirewatch sources rename FEED NAME` refuses what ``source:`` could not use: an empty or
over-long name, a name another feed has (case and spacing aside), a folder, a source not
there; each refusal changes nothing. The real CLI on a real SQLite file."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db
from storage.sources import NAME_CHARS, list_sources


def test_rename_refuses_what_source_could_not_tell_apart_and_changes_nothing(db_path, tmp_path):
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["--db", str(db_path), "sources", *args])

    assert run("add", "https://a.example/rss", "--no-check", "--name", "Coast Desk").exit_code == 0
    assert run("add", "https://b.example/rss", "--no-check").exit_code == 0
    assert run("add", str(tmp_path)).exit_code == 0
    refused = {
        ("2", "coast   DESK"): 'feed #1 is named "Coast Desk" already: `source:` could not tell '
                                "the two apart; choose another name",
        ("2", " \u200b "): f"a feed's name takes 1 to {NAME_CHARS} characters, not 0",
        ("2", "x" * (NAME_CHARS + 1)): f"a feed's name takes 1 to {NAME_CHARS} characters, "
                                       f"not {NAME_CHARS + 1}",
        ("3", "Drop"): "#3 is a watched folder: its files name their own source; only a feed "
                       "is renamed",
        ("9", "Gulf"): "no source '9' (see: wirewatch sources list)",
    }
    for (ident, name), said in refused.items():
        answer = run("rename", ident, name)
        assert (answer.exit_code, answer.output) == (1, f"Error: {said}\n"), (ident, name)
    assert [row.name for row in list_sources(open_db(db_path))] == ["Coast Desk", None, None]
    by_address = run("rename", "https://b.example/rss", "Coast", "Desk", "Two")
    assert by_address.output.splitlines()[1] == ('from its next poll on, source: matches it as '
                                                 '"Coast Desk Two"'), by_address.output
    assert run("rename", "1", "COAST desk").exit_code == 0  # its own name, in other case
    assert [row.name for row in list_sources(open_db(db_path))] == ["COAST desk",
                                                                    "Coast Desk Two", None]


def test_add_refuses_a_name_another_feed_has_as_rename_does(db_path):
    """Before: `sources add --name` took a name another feed had, which rename refuses."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["--db", str(db_path), "sources", "add", *args])

    assert run("https://a.example/rss", "--no-check", "--name", "Coast Desk").exit_code == 0
    for name in ("coast   DESK", "Coast\u200b Desk"):
        answer = run("https://b.example/rss", "--no-check", "--name", name)
        assert (answer.exit_code, answer.output) == (
            1, 'Error: feed #1 is named "Coast Desk" already: `source:` could not tell the two '
               "apart; choose another name\n"), name
    assert [row.location for row in list_sources(open_db(db_path))] == ["https://a.example/rss"]
    assert run("https://b.example/rss", "--no-check", "--name", "Coast Desk Two").exit_code == 0
