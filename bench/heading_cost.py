"""Cleaning an article of hostile furniture at growing sizes: CPU ms of ``clean_article`` and ms
a megabyte, which stays level when the cost is linear. Two invented copies: prose alone, and
thousands of date lines each over a title-case line of heading words whose other word the end
of the copy writes in lower case (each such line was once checked against the whole rest of
the copy: ``bot.ingest.headings``).

    python -m bench.heading_cost               # 0.25, 0.5, 1 and 2 MB
    python -m bench.heading_cost 0.25 0.5      # the sizes given (a slow checkout: small ones)

It imports only ``clean_article``, ``CleanError`` and ``RawArticle``, so another checkout can run this file:
``PYTHONPATH=/other python /this/bench/heading_cost.py 0.25``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Sequence

from bot.ingest.clean import CleanError, clean_article
from bot.models import RawArticle

SIZES = (0.25, 0.5, 1.0, 2.0)
PROSE = "The tidewater board met on Tuesday and agreed to dredge the channel before spring.\n\n"
PAIR = "Published December 2, 2026\n\nKey Tidewater Facts\n\n"
LAST = "The tidewater stayed high all week."
TITLE = "Tidewater board meets"


def copies(megabytes: float) -> dict[str, str]:
    """Each copy of about ``megabytes`` million characters."""
    size = int(megabytes * 1_000_000)
    return {"prose": PROSE * (size // len(PROSE)) + LAST,
            "date and heading pairs": PROSE + PAIR * (size // len(PAIR)) + LAST}


def cpu_ms(text: str) -> float:
    """CPU ms of cleaning ``text``; past the article limit, of its refusal (since session 56
    before the cleaning of its lines: on s56b after it)."""
    began = time.process_time()
    with contextlib.suppress(CleanError):
        clean_article(RawArticle(text=text, origin="bench/heading_cost", title=TITLE))
    return (time.process_time() - began) * 1000


def main(argv: Sequence[str] | None = None) -> None:
    sizes = [float(arg) for arg in (sys.argv[1:] if argv is None else argv)] or SIZES
    for megabytes in sizes:
        for name, text in copies(megabytes).items():
            ms = cpu_ms(text)
            print(f"{megabytes:5.2f} MB {name:24} {ms:9.0f} ms  {ms / megabytes:9.0f} ms a MB",
                  flush=True)


if __name__ == "__main__":
    main()
