"""A teaser's article page that fails in a way that may pass (503, a timeout) is asked for again
at the next polls before the teaser is stored; one that will not pass (404) gives the teaser at
once. Real feed server on 127.0.0.1, real SQLite (a killed process in one test)."""

import json
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
from click.testing import CliRunner

import bot.ingest.feeds as feeds
from bot.cli import cli
from bot.ingest.feeds import poll_feed
from bot.ingest.page_waits import PAGE_TRIES
from storage.db import open_db, transaction
from storage.inbox import pending
from storage.sources import add_source, remove_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, page, quick_fetcher, rss
from tests.sources.process import ROOT
from tests.sources.stories import BRIDGE, FERRY, LIBRARY
from tests.stopping import LAST_RESORT_S

TEASER = BRIDGE[1].split("\n\n")[0][:150] + "…"
WAITS = "the entry waits for the next poll"
GAVE_UP = "stored from the feed's teaser"


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=200_000)


def teaser_feed(server, *entries: tuple[str, str] | tuple[str, str, tuple[str, str]],
                etag: str | None = '"v"') -> None:
    """A feed of teaser entries (guid, page path, and the story whose page it is, BRIDGE when
    not given), each linking to its page on the server."""
    items = []
    for n, (guid, path, *story) in enumerate(entries):
        title, text = story[0] if story else BRIDGE
        items.append(Item(guid, title, text.split("\n\n")[0][:150] + "…",
                          link=server.url(path), published=at(n), full=False))
    server.routes["/feed"] = Route(rss(list(reversed(items))), etag=etag)


def feed_source(db, url, **kw):
    with transaction(db):
        return source_row(db, add_source(db, kind="feed", location=url, every=60, **kw))


def poll(db, source_id, fetcher, now, **kw):
    return poll_feed(db, source_row(db, source_id), fetcher=fetcher, now=now, **kw)


def waiting_rows(db) -> list[tuple]:
    return db.execute("SELECT key, tries FROM page_attempts ORDER BY key").fetchall()


def texts(db) -> list[str]:
    return [row.article.text for row in pending(db, limit=20)]


def test_a_page_answering_503_then_200_gives_the_full_text_on_the_next_poll(
        server, fresh_db, fetcher, caplog):
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"), alert_existing=True)

    first = poll(fresh_db, source.id, fetcher, at(10))
    assert (first.queued, first.waiting, first.retry) == (0, 1, 0)
    assert texts(fresh_db) == [] and waiting_rows(fresh_db) == [("b1", 1)]
    assert f"503 Service Unavailable: a problem on the site's side; {WAITS} (try 1 of 3)" \
        in caplog.text
    assert source_row(fresh_db, source.id).etag is None  # the feed is read whole next time

    server.routes["/news/bridge"] = Route(page(*BRIDGE), content_type="text/html")
    second = poll(fresh_db, source.id, fetcher, at(15))
    assert (second.queued, second.waiting) == (1, 0)
    [text] = texts(fresh_db)
    assert "Lotte Brandt" in text and text != TEASER
    assert waiting_rows(fresh_db) == [] and GAVE_UP not in caplog.text
    assert source_row(fresh_db, source.id).etag == '"v"'
    assert poll(fresh_db, source.id, fetcher, at(20)).not_modified
    assert server.hits("/news/bridge") == 2


def test_a_page_timing_out_three_polls_in_a_row_gives_the_teaser_on_the_third_once(
        server, fresh_db, caplog):
    fetcher = quick_fetcher(max_bytes=200_000)
    server.routes["/news/bridge"] = Route(page(*BRIDGE), content_type="text/html", delay=1.0)
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))

    results = [poll(fresh_db, source.id, fetcher, at(10 + 5 * n)) for n in range(PAGE_TRIES)]
    assert [(r.queued, r.waiting) for r in results] == [(0, 1), (0, 1), (1, 0)]
    assert "timed out" in caplog.text
    assert f"{WAITS} (try 1 of 3)" in caplog.text and f"{WAITS} (try 2 of 3)" in caplog.text
    assert caplog.text.count(GAVE_UP) == 1
    assert f"{GAVE_UP} after 3 tries (the page is not fetched again)" in caplog.text
    assert texts(fresh_db) == [TEASER] and waiting_rows(fresh_db) == []

    server.routes["/news/bridge"] = Route(page(*BRIDGE), content_type="text/html")
    teaser_feed(server, ("b1", "/news/bridge"), etag='"w"')
    again = poll(fresh_db, source.id, fetcher, at(30))
    assert (again.queued, again.unchanged) == (0, True)  # the bytes read whole last time
    assert texts(fresh_db) == [TEASER], "the teaser was followed by the full text as a second"
    assert server.hits("/news/bridge") == PAGE_TRIES


