"""Running spaCy over cleaned articles in batches and keeping what later stages need."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from bot.models import Article, Entity, ParsedArticle, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_BATCH_CHARS = 10_000
READ_CHARS = 100_000
"""Of a longer article only the first this many characters are parsed (about two and a half
times the longest article of the stories stream and PolNeAR): the whole text of an article at
the 1,000,000-character limit with no sentence break took spaCy minutes and 3 GB, and finding
its speakers hours. The article is stored whole (``read_part``)."""


def parse_articles(
    nlp: Language,
    articles: Sequence[Article],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    max_batch_chars: int = MAX_BATCH_CHARS,
    read_chars: int = READ_CHARS,
) -> Iterator[ParsedArticle]:
    """Parse articles with ``nlp.pipe`` (each up to ``read_chars``, ``read_part``); results
    come back in input order."""
    size = docs_per_batch(articles, batch_size=batch_size, max_chars=max_batch_chars,
                          read_chars=read_chars)
    docs = nlp.pipe((read_part(a.body, read_chars) for a in articles), batch_size=size,
                    n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        yield parsed_from_doc(article, doc)


def docs_per_batch(articles: Sequence[Article], *, batch_size: int, max_chars: int,
                   read_chars: int = READ_CHARS) -> int:
    """spaCy's working memory grows with the text in one batch (about 3 KB per character with
    the small English model), so cap a batch at ``max_chars``, sized by the longest article."""
    longest = min(max((len(a.body) for a in articles), default=1), read_chars)
    return max(1, min(batch_size, max_chars // max(longest, 1)))


def read_part(body: str, limit: int) -> str:
    """What is parsed of ``body``: all of it up to ``limit`` characters; else up to the last
    paragraph break before the limit, or the last space if that leaves less than half."""
    if len(body) <= limit:
        return body
    for mark in ("\n\n", " "):
        cut = body.rfind(mark, 0, limit)
        if cut >= limit // 2:
            return body[:cut]
    return body[:limit]


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
