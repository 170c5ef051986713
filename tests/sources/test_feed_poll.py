import threading
from dataclasses import replace
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape

import pytest

from bot.feed_check import check_feed
from bot.ingest import feeds, first_poll
from bot.ingest.clean import clean_article
from bot.ingest.feed_parse import FeedError, parse_feed
from bot.ingest.feeds import PAGES_PER_POLL, poll_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.markup import html_text
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, remove_source, source_row
from tests.sources.feedserver import (
    LOOPBACK,
    Item,
    Route,
    at,
    loopback_fetcher,
    page,
    quick_fetcher,
    rss,
)
from tests.sources.stories import BRIDGE, FERRY, LIBRARY, ORCHARD
from tests.stopping import LAST_RESORT_S


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=200_000)


def feed_source(db, url, every=60):
    with transaction(db):
        return source_row(db, add_source(db, kind="feed", location=url, every=every))


def poll(db, source_id, fetcher, now):
    return poll_feed(db, source_row(db, source_id), fetcher=fetcher, now=now)


def item(n, story, minutes, **kw):
    title, text = story
    return Item(guid=f"urn:gazette:{n}", title=title, text=text, published=at(minutes), **kw)


def test_new_entries_are_queued_oldest_first_and_only_once(server, fresh_db, fetcher):
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]), etag='"a"')
    source = feed_source(fresh_db, server.url("/feed"))
    first = poll(fresh_db, source.id, fetcher, at(30))
    assert (first.queued, first.skipped) == (2, 0)
    queued = [row.article for row in pending(fresh_db, limit=10)]
    assert [r.title for r in queued] == [FERRY[0], LIBRARY[0]]
    assert queued[0].source == "Harbour Gazette"
    assert "Maren Solberg" in queued[0].text and "\n\n" in queued[0].text

    again = poll(fresh_db, source.id, fetcher, at(31))
    assert again.not_modified and server.requests[-1][1]["If-None-Match"] == '"a"'

    server.routes["/feed"] = Route(rss([item(3, ORCHARD, 40), item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]), etag='"b"')
    third = poll(fresh_db, source.id, fetcher, at(45))
    assert (third.queued, third.skipped) == (1, 2)
    assert [r.article.title for r in pending(fresh_db, limit=10)][-1] == ORCHARD[0]
    stored = source_row(fresh_db, source.id)
    assert stored.items == 3 and stored.etag == '"b"' and stored.failures == 0


def test_a_feed_sent_again_unchanged_without_validators_is_not_parsed_again(server, fresh_db,
                                                                            fetcher):
    """A server that sends no ETag or Last-Modified sends the whole feed at every poll: each
    was parsed and each entry looked up (a 16 MB feed of 10,000 entries: seconds of CPU a
    poll) to find nothing new. The body the last poll read whole is now known by its digest
    and taken as a 304 would be; a changed body is read."""
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(30)).queued == 2
    again = poll(fresh_db, source.id, fetcher, at(31))
    assert (again.unchanged, again.queued, again.skipped) == (True, 0, 0)
    assert len(server.requests) == 2 and "If-None-Match" not in server.requests[-1][1]
    assert source_row(fresh_db, source.id).last_success_at == at(31).isoformat()
    server.routes["/feed"] = Route(rss([item(3, ORCHARD, 40), item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]))
    changed = poll(fresh_db, source.id, fetcher, at(45))
    assert (changed.unchanged, changed.queued, changed.skipped) == (False, 1, 2)
    assert poll(fresh_db, source.id, fetcher, at(46)).unchanged


def test_a_feed_whose_last_poll_left_an_entry_is_read_again_though_unchanged(server, fresh_db,
                                                                             fetcher):
    """Only a body read whole is skipped: an entry whose page failed in a way that may pass
    is asked for again at the next poll of the same bytes."""
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10, full=False,
                                             link=server.url("/story"))]))
    server.routes["/story"] = Route(b"busy", status=503, content_type="text/html")
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(30)).waiting == 1
    server.routes["/story"] = Route(page(*FERRY), content_type="text/html; charset=utf-8")
    again = poll(fresh_db, source.id, fetcher, at(35))
    assert (again.unchanged, again.queued) == (False, 1)


@pytest.mark.parametrize("validators", [{"etag": '"v1"'},
                                        {"last_modified": "Mon, 02 Nov 2026 08:00:00 GMT"}])
def test_a_feed_answering_304_while_it_changes_is_read_again_and_said(server, fresh_db, fetcher,
                                                                       caplog, validators):
    """A server whose ETag or Last-Modified never changes answers every conditional poll
    "not modified", whatever it now carries."""
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]), **validators)
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(11)).queued == 1
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]), **validators)
    polls = [poll(fresh_db, source.id, fetcher, at(21 + minutes)) for minutes in range(0, 90, 5)]
    assert sum(result.queued for result in polls) == 1, "read at the hourly full fetch"
    assert "answered 304 Not Modified while it carried new entries" in caplog.text
    server.routes["/feed"] = Route(rss([item(3, ORCHARD, 115), item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]), **validators)
    assert poll(fresh_db, source.id, fetcher, at(116)).queued == 1, "its validators no longer sent"
    assert "If-None-Match" not in server.requests[-1][1]
    assert "If-Modified-Since" not in server.requests[-1][1]


