"""HTML that costs quadratic time never stalls the watched folder (or a feed's page fetch).

trafilatura's jusText fallback compares each short paragraph with its neighbours (300 kB of
tiny table cells took about 45 s, 5 MB hours), and libxml2 checks each attribute of a tag
against all the others (40,000 attributes in one tag: 14 s to parse, several parses per page).
Real files in a real watched folder, real SQLite. What a scan of such a page runs is watched
(``sys.setprofile``, which changes nothing it runs): the quadratic fallbacks are never entered
and libxml2 is never handed a crowded tag. How long the pages take is measured in
``bench.hostile_html``, not asserted here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from bot.ingest.folder import FolderWatcher
from bot.ingest.html import MANY_ATTRIBUTES, MANY_WORDS, html_to_article
from bot.models import IngestFailure, RawArticle
from storage.db import transaction
from storage.inbox import pending
from storage.sources import add_source, source_row
from tests.sources.feedserver import at
from tests.sources.stories import FERRY

ARTICLE = ("<h1>Dockworkers extend strike</h1>" + "<p>The harbour authority said on Monday "
           "that the strike at Northhaven port would continue until every crane had been "
           "inspected by engineers the union trusts.</p>" * 4)
CELLS = ("<html><body><table>" + "<tr><td>x</td><td>y</td></tr>" * 10_000 + "</table>"
         + ARTICLE + "</body></html>")
ATTRIBUTES = ("<html><body><div " + " ".join(f'data-a{i}="x"' for i in range(40_000))
              + ">" + ARTICLE + "</div></body></html>")
BARE = ("<html><body><div " + " ".join(f"a{i}" for i in range(80_000)) + ">" + ARTICLE
        + "</div></body></html>")
FALLBACKS = "trafilatura.external"
"""trafilatura's module that runs jusText and readability, the quadratic fallbacks."""
TAG = re.compile(r"<[A-Za-z][^<>]*>")


@dataclass
class Seen:
    """What a piece of work ran in this thread: the modules whose Python code it entered, and
    the markup it handed to trafilatura."""

    modules: set[str] = field(default_factory=set, repr=False)
    markup: list[str] = field(default_factory=list, repr=False)

    def crowded_tags(self) -> list[str]:
        """The tags handed to trafilatura with more attribute values or words than the bound."""
        return [tag[:80] for page in self.markup for tag in TAG.findall(page)
                if tag.count("=") > MANY_ATTRIBUTES or len(tag.split()) > MANY_WORDS]


def watched(work: Callable[[], object]) -> Seen:
    seen = Seen()

    def look(frame, event: str, _arg) -> None:
        if event != "call":
            return
        seen.modules.add(frame.f_globals.get("__name__", ""))
        if frame.f_code.co_name == "bare_extraction" and isinstance(
                page := frame.f_locals.get("filecontent"), str | bytes):
            seen.markup.append(page if isinstance(page, str) else page.decode("latin-1"))

    before = sys.getprofile()
    sys.setprofile(look)
    try:
        work()
    finally:
        sys.setprofile(before)
    return seen


@pytest.mark.parametrize(("page", "cells"), [(CELLS, True), (ATTRIBUTES, False), (BARE, False)],
                         ids=["300 kB of table cells", "40,000 attributes in a tag",
                              "80,000 attributes without values"])
