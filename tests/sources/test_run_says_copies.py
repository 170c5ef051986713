"""`wirewatch run` says what became of an input that was an exact copy of a stored article: the
same article by a feed and by the watched folder, a file dropped again under another name."""

from storage.db import transaction
from storage.sources import add_source
from tests.conftest import write
from tests.sources.feedserver import Item, Route, at, rss
from tests.sources.process import Running
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_run_console import desk  # noqa: F401 (the fixture)

SAID = f"same text as an article already stored (#1 “{FERRY[0]}”)"


def test_console_says_an_exact_copy_by_the_folder_or_a_feed_is_not_stored_again(
        server, desk, db_path, tmp_path, processes):  # noqa: F811
    """Before, nothing was printed for either copy (only `-v` logged `duplicate PATH`): a desk
    dropping a file met silence and could not tell it had been read."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    server.routes["/feed"] = Route(rss([]))
    with transaction(desk):
        add_source(desk, kind="feed", location=server.url("/feed"), every=5)
    running = Running(db_path, mode=("--console", "--interval", "0.2", "--watch", str(inbox)))
    processes.append(running)
    running.wait_for("empty: drop .txt")
    write(inbox / "ferry.txt", f"{FERRY[0]}\n\n{FERRY[1]}\n")
    running.wait_for(f"   {FERRY[0]}")

    again = write(inbox / "ferry-again.txt", f"{FERRY[0]}\n\n{FERRY[1]}\n")
    running.wait_for(f"· no alert for “{again}”: {SAID}")
    server.routes["/feed"] = Route(rss([Item("f1", *FERRY, published=at(1)),
                                        Item("l1", *LIBRARY, published=at(2))]))
    running.wait_for(f"   {LIBRARY[0]}")
    assert running.terminate() == 0
    assert f"· no alert for “{FERRY[0]}”: {SAID}" in running.output
    assert running.output.count(f"   {FERRY[0]}") == 1