@pytest.mark.parametrize(("status", "remembered"), [(301, True), (308, True), (302, False),
                                                   (307, False)])
@pytest.mark.usefixtures("run_logging")
def test_a_feed_moved_for_good_is_polled_at_its_new_address_and_said(server, fresh_db, fetcher,
                                                                     caplog, status, remembered):
    server.routes["/old"] = Route(status=status, headers={"Location": "/new"})
    server.routes["/new"] = Route(rss([item(1, FERRY, 10)]))
    source = feed_source(fresh_db, server.url("/old"))
    assert poll(fresh_db, source.id, fetcher, at(11)).queued == 1
    location = source_row(fresh_db, source.id).location
    assert location == server.url("/new" if remembered else "/old")
    assert ("moved for good" in caplog.text) is remembered
    first = f"feed #1 {server.url('/new' if remembered else '/old')}: first poll, 1 existing"
    assert first in caplog.text, "the first poll's line names the address polled from now on"
    server.routes["/new"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    assert poll(fresh_db, source.id, fetcher, at(21)).queued == 1, "what it had seen stays seen"
    assert server.hits("/old") == (1 if remembered else 2)


def test_a_move_onto_an_address_another_source_polls_is_left_alone(server, fresh_db, fetcher):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(rss([item(1, FERRY, 10)]))
    source = feed_source(fresh_db, server.url("/old"))
    feed_source(fresh_db, server.url("/new"))
    assert poll(fresh_db, source.id, fetcher, at(11)).queued == 1
    assert source_row(fresh_db, source.id).location == server.url("/old")


@pytest.mark.parametrize("shared", ["guid", "link"])
def test_entries_sharing_one_guid_or_one_link_are_each_read(server, fresh_db, fetcher, shared):
    """A CMS that gives every item the same guid (the site's address), or links every item to
    the same page (a press-release list): neither names an entry any more."""
    stories = [FERRY, LIBRARY, ORCHARD]

    def entry(n):
        guid = "https://gazette.example/" if shared == "guid" else f"urn:gazette:{n}"
        link = "https://gazette.example/news" if shared == "link" else f"https://gazette.example/{n}"
        return Item(guid=guid, title=stories[n][0], text=stories[n][1], link=link,
                    published=at(10 * n))

    server.routes["/feed"] = Route(rss([entry(1), entry(0)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(11)).queued == 2
    server.routes["/feed"] = Route(rss([entry(2), entry(1), entry(0)]))
    assert poll(fresh_db, source.id, fetcher, at(21)).queued == 1
    assert poll(fresh_db, source.id, fetcher, at(31)).queued == 0
    assert sorted(str(r.article.title) for r in pending(fresh_db, limit=10)) == sorted(
        title for title, _ in stories)


def test_edited_or_redated_entry_is_not_queued_again(server, fresh_db, fetcher):
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(11))
    edited = (FERRY[0] + " (updated)", FERRY[1] + "\n\nTalks are set for Wednesday.")
    server.routes["/feed"] = Route(rss([item(1, edited, 90)]))
    result = poll(fresh_db, source.id, fetcher, at(91))
    assert (result.queued, result.skipped) == (0, 1)
    assert len(pending(fresh_db, limit=10)) == 1


def test_entry_whose_guid_changes_but_link_stays_is_not_queued_again(server, fresh_db, fetcher):
    link = server.url("/news/ferry")
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10, link=link)]))
    source = feed_source(fresh_db, server.url("/feed"))
    poll(fresh_db, source.id, fetcher, at(11))
    server.routes["/feed"] = Route(rss([Item(guid="urn:gazette:1-v2", title=FERRY[0],
                                             text=FERRY[1], link=link, published=at(50))]))
    assert poll(fresh_db, source.id, fetcher, at(51)).queued == 0


def test_entries_whose_guid_and_link_change_at_every_poll_are_not_read_again(server, fresh_db,
                                                                             fetcher):
    """A CMS stamping each poll's guids and links (`?ts=…`): every entry was queued again at
    every poll, and its page fetched again, only for the pipeline to find a copy."""
    title, text = BRIDGE
    server.routes["/news/bridge"] = Route(page(title, text), content_type="text/html")
    teaser = text.split("\n\n")[0][:150] + "…"

    def stamped(poll_number: int) -> Route:
        return Route(rss([Item(f"urn:{poll_number}:b1", title, teaser, full=False,
                               link=server.url(f"/news/bridge?ts={poll_number}"),
                               published=at(poll_number)),
                          Item(f"urn:{poll_number}:f1", FERRY[0], FERRY[1],
                               published=at(poll_number))]))

    source = feed_source(fresh_db, server.url("/feed"))
    for poll_number in (1, 2, 3):
        server.routes["/feed"] = stamped(poll_number)
        result = poll(fresh_db, source.id, fetcher, at(poll_number))
        assert (result.queued, result.skipped) == ((2, 0) if poll_number == 1 else (0, 2))
    assert len(pending(fresh_db, limit=10)) == 2
    assert [path for path, _ in server.requests if path.startswith("/news/")] == [
        "/news/bridge?ts=1"]  # the page was fetched again at every poll


