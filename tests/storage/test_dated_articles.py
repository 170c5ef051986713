"""The dates of a story's stored articles are read by article, not by reading every date the
archive holds (a year of articles names about a million dates)."""

from __future__ import annotations

from bot.models import Article, Entity, ParsedArticle, Sentence
from storage import stories as store
from storage.articles import insert_article
from storage.db import transaction
from tests.plans import plans

ARTICLES = 40
PUBLISHED = "2026-03-05T09:00:00+00:00"


def add_article(db, number: int) -> int:
    """An article whose one sentence names a day and a port (numbers past 30: no date)."""
    body = f"Talks on berth {number} resume on Friday in Gdansk."
    article = Article(title=f"Berth {number}", body=body, origin=f"berth-{number}",
                      content_hash=f"berth-{number}", published=PUBLISHED)
    entities = [Entity("Gdansk", "GPE", body.index("Gdansk"), body.index("Gdansk") + 6)]
    if number <= 30:
        entities.append(Entity("Friday", "DATE", body.index("Friday"), body.index("Friday") + 6))
    return insert_article(db, ParsedArticle(article, [Sentence(0, len(body), body)], entities))


def test_a_storys_dated_articles_are_read_by_article_not_by_every_date_stored(fresh_db):
    with transaction(fresh_db):
        ids = [add_article(fresh_db, number) for number in range(1, ARTICLES + 1)]
    asked = [ids[0], ids[4], ids[9], ids[29], ids[34], ids[39]]
    found = store.dated_articles(fresh_db, asked)
    assert sorted(found) == [ids[0], ids[4], ids[9], ids[29]]
    first = found[ids[0]]
    assert (first.body[first.parts.entities[0].start:first.parts.entities[0].end],
            first.published) == ("Friday", PUBLISHED)
    read = plans(fresh_db, lambda: store.dated_articles(fresh_db, asked), "FROM entities")
    assert any("idx_entities_article_id" in plan for plan in read), read
    assert not any("idx_entities_label" in plan or "SCAN entities" in plan for plan in read)


def test_a_day_spacy_reads_as_a_time_is_read_again_as_the_story_stage_reads_it(fresh_db):
    """spaCy makes "on Friday" a DATE but "Friday evening" a TIME; the story stage reads a day
    from both, so rows stored before days were kept must be filled from both."""
    body = "Talks on the ferry strike resume on Friday evening in Tallinn."
    article = Article(title="Ferry talks", body=body, origin="ferry-evening",
                      content_hash="ferry-evening", published=PUBLISHED)
    start = body.index("Friday evening")
    entities = [Entity("Friday evening", "TIME", start, start + len("Friday evening"))]
    with transaction(fresh_db):
        article_id = insert_article(
            fresh_db, ParsedArticle(article, [Sentence(0, len(body), body)], entities))
    found = store.dated_articles(fresh_db, [article_id])
    assert [entity.text for entity in found[article_id].parts.entities] == ["Friday evening"]
