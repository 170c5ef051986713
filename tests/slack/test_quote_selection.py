"""Which quotes a quote subscription selects: person: terms by speaker, the rest by article."""

from __future__ import annotations

import pytest

from bot.alerts.quote_alerts import QuoteQueryError, check_quote_query, same_quote, selects
from bot.models import ArticleParts, Span
from bot.stories.topics import Matcher, text_from_stored
from storage.quotes import normalise

BODY = "Dockworkers went on strike at the port on Monday. Talks with the operator stalled."


def chosen(query: str, speaker: str) -> bool:
    matcher = Matcher(text_from_stored(title="Port strike", body=BODY,
                                       parts=ArticleParts([Span(0, len(BODY))], [])))
    return selects(check_quote_query(query), tuple(normalise(speaker).split()), matcher)


def test_person_terms_match_the_speaker_and_other_terms_the_article():
    assert chosen('person:"Ada Brandt"', "Ada Brandt")
    assert chosen("person:Brandt", "Ada Brandt") and chosen("person:brandt", "ADA BRANDT")
    assert not chosen('person:"Ada Brandt"', "Brandt Adams")
    assert chosen("person:Brandt AND strike", "Ada Brandt")
    assert not chosen("person:Brandt AND election", "Ada Brandt")
    assert not chosen("person:Brandt AND NOT operator", "Ada Brandt")
    assert chosen("person:Bra*", "Ada Brandt")


def test_a_query_must_name_a_person_and_parse():
    for bad in ("strike", "NOT person:Brandt", "person:Brandt AND ("):
        with pytest.raises(QuoteQueryError):
            check_quote_query(bad)


def test_same_quote_tolerates_a_recut_quote():
    said = set(normalise("We have waited long enough for safe cranes").split())
    assert same_quote(set(normalise("waited long enough for safe cranes").split()), said)
    assert not same_quote(set(normalise("We will stay out until every crane is inspected")
                              .split()), said)