def test_an_aggregators_entry_is_stored_as_its_outlets_article(server, fresh_db, fetcher):
    """Google News and the like: each entry names its outlet in `<source>`, appends it to the
    headline and links to a redirect. Stored as "… - Harbour Wire" from "Google News" at the
    redirect's address, so `source:` in a topic and the alert's link named the aggregator."""
    title, text = BRIDGE
    server.routes["/news/bridge"] = Route(page(title, text), content_type="text/html")
    server.routes["/rss/articles/CBMi0x?oc=5"] = Route(
        status=302, headers={"Location": server.url("/news/bridge")})
    server.routes["/feed"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Google News</title>'
        b"<link>https://news.example/</link><description>d</description><item>"
        + f"<title>{escape(title)} - Harbour Wire</title><guid>CBMi0x</guid>"
          f"<link>{server.url('/rss/articles/CBMi0x?oc=5')}</link>"
          f"<description>&lt;a href=&quot;x&quot;&gt;{escape(title)}&lt;/a&gt;&amp;nbsp;"
          "&lt;font&gt;Harbour Wire&lt;/font&gt;</description>"
          '<source url="https://harbour.example">Harbour Wire</source>'.encode()
        + b"</item></channel></rss>")
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(1)).queued == 1
    article = pending(fresh_db, limit=1)[0].article
    assert (article.title, article.source, article.url) == (
        title, "Harbour Wire", server.url("/news/bridge"))
    assert "Lotte Brandt" in article.text


def test_a_guid_that_is_no_address_is_not_taken_for_the_entrys_page(server, fresh_db, fetcher):
    """A photo desk's item: `<guid>4711</guid>`, an enclosure, no `<link>`. feedparser made its
    link of the feed's address and the guid: a page asked for that never was, and the alert's
    Open article led to a 404. A guid that is an address is still the entry's page."""
    server.routes["/news/cranes"] = Route(page("Cranes stand still", "Cranes at Northhaven "
                                               "stood still on Monday."), content_type="text/html")
    server.routes["/feed"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Photo desk</title>'
        b"<link>https://photo.example/</link><description>d</description>"
        b"<item><title>Ships wait outside Northhaven</title><guid>4711</guid>"
        b'<enclosure url="https://photo.example/4711.jpg" type="image/jpeg" length="1"/></item>'
        + f"<item><title>Cranes stand still</title><guid>{server.url('/news/cranes')}</guid>"
          "</item></channel></rss>".encode())
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(1)).queued == 2
    stored = {(row.article.url, row.article.text) for row in pending(fresh_db, limit=10)}
    assert stored == {(None, "Ships wait outside Northhaven"),
                      (server.url("/news/cranes"), "Cranes at Northhaven stood still on Monday.")}
    assert server.hits("/4711") == 0


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "UTF-16"])
def test_a_guid_that_is_an_address_is_the_entrys_page_in_a_feed_of_any_encoding(encoding):
    """A German or French desk's feed in Latin-1, its guid the page's address with an accent in
    it and no `<link>`: the address was looked for in the feed's bytes as UTF-8, not found, and
    the entry stored with no page (its Open article gone)."""
    link = "https://post.example/nachrichten/fähre-fällt-aus"
    feed = (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
            "<title>Kallholm Post</title><link>https://post.example/</link><description>d"
            f"</description><item><title>Fähre fällt aus</title><guid>{link}</guid>"
            "<description>Die Fähre nach Kallholm fällt am Montag aus.</description></item>"
            "</channel></rss>").encode(encoding)
    [entry] = parse_feed(feed, url="https://post.example/feed").entries
    assert entry.link == link


@pytest.mark.parametrize("declared", [("undefined", "application/rss+xml"),
                                      ("utf-8", "application/rss+xml; charset=undefined")])
def test_a_feed_naming_a_codec_that_reads_no_text_is_read_as_of_unknown_encoding(
        server, fresh_db, fetcher, declared):
    """Python's `undefined` codec raises UnicodeError for any text, which feedparser lets out:
    the poll stopped there, no entry of the feed read, no failure recorded."""
    encoding, content_type = declared
    server.routes["/feed"] = Route(
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        "<title>Kallholm Post</title><link>https://post.example/</link><description>d"
        "</description><item><title>Die Fähre fällt aus</title><guid>urn:f1</guid>"
        "<description>Die Fähre nach Kallholm fällt am Montag aus.</description></item>"
        "</channel></rss>".encode("latin-1"), content_type=content_type)
    source = feed_source(fresh_db, server.url("/feed"))
    result = poll(fresh_db, source.id, fetcher, at(1))
    assert (result.queued, result.error) == (1, None)
    assert pending(fresh_db, limit=1)[0].article.title == "Die Fähre fällt aus"


