"""Feeds are parsed without feedparser's HTML sanitizer (``feed_parse.PARSE_OPTIONS``: 70% of its
time on a large feed): what a reader would not see stays out of an entry's text all the same,
and its link is still made absolute."""

from __future__ import annotations

from html import escape

from bot.ingest.feed_parse import parse_feed
from bot.ingest.markup import readable

ENTRY = ("<p>Crews at the ferry terminal stopped work at dawn.<script>track('view')</script>"
         "<style>p { color: red }</style> <STYLE>b {}</STYLE>The operator ran a reduced "
         "timetable.</p><applet>old plug-in</applet>")


def test_script_and_style_stay_out_of_a_feed_entry_and_its_link_is_absolute():
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
            f"<item><guid>a</guid><title>Ferry crews stop work</title><link>/news/ferry</link>"
            f"<description>{escape(ENTRY)}</description></item></channel></rss>").encode()
    entry, = parse_feed(feed, url="https://harbour.example/feed.xml",
                        content_type="application/rss+xml").entries
    assert entry.text == ("Crews at the ferry terminal stopped work at dawn. The operator ran "
                          "a reduced timetable."), entry.text
    assert entry.link == "https://harbour.example/news/ferry"


def test_a_cms_body_sent_as_html_drops_script_and_style_too():
    """Before, a JSON body's `<script>` read as words of the article."""
    assert readable(ENTRY) == ("Crews at the ferry terminal stopped work at dawn. The operator "
                               "ran a reduced timetable.")
