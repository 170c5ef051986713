"""The story stage keeps each article it stores as it was written (vector and headline names),
so the next articles compare with it without reading it back: what it keeps must be what a
read of the database gives, before and after the article moves story."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.split import split_article
from bot.stories.stage import Compared
from storage import stories as store
from storage.db import transaction

FERRY = """Ferry link to Skarholm suspended after storm damages pier

The ferry service between Lindvik and Skarholm island was suspended on Friday after a storm tore part of the main pier away, the operator Nordsund Lines said.

Repairs to the pier are expected to take at least two weeks, the operator said."""

FERRY_AGAIN = """Skarholm ferries halted as Nordsund Lines counts storm damage

Nordsund Lines halted its Lindvik to Skarholm crossings on Friday after the storm wrecked a section of the island's pier.

Islanders will be served by a temporary boat service from Monday, the company said."""

SCHOOL = """Skarholm school reopens after roof repairs

The only school on Skarholm island reopened on Friday after a summer of repairs to its roof, the island council said."""


def _articles() -> list[RawArticle]:
    start = datetime(2026, 9, 4, 7, tzinfo=UTC)
    return [RawArticle(text=text, origin=f"f{n}", published=(start + timedelta(hours=n))
                       .isoformat()) for n, text in enumerate((FERRY, FERRY_AGAIN, SCHOOL))]


def _read_back(db, article_ids: list[int]) -> dict[int, Compared]:
    return {a: Compared(vector, frozenset(names))
            for a, (vector, names) in store.article_keys(db, article_ids).items()}


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
