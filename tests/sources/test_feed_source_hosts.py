"""`source:` by host reads only a host the feed can vouch for: the host an entry's page was
fetched from, or the feed's own. An entry linking another host whose page was not had from
there (here a 404: its teaser is stored) is the feed's word alone, so any feed could
otherwise claim to be any outlet.

Real HTTP servers on 127.0.0.2 (the feed) and 127.0.0.3 (``wire.example``, by a fake resolver),
the worker's pipeline with the real spaCy model, real SQLite.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.feeds import poll_feed
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, page, rss
from tests.sources.stories import FERRY
from tests.sources.test_fetch_security import fetcher_with
from tests.stories.test_topic_sources import FIRST

DOCK = tuple(FIRST.split("\n\n", 1))


def _tied(db, topic_id: int) -> list[str]:
    """The source each story tied to the topic was matched by."""
    return [reason["text"] for (reasons,) in db.execute(
        "SELECT reasons FROM story_topics WHERE topic_id = ?", [topic_id])
        for reason in json.loads(reasons) if reason.get("where") == "source"]


def test_source_by_host_reads_a_fetched_page_and_not_a_link_the_feed_chose(
        db_path, fresh_db, settings, nlp):
    with FeedServer(host="127.0.0.2") as feed, FeedServer(host="127.0.0.3") as wire:
        wire.routes["/dock"] = Route(page(*DOCK), content_type="text/html")
        wire_link = f"http://wire.example:{wire.port}"
        feed.routes["/feed"] = Route(rss([
            Item("1", DOCK[0], DOCK[1][:120], link=f"{wire_link}/dock", published=at(1),
                 full=False),
            Item("2", *FERRY, link=f"{wire_link}/ferry", published=at(2))]))
        with transaction(fresh_db):
            dock = add_topic(fresh_db, name="Dock", query="dockworkers AND source:wire.example")
            ferry = add_topic(fresh_db, name="Ferry", query="ferry AND source:wire.example")
            named = add_topic(fresh_db, name="Gazette",
                              query='ferry AND source:"Harbour Gazette"')
            source = source_row(fresh_db, add_source(fresh_db, kind="feed",
                                                     location=feed.url("/feed")))
        fetcher, _ = fetcher_with({"wire.example": [["127.0.0.3"]]}, allow=("127.0.0.0/8",))
        assert poll_feed(fresh_db, source, fetcher=fetcher, now=datetime.now(UTC)).queued == 2
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    list(pipeline.ingest([row.article for row in pending(fresh_db, limit=5)]))
    assert _tied(fresh_db, dock) == ["wire.example"]
    assert _tied(fresh_db, ferry) == []
    assert _tied(fresh_db, named) == ["Harbour Gazette"]
    with transaction(fresh_db):
        later = add_topic(fresh_db, name="Ferry later", query="ferry AND source:wire.example")
        dock_later = add_topic(fresh_db, name="Dock later",
                               query="dockworkers AND source:wire.example")
    assert _tied(fresh_db, later) == [] and _tied(fresh_db, dock_later) == ["wire.example"]
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert listed.exit_code == 0, listed.output
    assert ("    1 entry linked another host than the feed's, the page not read there: "
            "`source:` matches them by the feed's name, not by that host") in listed.output


def test_a_backslash_link_is_read_as_a_browser_opens_it(fresh_db, settings, nlp):
    """``http://FEED\\@wire.example/…`` opens the feed's own host in a browser, and the fetch
    reads it so too: Python's ``urlsplit`` read wire.example, and the feed's link claimed
    `source:wire.example`. A teaser's backslash path is fetched as a browser asks for it
    (``/dock``, not ``/%5Cdock``, which the fetch sent), so the page read is the one a reader
    opens."""
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/dock"] = Route(page(*DOCK), content_type="text/html")
        own = f"http://desk.example:{feed.port}"
        feed.routes["/feed"] = Route(rss([
            Item("1", DOCK[0], DOCK[1][:120], link=f"{own}\\dock", published=at(1), full=False),
            Item("2", *FERRY, link=f"{own}\\@wire.example/ferry", published=at(2))]))
        with transaction(fresh_db):
            dock = add_topic(fresh_db, name="Dock", query="dockworkers AND source:desk.example")
            claimed = add_topic(fresh_db, name="Ferry", query="ferry AND source:wire.example")
            own_host = add_topic(fresh_db, name="Ferry here",
                                 query="ferry AND source:desk.example")
            source = source_row(fresh_db, add_source(fresh_db, kind="feed",
                                                     location=f"{own}/feed"))
        fetcher, _ = fetcher_with({"desk.example": [["127.0.0.2"]]}, allow=("127.0.0.0/8",))
        assert poll_feed(fresh_db, source, fetcher=fetcher, now=datetime.now(UTC)).queued == 2
        assert [path for path, _ in feed.requests if path != "/feed"] == [
            "/dock", "/@wire.example/ferry"]
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    list(pipeline.ingest([row.article for row in pending(fresh_db, limit=5)]))
    assert _tied(fresh_db, claimed) == []
    assert _tied(fresh_db, own_host) == ["desk.example"]
    assert _tied(fresh_db, dock) == ["desk.example"]
