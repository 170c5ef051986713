"""What a feed (or any outsider) writes never reaches the log as terminal control sequences.

A feed's entry can carry ESC and BEL in its link (feedparser reads them from character
references); the warning naming its article page wrote them raw, so `docker logs` or a terminal
tailing the log ran them: ``ESC[2J`` clears the screen (hiding the lines before), ``ESC]0;…BEL``
retitles the window, a carriage return overwrites the line it is on. The log handler is the one
`wirewatch` installs (``bot.redact.redact_logs``), the feed comes from a real server on
127.0.0.1 and is polled into a real SQLite file."""

from __future__ import annotations

import logging

from bot.ingest.feeds import poll_feed
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Route, at, loopback_fetcher

HOSTILE = "https://gazette.example/a&#27;]0;pwned&#7;&#27;[2J&#13;ERROR all good&#155;31m"
FEED = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Harbour Gazette</title><link>https://gazette.example/</link>"
        f"<item><title>Tug crews walk out</title><link>{HOSTILE}</link>"
        "<description>Tug crews at Northhaven walked out on Tuesday.</description>"
        "</item></channel></rss>").encode()


def test_a_feeds_control_characters_never_reach_the_log_raw(fresh_db, log_text):
    with FeedServer() as server:
        server.routes["/rss"] = Route(FEED)
        url = server.url("/rss")
        with transaction(fresh_db):
            source = source_row(fresh_db, add_source(fresh_db, kind="feed", location=url))
        fetcher = loopback_fetcher()
        poll_feed(fresh_db, source, fetcher=fetcher, now=at(30))
    written = log_text.getvalue()
    assert "article page https://gazette.example/a" in written, written
    assert not any(ch in written for ch in "\x1b\x07\r\x9b"), repr(written)
    assert "\\x1b]0;pwned\\x07" in written, "shown escaped, so the reader sees what was sent"


def test_a_tracebacks_credentials_are_masked_as_its_messages_are(log_text):
    """A failure logged with its traceback (``log.exception``: a poll that failed unexpectedly)
    whose exception names the feed's address, with its key. Before: the message's address was
    masked, the traceback's written whole (test failed before: the key in the log)."""
    address = "https://user:hunter2@gazette.example/rss?apikey=k3y-of-the-desk"
    try:
        raise ValueError(f"could not read {address}")
    except ValueError:
        logging.getLogger("bot.runner").exception("poll %s failed unexpectedly", address)
    written = log_text.getvalue()
    assert "ValueError: could not read https://user:***@gazette.example/rss" in written, written
    assert "hunter2" not in written and "k3y-of-the-desk" not in written, written
