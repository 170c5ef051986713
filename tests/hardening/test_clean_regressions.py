"""Prose that cleaning used to drop, found by the property tests, kept as plain examples."""

from __future__ import annotations

import pytest

from bot.ingest.clean import clean_article
from bot.models import RawArticle

LEAD = "The harbour authority said on Tuesday that ships were waiting to dock."
PROSE = [
    "Sales increased by 4% last year, the company said.",
    "Subscribers to the service rose to 3 million in May.",
    "Sign up numbers doubled after the launch, officials said.",
    "The company posted a profit of 3 million euros on Nov 3, 2024.",
    "The report was published on March 3, 2024.",
    "By contrast, the bank said rose.",
    "By noon, 300 people had left the square.",
    "Reporting by the agency showed 12 deaths.",
    "Follow us, the minister urged the crowd.",
    "Published published published 1.00%.",
    "Posted rates rose to 4.50%.",
    "Updated figures showed $3 million.",
]


@pytest.mark.parametrize("sentence", PROSE)
def test_prose_that_looks_like_furniture_is_kept(sentence):
    text = f"Ships wait offshore\n\n{LEAD}\n\n{sentence}\n\nThe queue should clear by Friday."
    assert sentence in clean_article(RawArticle(text=text, origin="x")).body.split("\n\n")


def test_single_newline_page_with_long_headline_and_ticker_between_prose_stays_apart():
    first = ("The city council approved a new tram line on Wednesday after a debate that lasted "
             "most of the day, the mayor's office said.")
    second = "Construction is due to start next year and will take about three years to finish."
    headline = "Airport operator expands terminal to cope with record passenger numbers"
    ticker = "IBEX 11,204.10 ▲ +0.84% | DAX 18,010.33 ▼ -0.12% | CAC 7,401.50 ▲ +0.20%"
    text = "\n".join([first, headline, ticker, second])
    article = clean_article(RawArticle(text=text, origin="x", title="Tram line approved"))
    assert article.body.split("\n\n") == [first, second]


def test_furniture_is_still_removed():
    text = ("Ships wait offshore\n\nBy Ana Sousa\n\nReuters Published 14 Mar, 2026 9:05am\n\n"
            f"{LEAD}\n\nSubscribe to our newsletter\n\nUpdated 3 hours ago\n\n"
            "Reporting by Ana Sousa; Editing by Mark Potter\n\nShare this article")
    article = clean_article(RawArticle(text=text, origin="x"))
    assert article.body == LEAD
    assert (article.byline, article.source) == ("Ana Sousa", "Reuters")
    assert article.published == "2026-03-14T09:05:00+00:00"
