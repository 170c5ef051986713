"""What the story stage keeps between articles must be what the database says: each article
it stores as it was written (vector and headline names), not read back, and dropped when its
write rolls back; and each candidate story's shape for event scoring, kept by the articles it
is made of, as the story gains an article or loses one to a move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.pipeline import Pipeline
from bot.stories.cluster import Shape
from bot.stories.decide import Candidates
from bot.stories.split import split_article
from bot.stories.stage import Compared, StoryStage
from storage import stories as store
from storage.db import open_db, transaction

FERRY = """Ferry link to Skarholm suspended after storm damages pier

The ferry service between Lindvik and Skarholm island was suspended on Friday after a storm tore part of the main pier away, the operator Nordsund Lines said.

Repairs to the pier are expected to take at least two weeks, the operator said."""

FERRY_AGAIN = """Skarholm ferries halted as Nordsund Lines counts storm damage

Nordsund Lines halted its Lindvik to Skarholm crossings on Friday after the storm wrecked a section of the island's pier.

Islanders will be served by a temporary boat service from Monday, the company said."""

FERRY_LATER = """Temporary boat keeps Skarholm connected while pier is rebuilt

A chartered boat began carrying islanders between Lindvik and Skarholm on Monday while Nordsund Lines rebuilds the storm-damaged pier, the operator said."""

SCHOOL = """Skarholm school reopens after roof repairs

The only school on Skarholm island reopened on Friday after a summer of repairs to its roof, the island council said."""


def _articles() -> list[RawArticle]:
    start = datetime(2026, 9, 4, 7, tzinfo=UTC)
    return [RawArticle(text=text, origin=f"f{n}", published=(start + timedelta(hours=n))
                       .isoformat()) for n, text in enumerate((FERRY, FERRY_AGAIN, SCHOOL))]


def _read_back(db, article_ids: list[int]) -> dict[int, Compared]:
    return {a: Compared(vector, frozenset(names), frozenset(map(date.fromisoformat, days)))
            for a, (vector, names, days) in store.article_keys(db, article_ids).items()}


def test_a_stored_article_is_kept_as_a_read_of_it_gives_it(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    ids = [o.article_id for o in pipeline.ingest(_articles()) if o.article_id is not None]
    kept = pipeline.stories._compared
    assert len(ids) == 3 and set(ids) <= set(kept)
    assert {a: kept[a] for a in ids} == _read_back(fresh_db, ids)
    assert all(list(kept[a].vector) == list(_read_back(fresh_db, [a])[a].vector) for a in ids)


def test_a_moved_article_is_kept_as_a_read_of_it_gives_it(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first, second, _ = pipeline.ingest(_articles())
    assert first.article_id is not None and second.article_id is not None
    assert second.verdict is not None and first.verdict is not None
    assert second.verdict.story_id == first.verdict.story_id
    with transaction(fresh_db):
        split_article(fresh_db, second.article_id)
    ids = [first.article_id, second.article_id]
    kept = pipeline.stories._compared
    assert {a: kept[a] for a in ids} == _read_back(fresh_db, ids)


class FailsAfterStoring(StoryStage):
    """A stage whose article about the school fails once it is in its story: the article's
    savepoint rolls back the row the stage has just kept as written."""

    def store(self, db, prepared, *args, **kwargs):
        result = super().store(db, prepared, *args, **kwargs)
        if "school" in prepared.features.title:
            raise RuntimeError("failed after storing")
        return result


def test_an_article_rolled_back_is_not_kept_for_the_next_one_with_its_id(fresh_db, db_path,
                                                                           settings, nlp):
    """Another connection's next article takes the rolled-back article's id: the stage
    compares with what that id now holds, not with the article it kept and lost."""
    stage = FailsAfterStoring()
    pipeline = Pipeline(fresh_db, settings, nlp=nlp, stories=stage)
    first, second, failed = pipeline.ingest(_articles())
    assert failed.status == "failed" and first.verdict is not None
    other = open_db(db_path)
    try:
        [later] = Pipeline(other, settings, nlp=nlp).ingest([RawArticle(
            text=FERRY_LATER, origin="f9", published="2026-09-04T20:00:00+00:00")])
    finally:
        other.close()
    rewrite = FERRY.replace("two weeks", "a fortnight")
    [again] = pipeline.ingest([RawArticle(text=rewrite, origin="f10",
                                          published="2026-09-04T21:00:00+00:00")])
    assert second.article_id is not None and later.article_id == second.article_id + 1
    ids = [o.article_id for o in (first, second, later, again) if o.article_id is not None]
    assert again.verdict is not None and again.verdict.story_id == first.verdict.story_id
    assert len(ids) == 4
    assert {a: stage._compared.get(a) for a in ids} == _read_back(fresh_db, ids)


def _shaped(candidates: Candidates) -> dict[int, Shape]:
    assert candidates.stories
    for candidate in candidates.stories:
        assert candidate.shape == Shape.of(candidate.vectors)
    return {c.story_id: c.shape for c in candidates.stories if c.shape is not None}


def test_a_story_shape_follows_its_articles_as_they_come_and_go(fresh_db, settings, nlp):
    pipeline = Pipeline(fresh_db, settings, nlp=nlp)
    first, second, _ = pipeline.ingest(_articles())
    assert first.verdict is not None and second.article_id is not None
    stage, ferry = pipeline.stories, first.verdict.story_id
    later = RawArticle(text=FERRY_LATER, origin="f9", published="2026-09-04T20:00:00+00:00")
    [parsed] = parse_articles(nlp, [clean_article(later)])
    prepared = stage.prepare(parsed)
    whole = _shaped(stage.load(fresh_db, prepared))[ferry]
    assert _shaped(stage.load(fresh_db, prepared))[ferry] is whole, "kept while nothing changed"
    with transaction(fresh_db):
        split_article(fresh_db, second.article_id)
    moved = _shaped(stage.load(fresh_db, prepared))[ferry]
    assert len(moved.squares) == len(whole.squares) - 1
    rewrite = FERRY.replace("two weeks", "a fortnight")
    [again] = pipeline.ingest([RawArticle(text=rewrite, origin="f10",
                                          published="2026-09-04T12:00:00+00:00")])
    assert again.verdict is not None and again.verdict.story_id == ferry
    assert len(_shaped(stage.load(fresh_db, prepared))[ferry].squares) == len(whole.squares)
