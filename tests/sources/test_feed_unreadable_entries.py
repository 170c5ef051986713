"""A feed whose every entry reads as nothing (no title, no text: a changed format, a podcast's
enclosures alone) fails loudly, as a feed answering a web page does; before, it was a working
feed that "has no entries yet", told to nobody (a real feed server on 127.0.0.1)."""

from datetime import UTC, datetime

import pytest

from bot.ingest.feed_parse import FeedError, parse_feed
from bot.ingest.feeds import poll_feed
from bot.source_notices import notice_message, queue_notices
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss

HOLLOW = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Quayside Radio</title><link>http://radio.invalid/</link>
<description>Bulletins</description>
<item><guid>bulletin-0900</guid><enclosure url="http://radio.invalid/0900.mp3" length="1"
 type="audio/mpeg"/></item>
<item><guid>bulletin-1000</guid><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_a_feed_whose_entries_all_read_as_nothing_is_a_failure():
    with pytest.raises(FeedError, match="carries 2 entries and none has a title or text"):
        parse_feed(HOLLOW, url="https://radio.example/feed")


def test_one_entry_read_is_enough():
    mixed = HOLLOW.replace(b"</channel>", b"<item><guid>bulletin-1100</guid><title>Ferry crews "
                                          b"back at work</title></item></channel>")
    [entry] = parse_feed(mixed, url="https://radio.example/feed").entries
    assert entry.title == "Ferry crews back at work"


def test_the_desk_is_told_once_that_such_a_feed_stopped_working(server, fresh_db, caplog):
    fetcher = loopback_fetcher(max_bytes=200_000)
    server.routes["/feed"] = Route(rss([Item("bulletin-0800", "Harbour bulletin", "Calm seas.",
                                             published=at(0))]))
    with transaction(fresh_db):
        source_id = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60,
                               added_by="U0REPORTER")
    assert poll_feed(fresh_db, source_row(fresh_db, source_id), fetcher=fetcher,
                     now=at(1)).queued == 1
    server.routes["/feed"] = Route(HOLLOW)
    errors = [poll_feed(fresh_db, source_row(fresh_db, source_id), fetcher=fetcher,
                        now=at(minutes)).error for minutes in (60, 120, 240, 480)]
    assert all(error and "none has a title or text" in error for error in errors), errors
    assert source_row(fresh_db, source_id).unhealthy
    assert "failed (3 in a row, marked unhealthy)" in caplog.text
    assert queue_notices(fresh_db, admin_channel="C0ADMIN", now=datetime.now(UTC)) == 2
    assert queue_notices(fresh_db, admin_channel="C0ADMIN", now=datetime.now(UTC)) == 0
    ids = [row[0] for row in fresh_db.execute("SELECT id FROM alerts WHERE kind = 'source'")]
    texts = {notice_message(fresh_db, alert_id)[0] for alert_id in ids}
    [text] = texts
    assert text.startswith(f"⚠️ The feed #{source_id} {server.url('/feed')} stopped working: 3 "
                           "failed polls in a row"), text
    assert "carries 2 entries and none has a title or text" in text, text
