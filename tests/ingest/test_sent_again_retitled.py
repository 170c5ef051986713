"""An article without a link sent again under a new title (a file re-titled, its text as it
was) is a re-send of the first, also when the cleaning changed between the two: it was looked
for under its new title only, stored again and judged against its own story. Two different
texts, or one text from two sources, stay two articles. A real SQLite file, the real spaCy
model, invented copy."""

from __future__ import annotations

from bot.models import RawArticle
from bot.pipeline import Pipeline
from storage.db import transaction
from storage.schema.core import m007_articles_by_longest_paragraph
from tests.ingest.test_sent_again import _counts, _sent_text, _stored_by_older_cleaning
from tests.sources.stories import FERRY

RETITLED = "Ferry crews stop work after talks fail"


def _file(text: str, origin: str, title: str, source: str | None = "Harbour Gazette"
          ) -> RawArticle:
    return RawArticle(text=text, origin=origin, title=title, source=source)


def test_a_file_sent_again_retitled_after_the_cleaning_changed_is_a_duplicate(
        fresh_db, settings, nlp):
    """Before: stored again (2 articles) and judged against its own story."""
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    [first] = pipeline.ingest([_file(_sent_text(), "inbox/ferry.txt", FERRY[0])])
    assert first.status == "stored"
    _stored_by_older_cleaning(fresh_db, first.article_id)
    before = _counts(fresh_db)
    [again] = pipeline.ingest([_file(_sent_text(), "inbox/ferry-v2.txt", RETITLED)])
    assert (again.status, again.article_id) == ("duplicate", first.article_id)
    assert _counts(fresh_db) == before


def test_a_retitled_text_from_another_source_or_edited_is_stored(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    [first] = pipeline.ingest([_file(_sent_text(), "inbox/ferry.txt", FERRY[0])])
    _stored_by_older_cleaning(fresh_db, first.article_id)
    [elsewhere] = pipeline.ingest([_file(_sent_text(), "inbox/ferry.txt", RETITLED,
                                         "Tarnby Echo")])
    edited = _sent_text() + ("\n\nThe operator said late on Friday that talks with the crews "
                             "would start again on Monday morning.")
    [other] = pipeline.ingest([_file(edited, "inbox/ferry-edited.txt", RETITLED)])
    assert elsewhere.status == "stored" and elsewhere.article_id != first.article_id
    assert other.status == "stored" and other.article_id not in (first.article_id,
                                                                 elsewhere.article_id)


def test_an_article_stored_before_its_paragraph_was_keyed_is_found_after_the_upgrade(
        fresh_db, settings, nlp):
    """The schema change keys the articles already stored: a re-titled re-send of one stored
    before it is found as one stored after."""
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    [first] = pipeline.ingest([_file(_sent_text(), "inbox/ferry.txt", FERRY[0])])
    _stored_by_older_cleaning(fresh_db, first.article_id)
    with transaction(fresh_db):
        fresh_db.execute("DROP INDEX idx_articles_longest_key")
        fresh_db.execute("ALTER TABLE articles DROP COLUMN longest_key")
        m007_articles_by_longest_paragraph(fresh_db)
    [again] = pipeline.ingest([_file(_sent_text(), "inbox/ferry-v2.txt", RETITLED)])
    assert (again.status, again.article_id) == ("duplicate", first.article_id)
