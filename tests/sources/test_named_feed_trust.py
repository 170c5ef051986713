"""A page added with ``--allow-private`` names its feed; the command wirewatch suggests for it
carries ``--allow-private`` only when that feed is on the page's own host: the page's server
chooses the address, and the operator's trust in one intranet host is not passed to another.

Real HTTP servers on 127.0.0.2 (the intranet page) and 127.0.0.3 (another internal host).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db
from tests.sources.feedserver import FeedServer, Item, Route, rss
from tests.sources.stories import FERRY


def _page_naming(feed: str) -> Route:
    return Route(b'<html><head><title>Intranet</title><link rel="alternate" '
                 b'type="application/rss+xml" href="' + feed.encode() + b'"></head>'
                 b"<body><p>Welcome.</p></body></html>", content_type="text/html")


@pytest.mark.parametrize("own_host", [True, False])
def test_the_suggested_feed_is_trusted_only_on_the_pages_own_host(db_path, own_host):
    with FeedServer(host="127.0.0.2") as intranet, FeedServer(host="127.0.0.3") as elsewhere:
        named = (intranet if own_host else elsewhere).url("/feed.xml")
        for server in (intranet, elsewhere):
            server.routes["/feed.xml"] = Route(rss([Item("1", FERRY[0], FERRY[1])]))
        intranet.routes["/"] = _page_naming(named)
        added = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "add",
                                         intranet.url("/"), "--allow-private"])
        assert elsewhere.requests == []
    assert added.exit_code == 1 and "Nothing was added" in added.output
    suggested = added.output.split("to add its feed: ", 1)[1]
    assert suggested.startswith(f"wirewatch sources add {named}")
    assert ("--allow-private" in suggested) is own_host
    assert open_db(db_path)["sources"].count == 0
