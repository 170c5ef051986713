"""The offset an article's time was written in is stored with it; a database made before it was
kept migrates, and its articles keep their days read in UTC, as before."""

from __future__ import annotations

from datetime import date

from bot.models import Article, Entity, ParsedArticle, Sentence
from bot.stories.schedule import day_of
from storage import stories as store
from storage.articles import get_article, insert_article
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import core

BODY = "Talks on the berth resume tomorrow in Gdansk."
EVENING = "2025-12-03T01:00:00+00:00"
"""8 p.m. on 2 December in New York."""


def parsed(number: int, offset: int | None) -> ParsedArticle:
    article = Article(title=f"Berth {number}", body=BODY, origin=f"berth-{number}",
                      content_hash=f"berth-{number}", published=EVENING, published_offset=offset)
    start = BODY.index("tomorrow")
    return ParsedArticle(article, [Sentence(0, len(BODY), BODY)],
                         [Entity("tomorrow", "DATE", start, start + len("tomorrow"))])


def test_an_old_databases_articles_migrate_with_no_offset_and_keep_their_utc_day(db_path):
    old = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(old, stop_before="m002_published_offset" if migrations is core.MIGRATIONS
                         else None)
    assert "published_offset" not in old["articles"].columns_dict
    with transaction(old):
        old.execute("INSERT INTO articles (content_hash, title, body, published, ingested_at) "
                    "VALUES ('old', 'Berth', ?, ?, ?)", [BODY, EVENING, EVENING])
    old.close()
    db = open_db(db_path)
    with transaction(db):
        kept = insert_article(db, parsed(2, -300))
    first, second = (get_article(db, article_id) for article_id in (1, kept))
    assert first and second
    assert (first.published, first.published_offset) == (EVENING, None)
    assert (second.published, second.published_offset) == (EVENING, -300)
    dated = store.dated_articles(db, [kept])[kept]
    assert day_of(dated.published, dated.published_offset) == date(2025, 12, 2)
    assert day_of(first.published, first.published_offset) == date(2025, 12, 3)
