"""A feed that stamps a line of an entry's text at every poll ("updated N minutes ago"), with a
new guid, a later date and a `?ts=` link: the entry is stored once, each stamp said as an edit."""

from dataclasses import replace

from storage.db import open_db, transaction
from storage.sources import add_source
from tests.sources.feedserver import Item, Route, at, page, rss
from tests.sources.process import Running
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.sources.test_run_console import desk  # noqa: F401 (the fixture)

FROST_MONDAY = ("Weather forecast", "Frost on the hills before dawn, then a dry and bright "
                "morning. Cloud thickens from the west after lunch with a light breeze.")
FROST_TUESDAY = ("Weather forecast", "Heavy rain moves in overnight and lingers until noon; "
                 "frost is unlikely, though gusts along the coast may reach gale force.")


def polls(server) -> int:
    return sum(path == "/feed" for path, _ in server.requests)


def serve(server, items: list[tuple[Item, str]]) -> None:
    """The feed of these teasers, each entry's page served at its own link (query and all)."""
    for item, text in items:
        path = item.link.removeprefix(server.base) if item.link else ""
        server.routes[path] = Route(page(item.title, text), content_type="text/html")
    server.routes["/feed"] = Route(rss([item for item, _ in items]))


def stamped(server, n: int) -> tuple[Item, str]:
    """The ferry entry as the feed writes it at its n-th poll: a new guid, link and date."""
    text = f"Updated {n} minutes ago · read {1200 + 37 * n} times.\n\n{FERRY[1]}"
    link = server.url(f"/news/ferry-strike?ts={1000 + n}")
    return Item(f"ferry-{n}", FERRY[0], text[:240] + "…", link=link, published=at(2 + n),
                full=False), text


def whole(item: Item, text: str) -> tuple[Item, str]:
    """The entry with its whole text in the feed (no teaser cut where a sentence is added)."""
    return replace(item, text=text, full=True), text


def add_feed(desk, server) -> None:  # noqa: F811
    with transaction(desk):
        add_source(desk, kind="feed", location=server.url("/feed"), every=5)


def started(server, desk, db_path, processes, *,  # noqa: F811
            verbose: bool = False) -> tuple[tuple[Item, str], Running]:
    """The bridge entry's feed added and polled once by `run --console`."""
    bridge = (Item("b", *BRIDGE, link=server.url("/news/bridge"), published=at(1)), BRIDGE[1])
    serve(server, [bridge])
    add_feed(desk, server)
    running = Running(db_path, verbose=verbose)
    processes.append(running)
    running.wait_for(f"· no alert for “{BRIDGE[0]}”: background")
    return bridge, running


def stored_once(db_path, running: Running) -> None:
    """Once the library entry is printed, `run` stopped: the bridge, ferry and library
    articles stored once each, three entries kept, the ferry printed once."""
    running.wait_for(f"   {LIBRARY[0]}")
    assert running.terminate() == 0
    db = open_db(db_path)
    assert sorted(r["title"] for r in db["articles"].rows) == sorted(
        t for t, _ in (BRIDGE, FERRY, LIBRARY))
    assert db["feed_entries"].count == 3
    assert running.output.count(FERRY[0]) == 1


def test_an_entry_stamped_anew_at_every_poll_is_stored_and_printed_once(
        server, desk, db_path, processes):  # noqa: F811
    """Before, each poll's stamp made a new entry: the ferry article stored and printed again
    at every poll."""
    bridge, running = started(server, desk, db_path, processes, verbose=True)

    serve(server, [bridge, stamped(server, 1)])
    running.wait_for(f"   {FERRY[0]}")
    for n in range(2, 6):
        polled = polls(server)
        serve(server, [bridge, stamped(server, n)])
        running.wait_until(lambda after=polled: polls(server) > after,
                           what="a poll")
    library = (Item("l", *LIBRARY, link=server.url("/news/library"), published=at(9)),
               LIBRARY[1])
    serve(server, [bridge, stamped(server, 6), library])
    stored_once(db_path, running)
    assert server.hits("/news/ferry-strike?ts=1001") == 1
    assert not any(server.hits(f"/news/ferry-strike?ts={1000 + n}") for n in range(2, 7))
    assert sum("is a seen entry edited (4 words changed), not stored again" in line
               for line in running.errors) >= 4


