"""`/wirewatch sources add` of a web page: the command it suggests for the page's feed carries
``--name "…"`` (what the page calls its feed), typeable back into Slack as it is shown and
acting on nothing in Slack's code span. Bolt over real HTTP with signed requests; the page and
the feed on a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from storage.sources import list_sources
from tests.slack.conftest import run_command, started
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Item, Route, rss

TITLE = 'Coast &quot;Desk&quot; &lt;!channel&gt; `x` &amp; Co'
NAME = "Coast Desk < channel> x & Co"


def test_the_feed_a_page_names_is_suggested_with_its_name_and_added_so(slack_settings, fresh_db,
                                                                       fake_slack):
    """Before: `/wirewatch sources add FEED --every 60`, without a name."""
    with (started(replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,))) as rt,
          FeedServer() as server):
        server.routes["/"] = Route(
            (f'<html><head><link rel="alternate" type="application/rss+xml" title="{TITLE}" '
             'href="/desk.xml"></head><body><p>Welcome.</p></body></html>').encode(),
            content_type="text/html")
        server.routes["/desk.xml"] = Route(rss([Item("a", "Ferry crews walk out", "Stop.")]))
        answer = run_command(rt, fake_slack, "/wirewatch",
                             f"sources add <{server.url('/')}> --every 60")["text"]
        [command] = re.findall(r"To add its feed: `/wirewatch (.*)`\.$", answer)
        feed = server.url("/desk.xml")
        assert command == (f'sources add {feed} --name "{html.escape(NAME, quote=False)}" '
                           "--every 60"), answer
        typed = html.unescape(command).replace(feed, f"<{feed}>")
        added = run_command(rt, fake_slack, "/wirewatch", html.escape(typed, quote=False))
    assert added["text"].startswith("Added feed #1"), added["text"]
    [row] = list_sources(fresh_db)
    assert (row.location, row.name) == (feed, NAME)
