"""A first poll's lines show the feed's address as every log line shows one: at most
``MOST_ORIGIN_SHOWN`` characters, cut with the mark, so a hostile address of tens of
thousands of characters is no line of that size."""

from __future__ import annotations

from bot.ingest.bounds import CUT_MARK, MOST_ORIGIN_SHOWN
from bot.ingest.first_poll import say_done, say_many, say_round

LONG = "https://wire.example/feed.xml?" + "&".join(f"edition{n}=harbour" for n in range(4000))


def test_a_first_polls_lines_bound_the_address(run_logging):
    """Before: each of the three lines carried the whole address (over 60,000 characters)."""
    say_many(4, LONG, 900, per_round=100)
    say_round(4, LONG, total=100, entries=900)
    say_done(4, LONG, 900, waiting=0)
    lines = [record.getMessage() for record in run_logging.records]
    assert len(lines) == 3, lines
    for line in lines:
        shown = line.removeprefix("feed #4 ").split(": first poll, ")[0]
        assert len(shown) <= MOST_ORIGIN_SHOWN and shown.endswith(CUT_MARK), line[:400]
        assert shown.startswith("https://wire.example/feed.xml?edition0=harbour"), line[:400]
