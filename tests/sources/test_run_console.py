"""`wirewatch run --console` as a real process against a real feed server."""

import threading

import pytest

from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from storage.sources import add_source
from tests.sources.feedserver import Item, Route, at, page, rss
from tests.sources.process import Running
from tests.sources.stories import BRIDGE, FERRY, LIBRARY, ORCHARD


@pytest.fixture
def desk(db_path):
    db = open_db(db_path)
    with transaction(db):
        add_topic(db, name="Desk", query="ferry OR library OR frost OR bridge")
    yield db
    db.close()


def add_feed(db, url, *, alert_existing=False):
    with transaction(db):
        add_source(db, kind="feed", location=url, every=5, alert_existing=alert_existing)


def test_console_shows_alerts_for_entries_after_the_first_poll(server, desk, db_path, processes):
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
    add_feed(desk, server.url("/feed"))
    running = Running(db_path)
    processes.append(running)
    backlog = f"feed #1 {server.url('/feed')}: first poll, 1 existing entry stored as background"
    running.wait_until(lambda: any(backlog in line for line in running.errors), what=backlog)
    assert f"database: {db_path}" in running.output
    assert f"feed #1: {server.url('/feed')} (every 5 s)" in running.output
    server.routes["/feed"] = Route(rss([Item("2", *LIBRARY, published=at(2)),
                                        Item("1", *FERRY, published=at(1))]))
    running.wait_for(f"   {LIBRARY[0]}", timeout=60)
    assert "NEW STORY · Desk" in running.output
    assert running.terminate() == 0
    assert running.output.rstrip().endswith("stopped")
    assert f"   {FERRY[0]}" not in running.output
    assert (f"· no alert for “{FERRY[0]}”: background: already in the feed at its first poll"
            in running.output)
    assert sum(backlog in line for line in running.errors) == 1


def test_sigkill_mid_poll_then_restart_loses_and_repeats_nothing(server, desk, db_path,
                                                                processes):
    held = threading.Event()
    stories = [FERRY, LIBRARY, ORCHARD, BRIDGE]
    items = []
    for n, (title, text) in enumerate(stories, start=1):
        server.routes[f"/p{n}"] = Route(page(title, text), content_type="text/html",
                                        hold=held if n == 2 else None)
        items.append(Item(str(n), title, text[:140] + "…", link=server.url(f"/p{n}"),
                          published=at(n), full=False))
    server.routes["/feed"] = Route(rss(items))
    add_feed(desk, server.url("/feed"), alert_existing=True)

    first = Running(db_path)
    processes.append(first)
    first.wait_for(f"   {FERRY[0]}")
    assert server.holding.wait(30), "the poll never reached the second article page"
    first.kill()
    held.set()

    second = Running(db_path)
    processes.append(second)
    for title, _ in stories[1:]:
        second.wait_for(f"   {title}")
    assert second.terminate() == 0

    printed = first.output + "\n" + second.output
    for title, _ in stories:
        assert printed.count(f"   {title}") == 1, title
    db = open_db(db_path)
    assert sorted(r["title"] for r in db["articles"].rows) == sorted(t for t, _ in stories)
    assert [r["status"] for r in db["inbox"].rows] == ["stored"] * 4
    assert db["feed_entries"].count == 4 and db["story_articles"].count == 4
    assert "eastern footway" in db.table("articles").get(4)["body"]
