"""A feed that gives an edited entry a new guid at the very link it had: news added there is
read (as at a `?ts=` link), a stamp-only change is not stored again."""

from storage.db import open_db, transaction
from storage.sources import add_source
from tests.sources.feedserver import Item, Route, at, rss
from tests.sources.process import Running
from tests.sources.stories import BRIDGE, LIBRARY
from tests.sources.test_run_console import desk  # noqa: F401 (the fixture)

NEWS = ("\n\nThe council said on Friday that the opening had been put back a week after an "
        "inspector asked for more work on the fire doors.")
STAMP = "\n\nUpdated 12 minutes ago."


def said_new(output: str) -> bool:
    """Whether the console's what's new lists the added paragraph (its lines wrapped)."""
    words = " ".join(output.split())
    return "What's new: • The council said on Friday that the opening had been put back" in words


def polls(server) -> int:
    return sum(path == "/feed" for path, _ in server.requests)


def test_news_added_under_a_new_guid_at_the_same_link_is_stored_a_stamp_is_not(
        server, desk, db_path, processes):  # noqa: F811
    """Before, the entry under a new guid at the library entry's link, with a title like its
    own, was taken for an edit whatever its text: the paragraph of news was never stored.
    Then, stored, it was called a rewrite adding no new facts: its verb and most of its words
    were new, but not the 85 % of its weight a claim needed."""
    link = server.url("/news/library")
    bridge = Item("b", *BRIDGE, link=server.url("/news/bridge"), published=at(1))
    server.routes["/feed"] = Route(rss([bridge]))
    with transaction(desk):
        add_source(desk, kind="feed", location=server.url("/feed"), every=5)
    running = Running(db_path, verbose=True)
    processes.append(running)
    running.wait_for(f"· no alert for “{BRIDGE[0]}”: background")

    server.routes["/feed"] = Route(rss([bridge, Item("l1", *LIBRARY, link=link,
                                                     published=at(2))]))
    running.wait_until(lambda: open_db(db_path)["articles"].count == 2,
                       what="the library article stored")
    stamped = Item("l2", LIBRARY[0], LIBRARY[1] + STAMP, link=link, published=at(3))
    server.routes["/feed"] = Route(rss([bridge, stamped]))
    polled = polls(server)
    running.wait_until(lambda: polls(server) >= polled + 2, what="two more polls")
    assert open_db(db_path)["articles"].count == 2

    news = Item("l3", LIBRARY[0], LIBRARY[1] + STAMP + NEWS, link=link, published=at(4))
    server.routes["/feed"] = Route(rss([bridge, news]))
    running.wait_until(lambda: open_db(db_path)["articles"].count == 3,
                       what="the paragraph of news stored")
    running.wait_until(lambda: said_new(running.output),
                       what="the paragraph of news said as what's new")
    assert running.terminate() == 0
    assert BRIDGE[1][:40] not in running.output, "the library printed as the bridge's news"

    texts = [r["body"] for r in open_db(db_path)["articles"].rows if r["title"] == LIBRARY[0]]
    assert len(texts) == 2 and any("fire doors" in text for text in texts)
