"""A topic query that matches nearly every article: one of only exclusions, or an OR branch
that is only a NOT (``strike OR NOT port``). Add and edit refuse it; the check agrees with the
matcher read on a real article holding none of the query's words."""

from __future__ import annotations

import pytest

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.stories.query import parse_query, too_broad
from bot.stories.reading import extract
from bot.stories.topics import Matcher, match_text
from bot.stories.tracking import TopicError, add_topic
from storage.db import transaction
from storage.topics import list_topics

BAKERY = ("Bakery reopens after flood\n\nThe corner bakery on Mill Lane opened its doors again on "
          "Tuesday, three weeks after river water filled its cellar. The owner said the ovens "
          "had been replaced and bread would be on sale from seven each morning.")


@pytest.fixture(scope="module")
def bakery(nlp):
    article = clean_article(RawArticle(text=BAKERY, origin="t"))
    return Matcher(match_text(extract(next(parse_articles(nlp, [article])))))


@pytest.mark.parametrize("query, broad", [
    ("strike OR NOT port", True),
    ("strike OR dockers OR NOT port", True),
    ("(strike OR NOT port) AND (ferry OR NOT union)", True),
    ("strike OR (NOT port AND NOT union)", True),
    ("NOT (strike AND NOT port)", True),
    ("NOT strike", True),
    ("strike AND NOT port", False),
    ("ferry AND (strike OR NOT port)", False),
    ("NOT NOT strike", False),
    ("(strike AND NOT port) OR ferry", False),
])
def test_a_query_is_too_broad_when_it_matches_an_article_without_its_words(bakery, query, broad):
    """The bakery's article has none of these words: what matches it matches nearly all."""
    node = parse_query(query)
    assert bakery.evaluate(node).matched is broad
    assert (too_broad(node, query) is not None) is broad


def test_an_or_branch_of_only_a_not_is_refused_with_the_query_it_meant(fresh_db):
    """Before: `strike OR NOT port` was added (it has a word) and matched every article
    without port."""
    with pytest.raises(TopicError) as refused, transaction(fresh_db):
        add_topic(fresh_db, name="Strikes", query="strike OR NOT port")
    said = str(refused.value)
    assert "'NOT port' alone matches every article without port" in said, said
    assert "as in strike AND NOT port" in said, said
    with pytest.raises(TopicError) as refused, transaction(fresh_db):
        add_topic(fresh_db, name="Strikes", query="strike OR dockers OR NOT port")
    assert "as in (strike OR dockers) AND NOT port" in str(refused.value)
    assert list_topics(fresh_db) == []