def test_teaser_entry_gets_the_linked_pages_main_text(server, fresh_db, fetcher):
    title, text = BRIDGE
    server.routes["/news/bridge"] = Route(page(title, text), content_type="text/html")
    teaser = text.split("\n\n")[0][:150] + "…"
    server.routes["/feed"] = Route(rss([Item("b1", title, teaser, link=server.url("/news/bridge"),
                                             published=at(5), full=False)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(6)).queued == 1
    row = pending(fresh_db, limit=1)[0].article
    assert "Lotte Brandt" in row.text and "eastern footway" in row.text
    assert "All rights reserved" not in row.text and "Sport" not in row.text
    assert row.url == server.url("/news/bridge")


@pytest.mark.parametrize("status", [404, 410])
def test_teaser_is_kept_when_the_linked_page_is_broken(server, fresh_db, fetcher, caplog,
                                                       status):
    """The log says what happened for good: the teaser is the article, the page is not asked
    for again (a 5xx may pass: test_page_retry.py)."""
    teaser = "The Kessel bridge will close for three nights of inspections, the roads agency said."
    server.routes["/news/gone"] = Route(b"gone", status=status, content_type="text/html")
    server.routes["/feed"] = Route(rss([Item("b1", BRIDGE[0], teaser,
                                             link=server.url("/news/gone"), full=False)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(6)).queued == 1
    assert pending(fresh_db, limit=1)[0].article.text == teaser
    assert str(status) in caplog.text
    assert "stored from the feed's teaser (the page is not fetched again)" in caplog.text
    assert "retry" not in caplog.text
    asked = len(server.requests)
    assert poll(fresh_db, source.id, fetcher, at(7)).unchanged
    assert [path for path, _ in server.requests[asked:]] == ["/feed"]


def steps_per_seen_entry(db, server, fetcher, entries):
    """SQLite's work, in steps of 100 instructions, per entry of a poll that finds all seen."""
    path = f"/feed{entries}"
    items = [Item(f"urn:notice:{n}", f"Harbour notice {n}", f"Berth {n} is free on Monday.")
             for n in range(entries)]
    server.routes[path] = Route(rss(items))
    source = feed_source(db, server.url(path))
    assert poll(db, source.id, fetcher, at(1)).queued == entries
    server.routes[path] = Route(rss(items, title="Harbour Gazette (evening)"))  # not the same bytes
    steps = [0]
    db.conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 100)
    try:
        assert poll(db, source.id, fetcher, at(2)).skipped == entries
    finally:
        db.conn.set_progress_handler(None, 100)
    return steps[0] / entries


def test_a_poll_of_a_long_feed_costs_the_same_per_entry_as_a_short_one(server, fresh_db, fetcher,
                                                                      monkeypatch):
    """Whether an entry was seen was one query with OR, which read every entry of the feed: a
    poll of a feed of 10,000 entries, all seen, took 48 s, of which 22 s in these reads."""
    monkeypatch.setattr(feeds, "ENTRIES_PER_ROUND", 1000)  # each feed read in one round
    short = steps_per_seen_entry(fresh_db, server, fetcher, 100)
    long = steps_per_seen_entry(fresh_db, server, fetcher, 800)
    assert long < 1.5 * short, (short, long)  # was 8 times: each read went through the feed


@pytest.mark.usefixtures("run_logging")
def test_a_first_poll_of_a_long_feed_says_what_it_does_as_it_starts(server, fresh_db, caplog):
    """A first run on a feed of 10,000 entries said nothing for a minute and a half."""
    fetcher = loopback_fetcher(max_bytes=1_000_000)
    server.routes["/feed"] = Route(rss([Item(f"urn:notice:{n}", f"Harbour notice {n}",
                                             f"Berth {n} is free on Monday.")
                                        for n in range(1100)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(1)).queued == 200  # a round (test_feed_rounds)
    said = [r.getMessage().split(": ", 1)[1] for r in caplog.records
            if r.name == first_poll.log.name]
    assert said == [
        "first poll, 1100 entries in the feed: each is stored as background (no alerts), then "
        "read by the language pipeline, 200 at a time; this takes a while, and what other "
        "sources bring meanwhile waits behind no more than those",
        "first poll, 200 of 1100 entries stored so far; the rest in the next rounds"]
    caplog.clear()
    assert poll(fresh_db, source.id, fetcher, at(2)).queued == 0, "200 wait for the worker"
    assert not [r for r in caplog.records if r.name == first_poll.log.name or
                r.levelname == "WARNING"], "said once, not again"


def test_entry_with_no_text_and_a_broken_link_is_retried_next_poll(server, fresh_db, fetcher):
    server.routes["/news/later"] = Route(b"", status=500, content_type="text/html")
    feed = rss([Item("x1", "Headline only", "", link=server.url("/news/later"), full=False)])
    server.routes["/feed"] = Route(feed, etag='"x"')
    source = feed_source(fresh_db, server.url("/feed"))
    result = poll(fresh_db, source.id, fetcher, at(1))
    assert (result.queued, result.retry, result.waiting) == (0, 0, 1), "waits for its page"
    assert source_row(fresh_db, source.id).etag is None
    server.routes["/news/later"] = Route(page(*LIBRARY), content_type="text/html")
    assert poll(fresh_db, source.id, fetcher, at(2)).queued == 1
    assert "Priya Natarajan" in pending(fresh_db, limit=1)[0].article.text


@pytest.mark.parametrize("route, words", [
    (Route(b"boom", status=500, content_type="text/plain"), "500 Internal Server Error"),
    (Route(b"none", status=404, content_type="text/plain"), "404 Not Found"),
    (Route(b"<rss/>", delay=1.0), "timed out"),
    (Route(b"<rss version='2.0'><channel><item><title>cut off", ), "malformed XML"),
    (Route(b"<html><body><p>Welcome to our site</p></body></html>",
           content_type="text/html"), "not an RSS or Atom feed"),
    (Route(b"x" * 300_000), "larger than"),
    (Route(b"<source<item<link<</source</link<"), "could not be read as a feed"),
])
def test_broken_feed_is_recorded_with_its_reason_and_backs_off(server, fresh_db, fetcher,
                                                               route, words, caplog):
    server.routes["/feed"] = route
    source = feed_source(fresh_db, server.url("/feed"), every=60)
    if route.delay:
        fetcher = quick_fetcher(max_bytes=200_000)  # the case of a server too slow to wait for
    result = poll(fresh_db, source.id, fetcher, at(0))
    assert words in result.error
    stored = source_row(fresh_db, source.id)
    assert stored.failures == 1 and words in (stored.last_error or "")
    assert stored.next_attempt_at == at(1).isoformat(timespec="seconds")
    assert words in caplog.text and not stored.unhealthy


@pytest.mark.parametrize("status", [404, 410])
def test_a_feed_gone_is_said_alike_when_added_and_at_each_poll(server, fresh_db, fetcher,
                                                              settings, status):
    """`sources list` and `/wirewatch status` show the poll's error: it said to "re-add the
    source", which `sources add` had just said was added."""
    server.routes["/feed"] = Route(b"gone", status=status, content_type="text/plain")
    url = server.url("/feed")
    added = check_feed(replace(settings, allow_networks=("127.0.0.0/8",)), url).problem
    source = feed_source(fresh_db, url)
    polled = poll(fresh_db, source.id, fetcher, at(0)).error
    assert polled == added == source_row(fresh_db, source.id).last_error
    assert polled.endswith("no feed at this address now (a typo, or the feed moved); find its "
                           "address, then remove this source and add that one")


def test_a_feed_that_served_entries_then_answers_a_web_page_is_said_as_such(server, fresh_db,
                                                                           fetcher):
    """Before: a feed that worked and then answered a sign-in page was said as at its first
    add ("is a web page … add that address instead"), the address the desk had added."""
    server.routes["/feed"] = Route(rss([item(1, FERRY, 1)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(0)).error is None
    server.routes["/feed"] = Route(b"<!doctype html><html><head><title>Sign in</title></head>"
                                   b"<body><form>Sign in to go on reading</form></body></html>",
                                   content_type="text/html")
    said = poll(fresh_db, source.id, fetcher, at(5)).error or ""
    assert said.startswith(f"{server.url('/feed')} answered a web page where it served a feed "
                           "until ")
    assert "(a sign-in or consent page, a block, or the feed moved): open it in a browser; if " \
        "the feed moved, remove this source and add its new address" in said
    assert source_row(fresh_db, source.id).last_error == said


def test_repeated_failures_mark_unhealthy_and_recovery_clears_it(server, fresh_db, fetcher):
    server.routes["/feed"] = Route(b"boom", status=503, content_type="text/plain")
    source = feed_source(fresh_db, server.url("/feed"), every=60)
    waits = []
    now = at(0)
    for _ in range(4):
        poll(fresh_db, source.id, fetcher, now)
        stored = source_row(fresh_db, source.id)
        retry_at = datetime.fromisoformat(stored.next_attempt_at or "")
        waits.append((retry_at - now).total_seconds())
        now = retry_at
    assert waits == [60, 120, 240, 480]
    assert stored.unhealthy == 1 and stored.failures == 4
    server.routes["/feed"] = Route(rss([item(1, FERRY, 1)]))
    poll(fresh_db, source.id, fetcher, now + timedelta(seconds=1))
    healed = source_row(fresh_db, source.id)
    assert (healed.unhealthy, healed.failures, healed.last_error) == (0, 0, None)
    assert healed.next_attempt_at is None


def test_feed_with_a_stray_ampersand_is_still_read(server, fresh_db, fetcher):
    feed = rss([item(1, ("Salt & pepper shortage hits Tarnby cafés", FERRY[1]), 3)])
    server.routes["/feed"] = Route(feed.replace(b"Salt &amp; pepper", b"Salt & pepper"))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(4)).queued == 1
    assert (pending(fresh_db, limit=1)[0].article.title or "").startswith("Salt & pepper")


def test_references_to_no_character_and_words_control_characters_leave_the_feed_readable(
        server, fresh_db, fetcher):
    """A CMS writing an emoji as its two UTF-16 halves (`&#55357;&#56832;`), a reference past
    Unicode, and a teaser pasted from Word (a vertical tab after a `<br>`): feedparser's
    fallback raised on the first two and lxml on the third, out of the whole poll (no entry of
    the feed read, every poll; no failure recorded). A browser shows U+FFFD for the first two."""
    feed = rss([item(1, FERRY, 3), item(2, BRIDGE, 4)])
    feed = feed.replace(escape(FERRY[0]).encode(), escape(FERRY[0]).encode() + b" &#55357;&#56832;",
                        1).replace(b"</description>", b" &#x110000;</description>", 1)
    first, second = BRIDGE[1].split("\n\n")[:2]
    written = escape(first).encode() + b"</p><p>" + escape(second).encode()
    assert written in feed
    feed = feed.replace(written, written.replace(b"</p><p>", b"<br>\x0b"), 1)
    server.routes["/feed"] = Route(feed)
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(5)).queued == 2
    stored = {row.article.title: row.article.text for row in pending(fresh_db, limit=5)}
    assert f"{FERRY[0]} \ufffd\ufffd" in stored
    assert first[:60] in stored[BRIDGE[0]] and second[:60] in stored[BRIDGE[0]]


def test_feed_body_naming_a_local_file_is_not_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([Item("s", "Secret local file", "do not read me " * 100)]))
    with pytest.raises(FeedError, match="check the address") as caught:
        parse_feed(str(secret).encode(), url="http://127.0.0.1/feed")
    assert "Secret local file" not in str(caught.value)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>T</title><item><guid>1</guid>'
           '<title>Leak &e; here</title><description>Body text.</description></item>'
           '</channel></rss>').encode()
    parsed = parse_feed(doc, url="http://127.0.0.1/feed")
    assert all("TOPSECRET" not in (e.title or "") + e.text for e in parsed.entries)


def test_entities_defined_in_the_feed_are_never_expanded():
    """Billion laughs: eight levels of entities, each ten of the one below (10**8 x 50
    characters if expanded). expat refuses the amplification and feedparser's fallback does
    not expand them: the entry is read at once, its text as short as written."""
    levels = "".join(f'<!ENTITY l{n + 1} "{f"&l{n};" * 10}">' for n in range(8))
    doc = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "{"ha" * 25}">{levels}]>'
           '<rss version="2.0"><channel><title>T</title><item><guid>1</guid>'
           '<title>Laughs &l8;</title><description>Body &l8; text.</description></item>'
           '</channel></rss>').encode()
    [entry] = parse_feed(doc, url="http://127.0.0.1/feed").entries
    assert len(entry.text) < 100 and len(entry.title or "") < 100 and "haha" not in entry.text


def test_atom_feed_entries_are_read():
    doc = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
           '<title>Valley Post</title><id>urn:vp</id><updated>2026-03-02T09:00:00Z</updated>'
           '<entry><id>urn:vp:1</id><title>Frost damages blossom</title>'
           '<link href="http://127.0.0.1/frost"/><updated>2026-03-02T08:00:00Z</updated>'
           f'<content type="html">&lt;p&gt;{ORCHARD[1][:400]}&lt;/p&gt;</content></entry>'
           '</feed>').encode()
    parsed = parse_feed(doc, url="http://127.0.0.1/atom")
    assert parsed.title == "Valley Post"
    [entry] = parsed.entries
    assert (entry.key, entry.link, entry.title) == ("urn:vp:1", "http://127.0.0.1/frost",
                                                    "Frost damages blossom")
    assert entry.text.startswith("A late frost") and entry.teaser