def test_a_same_title_page_with_other_text_is_stored(server, desk, db_path, processes):  # noqa: F811
    """A guard: another day's forecast at the same page (`?id=N`) under the same title."""
    bridge, running = started(server, desk, db_path, processes)

    monday = (Item("w1", *FROST_MONDAY, link=server.url("/weather?id=1"), published=at(2)),
              FROST_MONDAY[1])
    serve(server, [bridge, monday])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 2,
                       what="Monday's forecast stored")
    tuesday = (Item("w2", *FROST_TUESDAY, link=server.url("/weather?id=2"), published=at(3)),
               FROST_TUESDAY[1])
    serve(server, [bridge, monday, tuesday])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 3,
                       what="Tuesday's forecast stored")
    assert running.terminate() == 0

    db = open_db(db_path)
    assert sorted(r["url"] for r in db["articles"].rows if r["title"] == "Weather forecast") \
        == [server.url("/weather?id=1"), server.url("/weather?id=2")]


def test_a_short_sentence_of_news_added_to_a_stamped_entry_is_stored(
        server, desk, db_path, processes):  # noqa: F811
    """Before, "Three people died." added alone to the stamped ferry entry (its stamp line as
    stored) was taken for an edit: the news was never stored."""
    bridge, running = started(server, desk, db_path, processes, verbose=True)

    serve(server, [bridge, whole(*stamped(server, 1))])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 2,
                       what="the ferry article stored")
    serve(server, [bridge, whole(*stamped(server, 2))])
    polled = polls(server)
    running.wait_until(lambda: polls(server) >= polled + 2, what="two more polls")
    assert open_db(db_path)["articles"].count == 2

    item, text = stamped(server, 3)[0], stamped(server, 1)[1]
    text = text.replace("\n\n", "\n\nThree people died.\n\n", 1)
    serve(server, [bridge, whole(item, text)])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 3,
                       what="the sentence of news stored")
    bodies = ferry_bodies(db_path, running)
    assert len(bodies) == 2 and any("Three people died." in body for body in bodies)


def test_a_short_sentence_added_atop_a_teaser_is_stored(server, desk, db_path, processes):  # noqa: F811
    """A feed cutting each entry at 240 characters, reissued under a new guid: before, "Three
    people died." added near the top pushed as many words off the teaser's end, taken away, so
    the change read as a typo corrected and the news was never stored."""
    bridge, running = started(server, desk, db_path, processes)

    first, text = stamped(server, 1)
    serve(server, [bridge, (first, text)])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 2,
                       what="the ferry article stored")
    text = text.replace("\n\n", "\n\nThree people died.\n\n", 1)
    item = replace(stamped(server, 2)[0], text=text[:240] + "…")
    serve(server, [bridge, (item, text)])
    running.wait_until(lambda: open_db(db_path)["articles"].count == 3,
                       what="the sentence of news stored")
    bodies = ferry_bodies(db_path, running)
    assert len(bodies) == 2 and any("Three people died." in body for body in bodies)


def changed_between_stamps(server, desk, db_path, processes, line: str,  # noqa: F811
                           old: str, new: str) -> list[str]:
    """The ferry entry with ``line`` below its stamp line at one poll, then with ``old`` in it
    become ``new`` under the next: the bodies stored under the ferry's title once both are."""
    bridge, running = started(server, desk, db_path, processes)
    for n, shown in ((1, line), (2, line.replace(old, new))):
        item, text = stamped(server, n)
        serve(server, [bridge, whole(item, text.replace("\n\n", f"\n\n{shown}\n\n", 1))])
        running.wait_until(lambda n=n: open_db(db_path)["articles"].count == 1 + n,
                           what=f"the ferry article of stamp {n} stored")
    return ferry_bodies(db_path, running)


def ferry_bodies(db_path, running: Running) -> list[str]:
    """Once the run has stopped cleanly, the bodies stored under the ferry's title."""
    assert running.terminate() == 0
    return [r["body"] for r in open_db(db_path)["articles"].rows if r["title"] == FERRY[0]]


def test_a_figure_changed_in_a_stamped_entry_is_stored(server, desk, db_path, processes):  # noqa: F811
    """Before, "Two crew members were hurt." becoming "Three ..." as the stamp line changed read
    as numbers changed alone (a stamp's): the news was never stored."""
    bodies = changed_between_stamps(server, desk, db_path, processes,
                                    "Two crew members were hurt.", "Two", "Three")
    assert len(bodies) == 2 and any("Three crew members were hurt." in body for body in bodies)


def test_a_clock_time_of_the_news_changed_in_a_stamped_entry_is_stored(
        server, desk, db_path, processes):  # noqa: F811
    """Before, a clock time was a stamp's wherever it stood: "The last crossing leaves at 21:40"
    becoming "at 22:15" as the stamp line changed read as a stamp's number: never stored."""
    bodies = changed_between_stamps(server, desk, db_path, processes,
                                    "The last crossing leaves at 21:40 tonight.", "21:40", "22:15")
    assert len(bodies) == 2 and any("leaves at 22:15 tonight." in body for body in bodies)
