"""`/wirewatch sources add` of a feed that moved for good says so, as `wirewatch sources add`
does: the check followed the move, and the polls go to the new address. The Bolt app over real
HTTP, the fake Slack Web API, a real feed server on 127.0.0.1, real SQLite. Invented copy."""

from __future__ import annotations

from dataclasses import replace

from bot.slack.runtime import SlackRuntime
from tests.slack.conftest import run_command
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Item, Route, rss


def _added(slack_settings, fake_slack, far: str | None = None) -> tuple[str, str]:
    """The answer to adding /old.xml, which moved for good (301) to /new.xml or ``far``."""
    rt = SlackRuntime(replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,)))
    rt.start()
    try:
        with FeedServer() as server:
            new = far or server.url("/new.xml")
            server.routes["/old.xml"] = Route(b"", status=301, headers={"Location": new})
            server.routes[new.removeprefix(server.base)] = Route(
                rss([Item("q1", "Tug crews vote on rota", "The vote closes on Friday.")]))
            return run_command(rt, fake_slack, "/wirewatch",
                               f"sources add <{server.url('/old.xml')}>")["text"], new
    finally:
        rt.stop()


def test_adding_a_feed_that_moved_for_good_from_slack_says_where(slack_settings, fresh_db,
                                                                 fake_slack):
    """Before: 'Checked now: “Harbour Gazette”, 1 entry.', and nothing of the move."""
    text, new = _added(slack_settings, fake_slack)
    assert text.endswith(f"\nChecked now: “Harbour Gazette”, 1 entry. It moved for good to "
                         f"{new} (a permanent redirect): polled there from its first poll on."), \
        text
