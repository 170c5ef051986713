"""Running spaCy over cleaned articles in batches and keeping what later stages need."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.models import Article, Entity, ParsedArticle, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_BATCH_CHARS = 10_000


def parse_articles(
    nlp: Language,
    articles: Sequence[Article],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    max_batch_chars: int = MAX_BATCH_CHARS,
) -> Iterator[ParsedArticle]:
    """Parse articles with ``nlp.pipe``; results come back in input order."""
    size = docs_per_batch(articles, batch_size=batch_size, max_chars=max_batch_chars)
    docs = nlp.pipe((a.body for a in articles), batch_size=size, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        yield parsed_from_doc(article, doc)


def docs_per_batch(articles: Sequence[Article], *, batch_size: int, max_chars: int) -> int:
    """spaCy's working memory grows with the text in one batch (about 3 KB per character with
    the small English model), so cap a batch at ``max_chars``, sized by the longest article."""
    longest = max((len(a.body) for a in articles), default=1)
    return max(1, min(batch_size, max_chars // max(longest, 1)))


def parsed_from_doc(article: Article, doc: Doc) -> ParsedArticle:
    """Sentences and entities with their text cut from the body, which the Doc reproduces
    exactly (spaCy's tokenisation loses nothing): a Span's own text is joined token by token."""
    body = article.body
    sentences = [Sentence(start, end, text) for start, end in
                 ((s.start_char, s.end_char) for s in doc.sents)
                 if (text := body[start:end]).strip()]
    entities = [Entity(body[e.start_char:e.end_char], e.label_, e.start_char, e.end_char)
                for e in doc.ents]
    return ParsedArticle(article=article, sentences=sentences, entities=entities, doc=doc)