def test_html_text_keeps_paragraphs_and_line_breaks():
    assert html_text("<p>One &amp; two.</p><p>Three<br>four</p>") == "One & two.\n\nThree\nfour"
    assert html_text("plain &lt;text&gt;") == "plain <text>"


@pytest.mark.usefixtures("run_logging")
def test_one_poll_fetches_at_most_its_share_of_article_pages(server, fresh_db, fetcher,
                                                             caplog):
    """A feed of many teasers is read over several polls, not by fetching every linked page at
    once; what is left waits, still background on a first poll, and nothing is lost."""
    extra = 7
    stories = [FERRY, LIBRARY, ORCHARD, BRIDGE]
    items = []
    for n in range(PAGES_PER_POLL + extra):
        title, text = stories[n % len(stories)]
        server.routes[f"/p{n}"] = Route(page(f"{title} ({n})", text), content_type="text/html")
        items.append(Item(str(n), f"{title} ({n})", text[:140] + "…",
                          link=server.url(f"/p{n}"), published=at(n), full=False))
    server.routes["/feed"] = Route(rss(list(reversed(items))), etag='"big"')
    source = feed_source(fresh_db, server.url("/feed"))

    first = poll(fresh_db, source.id, fetcher, at(100))
    pages = sum(server.hits(f"/p{n}") for n in range(len(items)))
    assert (first.queued, first.left, pages) == (PAGES_PER_POLL, extra, PAGES_PER_POLL)
    assert f"{extra} entries not looked at, left for the next poll" in caplog.text
    assert "stored as background" not in caplog.text
    assert source_row(fresh_db, source.id).etag is None  # the feed is read whole next time

    second = poll(fresh_db, source.id, fetcher, at(101))
    assert (second.queued, second.skipped, second.left) == (extra, PAGES_PER_POLL, 0)
    queued = pending(fresh_db, limit=200)
    assert len({row.article.title for row in queued}) == len(items)
    assert all(row.article.background for row in queued)
    assert "stored as background" in caplog.text


