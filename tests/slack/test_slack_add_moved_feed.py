"""`/wirewatch sources add` of a feed that moved for good says so, as `wirewatch sources add`
does: the check followed the move, and the polls go to the new address. The Bolt app over real
HTTP, the fake Slack Web API, a real feed server on 127.0.0.1, real SQLite. Invented copy."""

from __future__ import annotations

from dataclasses import replace

from bot.ingest.bounds import CUT_MARK, MOST_LINK_CHARS, MOST_ORIGIN_SHOWN
from tests.slack.conftest import run_command, started
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Item, Route, rss


def _added(slack_settings, fake_slack, far: str | None = None) -> tuple[str, str]:
    """The answer to adding /old.xml, which moved for good (301) to /new.xml or ``far``."""
    with (started(replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))) as rt,
          FeedServer() as server):
        new = server.url(far or "/new.xml")
        server.routes["/old.xml"] = Route(b"", status=301, headers={"Location": new})
        server.routes[new.removeprefix(server.base)] = Route(
            rss([Item("q1", "Tug crews vote on rota", "The vote closes on Friday.")]))
        return run_command(rt, fake_slack, "/wirewatch",
                           f"sources add <{server.url('/old.xml')}>")["text"], new


def test_adding_a_feed_that_moved_for_good_from_slack_says_where(slack_settings, fresh_db,
                                                                 fake_slack):
    """Before: 'Checked now: “Harbour Gazette”, 1 entry.', and nothing of the move."""
    text, new = _added(slack_settings, fake_slack)
    assert text.endswith(f"\nChecked now: “Harbour Gazette”, 1 entry. It moved for good to "
                         f"{new} (a permanent redirect): polled there from its first poll on."), \
        text


def test_a_move_to_an_address_too_long_to_keep_is_said_as_no_move(slack_settings, fresh_db,
                                                                  fake_slack):
    """Before: no word of it; the feed seemed to be polled where it was added, and the run then
    moved it to the 10,000 characters."""
    far = "/new.xml?" + "&".join(f"ref{n}=quay" for n in range(1_000))
    text, new = _added(slack_settings, fake_slack, far=far)
    assert len(new) > MOST_LINK_CHARS
    assert text.endswith(f"\nChecked now: “Harbour Gazette”, 1 entry. It moved for good to an "
                         f"address of {len(new):,} characters (a permanent redirect), longer "
                         f"than a link may be ({MOST_LINK_CHARS:,}): not moved there; polled at "
                         "the address given."), text


def test_a_page_naming_its_feed_at_a_long_address_is_answered_whole(slack_settings, fresh_db,
                                                                    fake_slack):
    """Before: the page's failure cut at 300 characters ('… names its feed at http://…quay…')
    and the command to type cut at 360, its options lost."""
    with (started(replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))) as rt,
          FeedServer() as server):
        named = server.url("/rss?") + "&".join(f"q{n}=tug" for n in range(60))
        named = named[:MOST_ORIGIN_SHOWN]
        server.routes["/"] = Route(
            b"<html><head><link rel='alternate' type='application/rss+xml' href='"
            + named.encode() + b"'></head><body><p>Tug crews vote.</p></body></html>",
            content_type="text/html")
        text = run_command(rt, fake_slack, "/wirewatch",
                           f"sources add <{server.url('/')}> --every 2592000 "
                           "--alert-existing --never-duplicate")["text"]
    shown = named.replace("&", "&amp;")
    assert f"the page names its feed at {shown}: add that address instead. Nothing was " \
        "added." in text, text
    assert text.endswith(f"To add its feed: `/wirewatch sources add {shown} --every 2592000 "
                         "--alert-existing --never-duplicate`."), text
    assert CUT_MARK not in text
