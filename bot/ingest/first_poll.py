"""What a feed's first poll says of the entries it stores as background: what a first run is
meant to do, so said at INFO, on a logger of its own that `wirewatch` shows at its default
level (``bot.cli``), as the run's first lines promise ("a line says how many"). A feed's
address is shown as every log line shows one (``shown_origin``): a hostile address of 64,000
characters is not a line of 64,000."""

from __future__ import annotations

import logging

from bot.ingest.bounds import shown_origin

log = logging.getLogger("bot.ingest.feeds.first_poll")
"""A child of the feeds' logger: whatever sets that one's level (``-v``, a test) sets this."""


def say_many(source_id: int, url: str, entries: int, *, per_round: int) -> None:
    """As a first poll of many entries starts: 10,000 took a minute and a half before a word."""
    url = shown_origin(url)
    log.info("feed #%d %s: first poll, %d entries in the feed: each is stored as background "
             "(no alerts), then read by the language pipeline, %d at a time; this takes a "
             "while, and what other sources bring meanwhile waits behind no more than those",
             source_id, url, entries, per_round)


def say_round(source_id: int, url: str, *, total: int, entries: int) -> None:
    """How far a first poll of many entries got at a round."""
    url = shown_origin(url)
    log.info("feed #%d %s: first poll, %d of %d entries stored so far; the rest in the next "
             "rounds", source_id, url, total, entries)


def say_done(source_id: int, url: str, total: int, *, waiting: int) -> None:
    """Say once what the first poll kept from alerting (an empty feed kept nothing)."""
    url = shown_origin(url)
    if total == 0 and not waiting:
        log.info("feed #%d %s: first poll, the feed has no entries yet; alerts start with its "
                 "first entry", source_id, url)
        return
    more = f"; {waiting} more waiting for an article page will be background too" if waiting else ""
    log.info("feed #%d %s: first poll, %d existing %s stored as background (no alerts)%s; "
             "alerts start with the next new entry", source_id, url, total,
             "entry" if total == 1 else "entries", more)
