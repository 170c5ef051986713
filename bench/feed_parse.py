"""A feed of about 5 MB whose body changes at every poll (a new entry on top, as a busy CMS
writes it: each entry's HTML escaped in its description): the CPU of parsing it
(`feed_parse.parse_feed`) with feedparser's defaults (its HTML sanitizer and relative-link
resolution on, as before feeds38) and with `feed_parse.PARSE_OPTIONS` (both off), in one run, and
whether the entries read the same both ways (title, text, link, date of every entry).

Usage: .venv/bin/python -m bench.feed_parse [ROUNDS] [ENTRIES]
Rounds alternate the two ways; medians of the rounds' process CPU time.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from bench.given import whole_numbers
from bot.ingest import feed_parse

START = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
PARAGRAPH = ("<p>Paragraph {k} of notice {n}: the council said the <a href='/works/{n}'>works"
             "</a> on <em>the lane</em> would run late, and residents &amp; traders may ask "
             "<strong>questions</strong> at the hall.</p>")


def body(entries: int, poll: int) -> bytes:
    """The feed at its ``poll``-th poll: ``entries`` entries, the newest ``poll`` of them new."""
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
             "<title>Bench Gazette</title><link>https://gazette.invalid/</link>"]
    for n in range(poll + entries - 1, poll - 1, -1):
        html = "".join(PARAGRAPH.format(k=k, n=n) for k in range(12))
        parts.append(f"<item><guid>urn:bench:{n}</guid><title>Council notice {n}</title>"
                     f"<link>https://gazette.invalid/n/{n}</link><pubDate>"
                     f"{format_datetime(START + timedelta(minutes=n))}</pubDate>"
                     f"<description>{escape(html)}</description>"
                     "<script>var views = 1;</script></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def parsed(data: bytes, options: dict[str, bool]) -> tuple[float, list[tuple]]:
    feed_parse.PARSE_OPTIONS = options
    began = time.process_time()
    feed = feed_parse.parse_feed(data, url="https://gazette.invalid/feed",
                            content_type="application/rss+xml")
    seconds = time.process_time() - began
    return seconds, [(e.title, e.text, e.link, e.published) for e in feed.entries]


def main(rounds: int, entries: int) -> None:
    now = dict(feed_parse.PARSE_OPTIONS)
    before: list[float] = []
    after: list[float] = []
    same = True
    size = 0
    try:
        for poll in range(rounds):
            data = body(entries, poll)
            size = len(data)
            old, old_entries = parsed(data, {})
            new, new_entries = parsed(data, now)
            before.append(old)
            after.append(new)
            same = same and old_entries == new_entries
    finally:
        feed_parse.PARSE_OPTIONS = now
    old, new = statistics.median(before), statistics.median(after)
    print(f"a feed of {entries} entries, {size / 1e6:.1f} MB, changed at each of {rounds} polls")
    print(f"parse_feed CPU: feedparser's defaults {old:.2f} s, PARSE_OPTIONS {new:.2f} s "
          f"(ratio {old / new:.1f}x, medians); entries read the same: {same}")


if __name__ == "__main__":
    main(*whole_numbers(5, 1600))
