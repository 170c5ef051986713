"""An article stored by an earlier version of the cleaning, sent again unchanged (a CMS's
`/ingest` resend, `wirewatch ingest` run twice, a feed read again under a new entry id), cleans
to another text now: it is the same item, a duplicate, not one more report judged against its
story. An edit sent at the same link is still judged. A real SQLite file, the real spaCy
model, invented copy."""

from __future__ import annotations

from bot.ingest.clean import content_hash
from bot.models import RawArticle
from bot.pipeline import Outcome, Pipeline
from storage.db import transaction
from tests.sources.stories import FERRY

LINK = "https://example.test/harbour/ferry-pilots"
FURNITURE = "Advertisement"


def _raw(text: str, origin: str) -> RawArticle:
    return RawArticle(text=text, origin=origin, title=FERRY[0], url=LINK,
                      source="Harbour Gazette", published="2026-12-04T09:00:00+00:00")


def _sent_text() -> str:
    """The copy as the CMS sends it: an ad's label between paragraphs, which cleaning drops."""
    first, *rest = FERRY[1].split("\n\n")
    return "\n\n".join([first, FURNITURE, *rest])


def _stored_by_older_cleaning(db, article_id: int | None) -> None:
    """The stored body as a cleaning that kept the label left it."""
    assert article_id is not None
    body = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    first, rest = body.split("\n\n", 1)
    older = f"{first}\n\n{FURNITURE}\n\n{rest}"
    with transaction(db):
        db.execute("UPDATE articles SET body = ?, content_hash = ? WHERE id = ?",
                   [older, content_hash(older), article_id])


def _counts(db) -> tuple[int, int]:
    return tuple(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("articles", "alerts"))


def stored_by_older_cleaning(pipeline: Pipeline, db, raw: RawArticle) -> Outcome:
    """``raw`` ingested and stored, then its body left as the older cleaning stored it."""
    [first] = pipeline.ingest([raw])
    assert first.status == "stored"
    _stored_by_older_cleaning(db, first.article_id)
    return first


def sent_again_is_a_duplicate(pipeline: Pipeline, db, first: Outcome, again: RawArticle) -> None:
    """``again`` ingested is a duplicate of ``first``: no article and no alert more."""
    before = _counts(db)
    [outcome] = pipeline.ingest([again])
    assert (outcome.status, outcome.article_id) == ("duplicate", first.article_id)
    assert _counts(db) == before


def test_an_article_sent_again_unchanged_is_a_duplicate_after_the_cleaning_changed(
        fresh_db, settings, nlp):
    """Before: stored again (2 articles), judged against its own story."""
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first = stored_by_older_cleaning(pipeline, fresh_db, _raw(_sent_text(), "cms-1"))
    sent_again_is_a_duplicate(pipeline, fresh_db, first, _raw(_sent_text(), "cms-1 resent"))


def test_an_edit_sent_at_the_same_link_is_still_judged(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first = stored_by_older_cleaning(pipeline, fresh_db, _raw(_sent_text(), "cms-1"))
    edited = _sent_text() + ("\n\nThe harbour authority said on Friday evening that talks with "
                             "the pilots would resume on Monday.")
    [again] = pipeline.ingest([_raw(edited, "cms-1 edited")])
    assert again.status == "stored" and again.article_id != first.article_id
