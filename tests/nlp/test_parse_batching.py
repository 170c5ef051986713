"""spaCy batches are capped by characters, so memory stays bounded whatever the article length."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.ingest.clean import content_hash
from bot.models import Article
from bot.nlp.parse import docs_per_batch, parse_articles


def article(body: str, origin: str) -> Article:
    return Article(title=origin, body=body, origin=origin, content_hash=content_hash(body))


def test_short_articles_fill_the_configured_batch():
    articles = [article("Short text. " * 10, f"a{i}") for i in range(40)]
    assert docs_per_batch(articles, batch_size=32, max_chars=20_000) == 32


def test_long_articles_make_smaller_batches_sized_by_the_longest():
    articles = [article("word " * 200, "short"), article("word " * 2_000, "long")]
    assert docs_per_batch(articles, batch_size=32, max_chars=20_000) == 2


def test_an_article_longer_than_the_budget_is_parsed_alone():
    articles = [article("word " * 10_000, "huge")]
    assert docs_per_batch(articles, batch_size=32, max_chars=20_000) == 1
    assert docs_per_batch([], batch_size=32, max_chars=20_000) == 32


def test_small_budget_keeps_every_article_and_the_order(nlp):
    bodies = [f"Minister {name} said the port would reopen on {day}." for name, day in
              (("Ana Lind", "Monday"), ("Bo Krantz", "Tuesday"), ("Cy Moreau", "Friday"))]
    articles = [article(b, f"n{i}") for i, b in enumerate(bodies)]
    parsed = list(parse_articles(nlp, articles, batch_size=32, max_batch_chars=60))
    assert [p.article.origin for p in parsed] == ["n0", "n1", "n2"]
    assert [p.doc.text for p in parsed if isinstance(p.doc, Doc)] == bodies
    assert all(p.sentences and p.entities for p in parsed)
