"""How long the hostile pages of tests/sources/test_hostile_html.py take to read, and the
ordinary one beside them: the speed figure the test does not assert.

Usage: .venv/bin/python -m bench.hostile_html [smoke|full]
Each page is read by ``html_to_article`` (as the watched folder and a feed's page fetch read
it); the best of three reads is printed in seconds. Before the bounds of bot/ingest/html.py the
table cells took about 45 s and a tag of 40,000 attributes 14 s a parse.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from bench.scale import scale_from
from bot.ingest.html import html_to_article

ARTICLE = ("<h1>Dockworkers extend strike</h1>" + "<p>The harbour authority said on Monday "
           "that the strike at Northhaven port would continue until every crane had been "
           "inspected by engineers the union trusts.</p>" * 4)
SIZES = {"smoke": 0.1, "full": 1.0}


def pages(share: float) -> dict[str, str]:
    """The test's pages, at ``share`` of their size."""
    cells, attributes, bare = int(10_000 * share), int(40_000 * share), int(80_000 * share)
    return {
        f"{cells:,} rows of table cells": "<html><body><table>"
        + "<tr><td>x</td><td>y</td></tr>" * cells + "</table>" + ARTICLE + "</body></html>",
        f"{attributes:,} attributes in a tag": "<html><body><div "
        + " ".join(f'data-a{i}="x"' for i in range(attributes)) + ">" + ARTICLE
        + "</div></body></html>",
        f"{bare:,} attributes without values": "<html><body><div "
        + " ".join(f"a{i}" for i in range(bare)) + ">" + ARTICLE + "</div></body></html>",
        "an ordinary page": "<html><body><nav>" + "<div><a href='/x'>Section</a></div>" * 40
        + "</nav><article>" + ARTICLE + "</article></body></html>",
    }


def best_of_three(page: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        html_to_article(page, origin="page.html")
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    scale = scale_from(argv, name="hostile_html", doc=__doc__, scales=SIZES)
    for name, page in pages(SIZES[scale]).items():
        print(f"{name:<40} {len(page) / 1e3:8.0f} kB {best_of_three(page):8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
