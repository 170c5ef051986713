"""Running quote extraction on text written for the tests."""

from __future__ import annotations

import pytest

from bot.models import Article, Quote
from bot.nlp.parse import parsed_from_doc
from bot.nlp.quotes import extract_quotes


@pytest.fixture
def quotes_of(nlp):
    def run(body: str) -> list[Quote]:
        return _extract(nlp, body)
    return run


def _extract(nlp, body: str) -> list[Quote]:
    article = Article(title="Test", body=body, origin="test", content_hash="test")
    return extract_quotes(parsed_from_doc(article, nlp(body)))


@pytest.fixture
def only():
    return _only


def _only(quotes: list[Quote], kind: str, contains: str) -> Quote:
    found = [q for q in quotes if q.kind == kind and contains in q.text]
    assert len(found) == 1, f"expected one {kind} quote with {contains!r}, got {quotes}"
    return found[0]


def speakers_of(quotes: list[Quote], words: str) -> list[str | None]:
    """Who each quote holding ``words`` is given to: one name per quote, so a split is seen."""
    return [q.speaker.name for q in quotes if words in q.text]