def test_a_feed_with_lasting_xml_errors_is_said_once_not_at_every_poll(server, fresh_db,
                                                                      fetcher, caplog):
    """A CMS writing `&eacute;` (an HTML entity XML does not define) into every version of its
    RSS: the entries are read each time, the error said once while it lasts, again when it
    comes back after a clean poll."""
    def serve(*stories, broken: bool) -> None:
        items = [item(n, story, n) for n, story in enumerate(stories)]
        body = rss(items).replace(b"<description>Test feed</description>",
                                  b"<description>Caf&eacute; news</description>" if broken
                                  else b"<description>Cafe news</description>")
        server.routes["/feed"] = Route(body)

    said = "has XML errors"
    source = feed_source(fresh_db, server.url("/feed"))
    for minute, stories in enumerate([(FERRY,), (FERRY, LIBRARY), (FERRY, LIBRARY, ORCHARD)]):
        serve(*stories, broken=True)
        assert poll(fresh_db, source.id, fetcher, at(minute * 5)).queued == 1
    assert caplog.text.count(said) == 1
    serve(FERRY, LIBRARY, ORCHARD, BRIDGE, broken=False)
    assert poll(fresh_db, source.id, fetcher, at(30)).queued == 1
    serve(FERRY, LIBRARY, ORCHARD, BRIDGE, broken=True)
    poll(fresh_db, source.id, fetcher, at(35))
    assert caplog.text.count(said) == 2


