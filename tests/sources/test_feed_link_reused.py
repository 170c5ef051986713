"""A feed whose new entry links to a page an earlier entry linked to (a "latest" feed linking
each item to its section's front, a CMS reusing a slug): the link is not the entry's name."""

from storage.db import open_db, transaction
from storage.sources import add_source
from tests.sources.feedserver import Item, Route, at, rss
from tests.sources.process import Running
from tests.sources.stories import FERRY, LIBRARY, ORCHARD
from tests.sources.test_run_console import desk  # noqa: F401 (the fixture)


def polls(server) -> int:
    return sum(path == "/feed" for path, _ in server.requests)


def test_a_new_entry_at_a_page_an_earlier_entry_linked_to_is_read_its_edit_is_not(
        server, desk, db_path, processes):  # noqa: F811
    """Before, the library entry (a new guid, a headline and text of its own) was taken for the
    ferry entry edited, as its link was the same: never stored, and nothing said so."""
    front = server.url("/news/latest")
    server.routes["/feed"] = Route(rss([Item("1", *FERRY, link=front, published=at(1))]))
    with transaction(desk):
        add_source(desk, kind="feed", location=server.url("/feed"), every=5)
    running = Running(db_path)
    processes.append(running)
    running.wait_for(f"· no alert for “{FERRY[0]}”: background")

    server.routes["/feed"] = Route(rss([Item("2", *LIBRARY, link=front, published=at(2))]))
    running.wait_for(f"   {LIBRARY[0]}")

    edited = (LIBRARY[0], LIBRARY[1].replace("eighteen", "eightteen"))
    server.routes["/feed"] = Route(rss([Item("2-v2", *edited, link=front, published=at(3))]))
    polled = polls(server)
    running.wait_until(lambda: polls(server) >= polled + 2, what="two more polls")
    server.routes["/feed"] = Route(rss([Item("3", *ORCHARD, link=front, published=at(4))]))
    running.wait_for(f"   {ORCHARD[0]}")
    assert running.terminate() == 0

    assert running.output.count(f"   {LIBRARY[0]}") == 1
    db = open_db(db_path)
    assert sorted(r["title"] for r in db["articles"].rows) == sorted(
        t for t, _ in (FERRY, LIBRARY, ORCHARD))
    assert db["feed_entries"].count == 3