def test_the_teaser_is_stored_thirty_minutes_after_the_first_failure(server, fresh_db, fetcher,
                                                                     caplog):
    server.routes["/news/bridge"] = Route(b"busy", status=502, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(0)).waiting == 1
    late = poll(fresh_db, source.id, fetcher, at(0) + timedelta(minutes=31))
    assert (late.queued, late.waiting) == (1, 0)
    assert f"{GAVE_UP}, 31 minutes after its first failure (the page is not fetched again)" \
        in caplog.text
    assert texts(fresh_db) == [TEASER]


@pytest.mark.parametrize("route", [
    Route(b"none", status=404, content_type="text/plain"),
    Route(b"gone", status=410, content_type="text/plain"),
    Route(b"no", status=403, content_type="text/plain"),
    Route(bytes(range(256)) * 4, content_type="application/octet-stream"),
], ids=["404", "410", "403", "not-html"])
def test_a_page_that_will_not_pass_gives_the_teaser_at_once(server, fresh_db, fetcher, caplog,
                                                            route):
    server.routes["/news/bridge"] = route
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))
    result = poll(fresh_db, source.id, fetcher, at(10))
    assert (result.queued, result.waiting) == (1, 0)
    assert texts(fresh_db) == [TEASER] and waiting_rows(fresh_db) == []
    assert f"{GAVE_UP} (the page is not fetched again)" in caplog.text
    assert WAITS not in caplog.text
    assert "re-add the source" not in caplog.text


def test_a_page_answering_429_says_so_without_the_feed_owners_advice(server, fresh_db, fetcher,
                                                                    caplog):
    server.routes["/news/bridge"] = Route(b"slow down", status=429, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(10)).waiting == 1
    assert f"the server answered 429 Too Many Requests; {WAITS} (try 1 of 3)" in caplog.text
    assert "--every" not in caplog.text


KILLED_POLL = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    from bot.ingest.feeds import poll_feed
    from storage.db import open_db
    from storage.sources import source_row
    from tests.sources.feedserver import loopback_fetcher
    db = open_db(sys.argv[1])
    poll_feed(db, source_row(db, int(sys.argv[2])), fetcher=loopback_fetcher(),
              now=datetime.fromisoformat(sys.argv[3]))
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_the_tries_survive_a_killed_process(server, db_path, fetcher, caplog):
    """The count lives in SQLite: two polls by processes killed right after them, then a third
    by a fresh one, and the teaser comes on the third try, not the first of a new count."""
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    db = open_db(db_path)
    source = feed_source(db, server.url("/feed"))
    db.close()
    for n in range(2):
        killed = subprocess.run([sys.executable, "-c", KILLED_POLL, str(db_path),
                                 str(source.id), at(10 + 5 * n).isoformat()],
                                cwd=ROOT, capture_output=True, text=True,
                                timeout=LAST_RESORT_S)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert f"(try {n + 1} of 3)" in killed.stderr
    restarted = open_db(db_path)
    assert waiting_rows(restarted) == [("b1", 2)]
    third = poll(restarted, source.id, fetcher, at(20))
    assert (third.queued, third.waiting) == (1, 0)
    assert f"{GAVE_UP} after 3 tries" in caplog.text
    assert texts(restarted) == [TEASER] and waiting_rows(restarted) == []
    restarted.close()


