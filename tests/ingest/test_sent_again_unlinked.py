"""An article without a link (a file given to `wirewatch ingest` or dropped in the watched
folder) stored by an earlier cleaning and sent again unchanged is a duplicate too, known by its
source, its title and its text cleaned as today; another article under the same title and
source is still stored. A real SQLite file, the real spaCy model, invented copy."""

from __future__ import annotations

from bot.models import RawArticle
from bot.pipeline import Pipeline
from tests.ingest.test_sent_again import (
    _sent_text,
    sent_again_is_a_duplicate,
    stored_by_older_cleaning,
)
from tests.sources.stories import FERRY


def _file(text: str, origin: str, source: str | None = None) -> RawArticle:
    return RawArticle(text=text, origin=origin, title=FERRY[0], source=source)


def test_a_file_sent_again_unchanged_is_a_duplicate_after_the_cleaning_changed(
        fresh_db, settings, nlp):
    """Before: stored again (2 articles) and judged against its own story."""
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first = stored_by_older_cleaning(pipeline, fresh_db, _file(_sent_text(), "inbox/ferry.txt"))
    sent_again_is_a_duplicate(pipeline, fresh_db, first,
                              _file(_sent_text(), "inbox/ferry-again.txt"))


def test_another_text_or_source_under_the_same_title_is_stored(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first = stored_by_older_cleaning(pipeline, fresh_db, _file(_sent_text(), "inbox/ferry.txt"))
    edited = _sent_text() + ("\n\nThe operator said on Friday evening that talks with the union "
                             "would resume on Monday.")
    [other] = pipeline.ingest([_file(edited, "inbox/ferry-edited.txt")])
    [elsewhere] = pipeline.ingest([_file(_sent_text(), "inbox/ferry.txt", "Tarnby Echo")])
    assert other.status == "stored" and other.article_id != first.article_id
    assert elsewhere.status == "stored" and elsewhere.article_id != first.article_id
