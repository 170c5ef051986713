"""A feed entry's seen record keeps its title bounded as an article's title is (it kept the
whole title, 100,000 characters a row), and an entry posted again at a new link under that
long title is still known; a stored over-long title cleaned again to compare a re-send does
not log its cut a second time. A real feed server on 127.0.0.1, real SQLite, the real spaCy
model. Invented copy."""

from __future__ import annotations

import logging

import pytest

from bot.ingest.bounds import MOST_CHARS
from bot.ingest.feeds import poll_feed
from bot.models import RawArticle
from bot.pipeline import Pipeline
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.ingest.test_sent_again import LINK, _sent_text, _stored_by_older_cleaning
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import FERRY, LIBRARY

WORDS = "Harbour pilots walk out over night crossings and the fog rules "


def _long(chars: int) -> str:
    return (WORDS * (chars // len(WORDS) + 1))[:chars]


@pytest.fixture
def fetcher():
    return loopback_fetcher(max_bytes=900_000)


def test_a_feed_entrys_seen_record_keeps_its_title_bounded(server, fresh_db, fetcher):
    """Before: feed_entries.title held all 100,000 characters."""
    title, text = _long(100_000), f"{FERRY[1]}\n\n{LIBRARY[1]}"
    server.routes["/feed"] = Route(rss([Item(guid="urn:p:1", title=title, text=text,
                                             link=server.url("/news/1/pilots"),
                                             published=at(10))]))
    with transaction(fresh_db):
        feed = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60)
    assert poll_feed(fresh_db, source_row(fresh_db, feed), fetcher=fetcher,
                     now=at(20)).queued == 1
    [kept] = [row[0] for row in fresh_db.execute("SELECT title FROM feed_entries")]
    assert len(kept) <= MOST_CHARS["title"] and kept.startswith("Harbour pilots walk out")
    server.routes["/feed"] = Route(rss([Item(guid="urn:p:2", title=title, text=text,
                                             link=server.url("/news/2/pilots"),
                                             published=at(10))]))
    assert poll_feed(fresh_db, source_row(fresh_db, feed), fetcher=fetcher,
                     now=at(30)).queued == 0


def test_a_stored_long_title_cleaned_again_to_compare_a_resend_logs_no_cut(
        fresh_db, settings, nlp, caplog):
    """A title stored whole (before titles were bounded), its article sent again: the
    arriving title's cut is logged once. Before: twice, the stored one's cleaning again too."""
    def raw(origin: str) -> RawArticle:
        return RawArticle(text=_sent_text(), origin=origin, title=_long(800), url=LINK,
                          source="Harbour Gazette", published="2026-12-04T09:00:00+00:00")

    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    [first] = pipeline.ingest([raw("cms-1")])
    _stored_by_older_cleaning(fresh_db, first.article_id)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE articles SET title = ?", [_long(800)])
    caplog.clear()
    caplog.set_level(logging.WARNING)
    [again] = pipeline.ingest([raw("cms-1 resent")])
    assert (again.status, again.article_id) == ("duplicate", first.article_id)
    cuts = [r.getMessage() for r in caplog.records if "title of 800 characters cut" in
            r.getMessage()]
    assert len(cuts) == 1, cuts