@pytest.mark.usefixtures("run_logging")
def test_an_entry_waiting_since_a_first_poll_stays_background(server, fresh_db, fetcher,
                                                              caplog):
    """The first poll's backlog closes as before; the entry that waited for its page is still
    one the feed already carried, so it alerts nobody when it is stored."""
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    server.routes["/news/ferry"] = Route(page(*FERRY), content_type="text/html")
    teaser_feed(server, ("b1", "/news/bridge"), ("f1", "/news/ferry"))
    source = feed_source(fresh_db, server.url("/feed"))
    first = poll(fresh_db, source.id, fetcher, at(10))
    assert (first.queued, first.waiting, first.background) == (1, 1, True)
    assert ("1 existing entry stored as background (no alerts); 1 more waiting for an article "
            "page will be background too") in caplog.text

    server.routes["/news/bridge"] = Route(page(*BRIDGE), content_type="text/html")
    server.routes["/news/library"] = Route(page(*LIBRARY), content_type="text/html")
    teaser_feed(server, ("b1", "/news/bridge"), ("f1", "/news/ferry"), ("l1", "/news/library"))
    second = poll(fresh_db, source.id, fetcher, at(15))
    assert (second.queued, second.skipped, second.background) == (2, 1, False)
    flags = {row.article.url: row.article.background for row in pending(fresh_db, limit=10)}
    assert flags == {server.url("/news/ferry"): True, server.url("/news/bridge"): True,
                     server.url("/news/library"): False}
    assert source_row(fresh_db, source.id).backlog_entries == 2


def test_retried_pages_count_towards_the_pages_of_a_poll(server, fresh_db, fetcher,
                                                         monkeypatch):
    monkeypatch.setattr(feeds, "PAGES_PER_POLL", 2)
    server.routes["/p1"] = Route(b"busy", status=503, content_type="text/plain")
    server.routes["/p2"] = Route(page(*FERRY), content_type="text/html")
    server.routes["/p3"] = Route(page(*LIBRARY), content_type="text/html")
    teaser_feed(server, ("e1", "/p1"), ("e2", "/p2", FERRY), ("e3", "/p3", LIBRARY))
    source = feed_source(fresh_db, server.url("/feed"), alert_existing=True)
    first = poll(fresh_db, source.id, fetcher, at(10))
    assert (first.queued, first.waiting, first.left) == (1, 1, 1)
    server.routes["/p1"] = Route(page(*BRIDGE), content_type="text/html")
    second = poll(fresh_db, source.id, fetcher, at(15))
    assert (second.queued, second.skipped, second.left) == (2, 1, 0)
    assert [server.hits(p) for p in ("/p1", "/p2", "/p3")] == [2, 1, 1]
    assert len(texts(fresh_db)) == 3 and TEASER not in texts(fresh_db)


def test_an_entry_known_by_its_link_keeps_its_tries_when_its_guid_changes(server, fresh_db,
                                                                          fetcher):
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(10))
    teaser_feed(server, ("b1-edited", "/news/bridge"))
    poll(fresh_db, source.id, fetcher, at(15))
    assert waiting_rows(fresh_db) == [("b1", 2)]
    assert poll(fresh_db, source.id, fetcher, at(20)).queued == 1
    assert texts(fresh_db) == [TEASER] and waiting_rows(fresh_db) == []