def test_a_feed_added_where_a_removed_one_was_has_its_own_xml_errors_said(
        server, fresh_db, fetcher, caplog):
    """A desk removes a feed whose XML errors were said and adds another (it gets the removed
    one's id): the new feed's errors are its own, and said."""
    broken = rss([item(0, FERRY, 0)]).replace(b"<description>Test feed</description>",
                                              b"<description>Caf&eacute; news</description>")
    server.routes["/old"] = Route(broken)
    server.routes["/new"] = Route(broken.replace(b"urn:gazette:0", b"urn:courier:0"))
    old = feed_source(fresh_db, server.url("/old"))
    poll(fresh_db, old.id, fetcher, at(0))
    with transaction(fresh_db):
        remove_source(fresh_db, old.id)
    new = feed_source(fresh_db, server.url("/new"))
    assert new.id == old.id, "SQLite gives the next source the removed one's id"
    poll(fresh_db, new.id, fetcher, at(5))
    assert [server.url(p) in line for p in ("/old", "/new")
            for line in caplog.messages if "has XML errors" in line] == [True, False, False, True]


@pytest.mark.parametrize("scale", [1, 1000], ids=["seconds", "milliseconds"])
def test_an_entry_dated_in_unix_time_keeps_its_date(server, fresh_db, fetcher, scale):
    """A hand-made feed whose pubDate is the CMS's Unix time, not RFC 822."""
    written = format_datetime(at(0)).encode()
    server.routes["/feed"] = Route(rss([item(0, FERRY, 0)]).replace(
        written, str(int(at(0).timestamp()) * scale).encode()))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(5)).queued == 1
    [row] = pending(fresh_db, limit=10)
    assert clean_article(row.article).published == at(0).isoformat()


@pytest.mark.parametrize("written", ["2026", "-1", "no date at all", "9" * 30 + " hours",
                                     "2026 years ago", "vor 2026 Jahren"])
def test_an_entry_dated_by_a_short_number_is_stored_undated(server, fresh_db, fetcher, written):
    """A pubDate of `2026` or `-1` was read as a day of this month; now it is no date, as an
    unreadable one is: the entry is stored undated (placed by its arrival). Thirty nines and
    `hours` made dateutil raise decimal's InvalidOperation, and `2026 years ago` (before year
    1) ValueError, out of the whole poll."""
    server.routes["/feed"] = Route(rss([item(0, FERRY, 0)]).replace(
        format_datetime(at(0)).encode(), written.encode()))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(5)).queued == 1
    [row] = pending(fresh_db, limit=10)
    assert row.article.published is None  # read once, as the feed is read
    assert clean_article(row.article).published is None


def test_a_feed_of_unclosed_cdata_sections_is_read_without_stalling(server, fresh_db):
    """150,000 `<![CDATA[` that never close (1.8 MB, within the size cap): the search for
    tickers outside CDATA scanned to the end from each one, hours of work holding the GIL, so
    every thread of wirewatch stood still (this test's too: it was killed after 300 s). Now
    one pass."""
    feed = rss([item(0, FERRY, 0)]).replace(b"</channel>", b"<![CDATA[ x " * 150_000)
    server.routes["/feed"] = Route(feed)
    source = feed_source(fresh_db, server.url("/feed"))
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(
        poll(fresh_db, source.id, Fetcher(policy=LOOPBACK), at(0))), daemon=True)
    worker.start()
    worker.join(timeout=LAST_RESORT_S)
    assert outcome, f"the poll was still working after {LAST_RESORT_S:.0f} s"
    assert outcome[0].queued == 1, outcome


