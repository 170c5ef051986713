"""What the summary endpoint answers is not trusted: a reply no summary can be read from leaves
the extractive one standing, as any endpoint failure does, never the article failed. The
endpoint is a real server on 127.0.0.1."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.nlp.summary import summariser_from
from tests.fakes.chat_endpoint import chat_endpoint
from tests.stopping import LAST_RESORT_S

SENTENCES = [
    "Tug crews at the port of Northhaven walked out on Tuesday over a new rota.",
    "The crews' union said about 300 members had stopped work after talks broke down.",
]
REPLIES = {
    "nested": b"[" * 100_000,
    "nested-content": b'{"choices": [{"message": {"content": ' + b"[" * 100_000 + b"}}]}",
    "long-number": b'{"choices": [{"message": {"content": 1' + b"0" * 5_000 + b"}}]}",
}


@pytest.fixture
def endpoint(request) -> Iterator[str]:
    """The summary endpoint, answering every POST with ``REPLIES[request.param]``."""
    with chat_endpoint(REPLIES[request.param]) as url:
        yield url


@pytest.mark.parametrize("endpoint", list(REPLIES), indirect=True)
def test_a_reply_nested_past_reading_leaves_the_extractive_summary(endpoint, caplog):
    """A reply of 100,000 opening brackets (an endpoint's address someone else took over, a
    broken gateway): the RecursionError left ``summarise``, so each new story's article failed
    as "internal error" with a traceback, for as long as the endpoint answered so."""
    settings = Settings(summary_url=endpoint, summary_model="tiny",
                        summary_timeout=LAST_RESORT_S)
    with caplog.at_level(logging.WARNING, logger="bot.nlp.summary"):
        summary = summariser_from(settings).summarise(title="Tug crews walk out",
                                                      sentences=SENTENCES)
    assert summary and summary[0] == SENTENCES[0], "the extractive summary stands in"
    assert "summary endpoint failed" in caplog.text