def test_the_tries_of_entries_gone_from_the_feed_or_a_removed_source_are_dropped(
        server, fresh_db, fetcher):
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    server.routes["/news/ferry"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"), ("f1", "/news/ferry"))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(10))
    assert waiting_rows(fresh_db) == [("b1", 1), ("f1", 1)]
    teaser_feed(server, ("f1", "/news/ferry"))
    poll(fresh_db, source.id, fetcher, at(15))
    assert waiting_rows(fresh_db) == [("f1", 2)]
    with transaction(fresh_db):
        remove_source(fresh_db, source.id)
    assert waiting_rows(fresh_db) == []


def test_a_page_cut_off_by_a_shutdown_is_not_counted_as_a_try(server, fresh_db, fetcher):
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(fresh_db, server.url("/feed"))
    result = poll(fresh_db, source.id, fetcher, at(10),
                  stopping=lambda: server.hits("/news/bridge") > 0)
    assert (result.queued, result.waiting) == (0, 0)
    assert waiting_rows(fresh_db) == [] and texts(fresh_db) == []


def test_sources_list_shows_the_entries_waiting_for_their_page(server, db_path, fresh_db,
                                                               fetcher):
    server.routes["/news/bridge"] = Route(b"busy", status=503, content_type="text/plain")
    server.routes["/news/ferry"] = Route(b"slow down", status=429, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/bridge"), ("f1", "/news/ferry"))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(10))
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert "2 entries waiting for their article page (asked for again at the next poll)" \
        in listed.output
    as_json = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list", "--json"])
    assert json.loads(as_json.output)[0]["waiting_for_page"] == 2


def test_a_page_redirecting_to_an_address_that_is_not_one_gives_its_teaser(server, fresh_db,
                                                                        fetcher, caplog):
    """A server's Location Python cannot read (`http://[::1`): that entry's failure, not a
    poll raising at it every time (which left every entry of the feed unread)."""
    server.routes["/news/bridge"] = Route(status=302, headers={"Location": "http://[::1"})
    server.routes["/news/ferry"] = Route(page(*FERRY), content_type="text/html")
    teaser_feed(server, ("b1", "/news/bridge"), ("f1", "/news/ferry", FERRY))
    source = feed_source(fresh_db, server.url("/feed"), alert_existing=True)
    result = poll(fresh_db, source.id, fetcher, at(10))
    assert (result.queued, result.error) == (2, None)
    assert TEASER in texts(fresh_db) and "not a valid address" in caplog.text
    server.routes["/feed"] = Route(status=301, headers={"Location": "http://[::1"})
    moved = poll(fresh_db, source.id, fetcher, at(20))
    assert "not a valid address" in (moved.error or "")
    assert source_row(fresh_db, source.id).failures == 1


@pytest.mark.parametrize("length", ["\u00b2", "1" * 5000], ids=["superscript", "5000-digits"])
def test_a_length_in_superscript_digits_is_read_as_no_length(server, fresh_db, fetcher, length):
    """`Content-Length: ²` passes str.isdigit but not int(), nor do 5,000 ASCII digits (Python
    refuses over 4,300): the ValueError left the poll at the page (no entry of the feed read
    again, no failure recorded) or at the feed itself."""
    bridge = Route(page(*BRIDGE), content_type="text/html", declare_length=False,
                   headers={"Content-Length": length})
    source = read_from_its_page(server, fresh_db, fetcher, bridge)
    feed = server.routes["/feed"]
    server.routes["/feed"] = Route(feed.body, declare_length=False,
                                   headers={"Content-Length": length})
    again = poll(fresh_db, source.id, fetcher, at(20))
    assert (again.error, source_row(fresh_db, source.id).failures) == (None, 0)


def test_a_page_in_a_charset_no_browser_knows_is_still_read(server, fresh_db, fetcher):
    """`Content-Type: text/html; charset=base64` over bytes that are not UTF-8: decoding raised
    LookupError out of the whole poll (no entry of the feed read again, no failure recorded)."""
    latin1 = page(*BRIDGE).replace(b"</p>", "<p>Caf\u00e9 owners were told.</p>".encode(), 1)
    read_from_its_page(server, fresh_db, fetcher, Route(
        latin1.decode().encode("latin-1"), content_type="text/html; charset=base64"))


def read_from_its_page(server, db, fetcher, route: Route):
    """A teaser entry whose page ``route`` serves, polled: stored from the page, not the
    teaser. The feed's source."""
    server.routes["/news/bridge"] = route
    teaser_feed(server, ("b1", "/news/bridge"))
    source = feed_source(db, server.url("/feed"), alert_existing=True)
    result = poll(db, source.id, fetcher, at(10))
    assert (result.queued, result.error) == (1, None)
    last = BRIDGE[1].split("\n\n")[-1][:60]
    assert any(last in text for text in texts(db)), "the page, not the teaser"
    return source


def test_a_new_entry_at_the_link_of_a_waiting_entry_has_tries_of_its_own(server, fresh_db,
                                                                         fetcher):
    """Before, the library entry, put at the page the bridge entry waited for (a "latest" feed
    linking each entry to one page), took the bridge entry's tries as its own."""
    server.routes["/news/latest"] = Route(b"busy", status=503, content_type="text/plain")
    teaser_feed(server, ("b1", "/news/latest"))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(10))
    poll(fresh_db, source.id, fetcher, at(12))
    teaser_feed(server, ("l1", "/news/latest", LIBRARY))
    assert poll(fresh_db, source.id, fetcher, at(15)).queued == 0
    assert waiting_rows(fresh_db) == [("l1", 1)]
