"""Cleaning an article of hostile copy at growing sizes: CPU ms of ``clean_article``, ms a
megabyte (level when the cost is linear), and what the cleaning did: cleaned whole, refused
after the copy was read (the text over its 1,000,000 characters) or refused unread (the copy as
sent over ``bounds.MOST_SENT_CHARS``, since session 57). Three invented copies: prose alone;
thousands of date lines each over a title-case line of heading words whose other word the end
of the copy writes in lower case (each such line was once checked against the whole rest of
the copy: ``bot.ingest.headings``); and prose sent as HTML, one ``<p>`` a paragraph.

    python -m bench.heading_cost               # 0.25, 0.5, 1, 1.5, 2 and 10 MB
    python -m bench.heading_cost 0.25 0.5      # the sizes given (a slow checkout: small ones)

Up to 1 MB the copy is cleaned (the cost worth timing); past it, the row times a refusal and
says which. It imports only ``clean_article``, ``CleanError`` and ``RawArticle``, so another
checkout can run this file: ``PYTHONPATH=/other python /this/bench/heading_cost.py 0.25``."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from bot.ingest.clean import CleanError, clean_article
from bot.models import RawArticle

SIZES = (0.25, 0.5, 1.0, 1.5, 2.0, 10.0)
PROSE = "The tidewater board met on Tuesday and agreed to dredge the channel before spring.\n\n"
PAIR = "Published December 2, 2026\n\nKey Tidewater Facts\n\n"
MARKUP = "<p>The tidewater board met on Tuesday and agreed to dredge the channel.</p>\n"
LAST = "The tidewater stayed high all week."
TITLE = "Tidewater board meets"


def copies(megabytes: float) -> dict[str, str]:
    """Each copy of about ``megabytes`` million characters."""
    size = int(megabytes * 1_000_000)
    return {"prose": PROSE * (size // len(PROSE)) + LAST,
            "date and heading pairs": PROSE + PAIR * (size // len(PAIR)) + LAST,
            "prose as HTML": MARKUP * (size // len(MARKUP)) + f"<p>{LAST}</p>"}


def cleaned(text: str) -> tuple[float, str]:
    """CPU ms of cleaning ``text``, and what came of it."""
    began = time.process_time()
    try:
        clean_article(RawArticle(text=text, origin="bench/heading_cost", title=TITLE))
        outcome = "cleaned"
    except CleanError as exc:
        outcome = "refused unread" if "as sent" in str(exc) else "refused after reading"
    return (time.process_time() - began) * 1000, outcome


def main(argv: Sequence[str] | None = None) -> None:
    sizes = [float(arg) for arg in (sys.argv[1:] if argv is None else argv)] or SIZES
    for megabytes in sizes:
        for name, text in copies(megabytes).items():
            ms, outcome = cleaned(text)
            print(f"{megabytes:5.2f} MB {name:24} {ms:9.0f} ms  {ms / megabytes:9.0f} ms a MB  "
                  f"{outcome}", flush=True)


if __name__ == "__main__":
    main()