LOCAL_DATES = {  # weekdays Monday first, months January first, as the CMSs of each write them
    "german": ("Mo Di Mi Do Fr Sa So", "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez"),
    "french": ("lun. mar. mer. jeu. ven. sam. dim.",
               "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."),
    "spanish": ("lun mar mié jue vie sáb dom", "ene feb mar abr may jun jul ago sep oct nov dic"),
    "italian": ("lun mar mer gio ven sab dom", "gen feb mar apr mag giu lug ago set ott nov dic"),
}


@pytest.mark.parametrize("language", list(LOCAL_DATES))
def test_an_entry_dated_in_another_language_keeps_its_date(server, fresh_db, fetcher, language):
    """A European CMS writes its RSS dates in its own language (`Mi, 02 Dez 2026 …`): the
    unknown month was skipped and the day read as the month (2 February), months old, so the
    article was held as too old to alert."""
    weekdays, months = (names.split() for names in LOCAL_DATES[language])
    when = at(0)
    local = (f"{weekdays[when.weekday()]}, {when.day:02d} {months[when.month - 1]} {when.year} "
             f"{when:%H:%M:%S} +0000")
    server.routes["/feed"] = Route(rss([item(0, FERRY, 0)]).replace(
        format_datetime(when).encode(), local.encode()))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(5)).queued == 1
    [row] = pending(fresh_db, limit=10)
    assert clean_article(row.article).published == when.isoformat(), local


def test_entries_that_are_headlines_only_are_stored_not_tried_for_ever(
        server, fresh_db, fetcher, caplog):
    """A wire's flash feed: each item a headline, with no description and no link. Each poll
    said "the entry has no text and no link to fetch it from; will try again next poll" for
    every entry, for as long as it stayed in the feed, and none was ever stored."""
    server.routes["/feed"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Flashes</title>'
        b"<item><title>Ferry crews in Tarnby walk out over rota changes</title>"
        b"<guid>flash-1</guid></item><item><title>Kessel bridge to close for three nights"
        b"</title><guid>flash-2</guid></item></channel></rss>")
    source = feed_source(fresh_db, server.url("/feed"))
    results = [poll(fresh_db, source.id, fetcher, at(minute * 5)) for minute in range(3)]
    assert [(r.queued, r.retry) for r in results] == [(2, 0), (0, 0), (0, 0)]
    assert "will try again" not in caplog.text
    assert sorted(str(row.article.text) for row in pending(fresh_db, limit=10)) == [
        "Ferry crews in Tarnby walk out over rota changes", "Kessel bridge to close for three nights"]


def test_a_server_answering_304_to_a_request_naming_no_version_is_a_failed_poll(
        server, fresh_db, fetcher):
    """304 forever, also to the hourly fetch sent without ETag or Last-Modified: before, every
    poll was a good one with nothing new, the feed healthy and silent for good; now each such
    poll fails, so it goes UNHEALTHY and the desk is told. A 304 to a conditional poll is
    still a good one."""
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]), etag='"a"')
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(20)).queued == 1
    assert poll(fresh_db, source.id, fetcher, at(21)).not_modified
    server.routes["/feed"] = Route(b"", status=304)
    assert poll(fresh_db, source.id, fetcher, at(22)).not_modified  # asked with "a"
    failed = poll(fresh_db, source.id, fetcher, at(90))  # the hourly whole fetch
    assert failed.error is not None and "answered 304 Not Modified to a request that named " \
        "no version it had" in failed.error, failed
    for minutes in (95, 100):
        poll(fresh_db, source.id, fetcher, at(minutes))
    stored = source_row(fresh_db, source.id)
    assert stored.unhealthy and stored.failures == 3
    changes = fresh_db.execute("SELECT change FROM source_changes").fetchall()
    assert [tuple(row) for row in changes] == [("failing",)]


def test_an_xhtml_sign_in_page_where_a_feed_was_is_said_as_a_web_page(server, fresh_db, fetcher):
    """Before: "is not an RSS or Atom feed; check the address in a browser", as for a typo,
    since only a page opening with <html> or <!doctype html> was taken for one."""
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]))
    source = feed_source(fresh_db, server.url("/feed"))
    assert poll(fresh_db, source.id, fetcher, at(11)).queued == 1
    server.routes["/feed"] = Route(
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
        b'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http:'
        b'//www.w3.org/1999/xhtml"><head><title>Sign in</title></head><body><form><p>Sign in '
        b'to read on</p></form></body></html>', content_type="application/xml")
    failed = poll(fresh_db, source.id, fetcher, at(21))
    assert failed.error is not None and "answered a web page where it served a feed until" \
        in failed.error, failed.error
