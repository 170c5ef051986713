"""A web page added as a feed: the command wirewatch suggests for the feed the page names carries
``--name "…"``, the feed's title as the page gives it (its ``<link>``'s title, else the page's),
so that ``source:`` matches it by that name. The title is the page's text, so it is quoted to be
typed as it is shown: nothing a shell or Slack acts on, no control character, trimmed and cut.

Real HTTP server on 127.0.0.1, the real CLI on a real SQLite file, and bash reading the
suggested command as an operator's shell would."""

from __future__ import annotations

import html
import shlex
import subprocess

from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db
from storage.sources import NAME_CHARS, list_sources
from tests.sources.feedserver import FeedServer, Item, Route, rss
from tests.sources.stories import FERRY

HOSTILE = 'Harbour "Gazette" $(touch PWNED) `id` \\ !x <!channel> *bold*\x1b[2J\u202eevil\n  '
CLEANED = "Harbour Gazette (touch PWNED) id x < channel> *bold* [2J evil"
LONG = " ".join(["Coastal"] * 40)


def page_naming(feed: str, *, link_title: str | None, page_title: str) -> Route:
    titled = f' title="{html.escape(link_title)}"' if link_title is not None else ""
    return Route((f'<html><head><meta charset="utf-8"><title>{html.escape(page_title)}</title>'
                  f'<link rel="alternate" type="application/rss+xml"{titled} href="{feed}"></head>'
                  "<body><p>Welcome.</p></body></html>").encode(), content_type="text/html")


def suggested(db_path, *, link_title: str | None, page_title: str) -> tuple[str, str]:
    """The command `sources add` of the page suggests (after `wirewatch `), and the feed."""
    with FeedServer() as server:
        feed = server.url("/feed.xml")
        server.routes["/"] = page_naming(feed, link_title=link_title, page_title=page_title)
        added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add",
                                         server.url("/"), "--allow-private"])
    assert added.exit_code == 1 and "Nothing was added" in added.output, added.output
    command = added.output.split("to add its feed: wirewatch ", 1)[1]
    return command.split(" (--no-check", 1)[0], feed


def test_the_suggested_command_names_the_feed_by_its_title_quoted_for_a_shell(db_path, tmp_path):
    """Before: the suggestion was `sources add FEED --allow-private`, without a name."""
    command, feed = suggested(db_path, link_title=HOSTILE, page_title="Welcome")
    assert command == f'sources add {feed} --name "{CLEANED}" --allow-private', command
    shell_dir = tmp_path / "shell"
    shell_dir.mkdir()
    shell = subprocess.run(["bash", "-c", f"printf '%s\\n' {command}"], cwd=shell_dir,
                           capture_output=True, text=True, check=True)
    assert shell.stdout.splitlines() == ["sources", "add", feed, "--name", CLEANED,
                                         "--allow-private"], shell
    assert list(shell_dir.iterdir()) == []  # nothing ran: no file touched
    with FeedServer() as server:
        server.routes["/feed.xml"] = Route(rss([Item("1", FERRY[0], FERRY[1])]))
        typed = shlex.split(command.replace(feed, server.url("/feed.xml")))
        added = CliRunner().invoke(cli, ["--db", str(db_path), *typed])
    assert added.exit_code == 0, added.output
    [row] = list_sources(open_db(db_path))
    assert row.name == CLEANED


def test_without_a_link_title_the_pages_title_is_taken_cut_at_a_word(db_path):
    command, feed = suggested(db_path, link_title=None, page_title=f"  {LONG}  ")
    name = shlex.split(command)[4]
    assert shlex.split(command)[:4] == ["sources", "add", feed, "--name"], command
    assert LONG.startswith(name) and len(name) <= NAME_CHARS and not name.endswith(" "), name
    assert LONG[len(name)] == " ", name


def test_a_title_of_nothing_typeable_gives_no_name(db_path):
    command, feed = suggested(db_path, link_title=' "$`\\ ', page_title="\x1b\u202e")
    assert command == f"sources add {feed} --allow-private", command