def test_a_hostile_page_in_the_folder_does_not_stall_the_files_beside_it(fresh_db, tmp_path,
                                                                          page, cells):
    """Before: the scan, which holds the watcher's lock, parsed the page for 14 s to hours
    (jusText on the cells; libxml2 on the tag) and read nothing else meanwhile."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "hostile.html").write_text(page, encoding="utf-8")
    (drop / "ferry.txt").write_text(f"{FERRY[0]}\n\n{FERRY[1]}", encoding="utf-8")
    with transaction(fresh_db):
        source = source_row(fresh_db, add_source(fresh_db, kind="folder", location=str(drop)))
    watcher = FolderWatcher(max_bytes=10_000_000)

    def scans() -> None:
        watcher.scan(fresh_db, source_row(fresh_db, source.id), now=at(0))
        watcher.scan(fresh_db, source_row(fresh_db, source.id), now=at(1))

    seen = watched(scans)
    assert seen.markup, "the page was never handed to trafilatura"
    if cells:
        assert FALLBACKS not in seen.modules, "trafilatura's quadratic fallbacks ran on the cells"
    assert not seen.crowded_tags(), seen.crowded_tags()
    titles = {r.article.title or r.article.text.split("\n")[0]
              for r in pending(fresh_db, limit=10)}
    assert FERRY[0] in titles, titles
    assert "Dockworkers extend strike" in titles, "the article in the page is still read"


def test_an_ordinary_page_is_read_as_before():
    """Below the thresholds nothing changes: trafilatura with its fallbacks, every tag kept."""
    page = ("<html><head><title>Dockworkers extend strike</title></head><body><nav>"
            + "<div><a href='/x'>Section</a></div>" * 40 + "</nav><article>" + ARTICLE
            + "</article></body></html>")
    articles: list[RawArticle | IngestFailure] = []
    seen = watched(lambda: articles.append(html_to_article(page, origin="page.html")))
    [article] = articles
    assert isinstance(article, RawArticle)
    assert "every crane had been inspected" in article.text
    assert FALLBACKS in seen.modules, "the fallbacks run on an ordinary page, and are seen to"


@pytest.mark.parametrize("charset", ["rot13", "base64", "undefined", "unicode_escape"])
def test_a_charset_python_knows_and_no_browser_does_reads_the_page_and_its_neighbours(
        fresh_db, tmp_path, charset):
    """A page naming a codec that is no text encoding (`<meta charset="rot13">`, `base64`) or
    none at all (`undefined`) over bytes that are not UTF-8: decoding raised LookupError or
    UnicodeError out of the folder's scan, so the files beside it were never read; and
    `unicode_escape` made `\\u003c` in the page a `<`, which no browser does."""
    page = (f'<html><head><meta charset="{charset}"></head><body><article>{ARTICLE}'
            "<p>Caf\u00e9 owners on the quay said the strike cost them a week, \\u003cb\\u003e."
            "</p></article></body></html>")
    texts = read_beside_ferry(fresh_db, tmp_path, page.encode("latin-1"))
    assert any(FERRY[1][:60] in text for text in texts), texts
    [page_text] = [text for text in texts if "every crane had been inspected" in text]
    assert "\\u003cb\\u003e" in page_text


def test_a_page_with_a_control_character_after_a_script_and_only_a_year_is_read(fresh_db,
                                                                                tmp_path):
    """A vertical tab (Word) after a `<script>` in a page dated only by its footer's year:
    htmldate's second look for the date made lxml raise ValueError out of the folder's scan,
    so the page and the files beside it were never read (and out of a feed's whole poll)."""
    page = ("<html><body><script>var x = 1;</script>\x0b<article>"
            f"{ARTICLE}</article><footer>\u00a9 2026 Harbour Wire</footer></body></html>")
    texts = read_beside_ferry(fresh_db, tmp_path, page.encode("utf-8"))
    assert any("every crane had been inspected" in text for text in texts), texts
    assert any(FERRY[1][:60] in text for text in texts), texts


def read_beside_ferry(db, tmp_path, page: bytes) -> list[str]:
    """The texts a watched folder's two scans read from ``page`` (an .html) and a good .txt."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a-page.html").write_bytes(page)
    (drop / "ferry.txt").write_text(f"{FERRY[0]}\n\n{FERRY[1]}", encoding="utf-8")
    with transaction(db):
        source = source_row(db, add_source(db, kind="folder", location=str(drop)))
    watcher = FolderWatcher(max_bytes=10_000_000)
    for second in (0, 1):
        watcher.scan(db, source_row(db, source.id), now=at(second))
    return [row.article.text for row in pending(db, limit=10)]
