"""What a topic query's exclusions are: the terms under a NOT and the ``source:`` terms, read on
each article of a story the topic already matched, every other term counted as unknown."""

from __future__ import annotations

import pytest

from bot.alerts.console_feed import print_pending
from bot.alerts.why import LEFT_OUT
from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.pipeline import Pipeline
from bot.stories.query import parse_query
from bot.stories.reading import extract
from bot.stories.topics import Matcher, match_text, sources_of
from bot.stories.tracking import add_topic
from storage.db import open_db, transaction
from tests.cli.test_cli_topic_exclusions import BEAVERS, STREAM
from tests.stories.test_topic_sources import recent


@pytest.fixture(scope="module")
def beavers(nlp):
    article = clean_article(RawArticle(text=BEAVERS, origin="t"))
    features = extract(next(parse_articles(nlp, [article])))
    return Matcher(match_text(features, sources_of("Valley Post", "https://valley.example/1")))


@pytest.mark.parametrize("query, allowed", [
    ('dam AND NOT "beaver"', False),
    ("dam NOT beaver", False),
    ("NOT beaver", False),
    ("dam AND NOT (beaver OR otter)", False),
    ('dam AND NOT "Dunmore Forestry"', False),
    ('dam AND NOT source:"Valley Post"', False),
    ("dam AND NOT otter", True),
    ("dam AND NOT (beaver AND lodge)", True),  # no lodge: the whole NOT is not held
    ("dam OR NOT beaver", True),  # the other words may match, as an update need not repeat them
    ("(dam AND NOT beaver) OR reservoir", True),
    ("NOT NOT beaver", True),  # beaver wanted, not excluded
    ("reservoir AND NOT (beaver AND NOT crack)", True),  # crack wanted under two NOTs: unknown
])
def test_the_exclusions_of_a_query_read_on_the_article(beavers, query, allowed):
    node = parse_query(query)
    assert beavers.allows(node) is allowed
    assert (beavers.excluded_by(node) is None) is allowed


def test_the_terminal_feed_prints_no_alert_for_an_update_a_not_term_leaves_out(
        tmp_path, settings, nlp):
    db = open_db(tmp_path / "w.db")
    with transaction(db):
        add_topic(db, name="Dams", query='dam AND NOT "beaver"')
    list(Pipeline(db, settings, nlp=nlp).ingest(recent(STREAM)))
    printed: list[str] = []
    silent: list[tuple[str, str]] = []
    assert print_pending(db, printed.append,
                         lambda event, why: silent.append((event.title or "", why))) == 2
    [(title, why)] = silent
    assert title == "Beavers blamed for flooding near the Kelmor reservoir dam"
    assert why.startswith(f'{LEFT_OUT} (NOT "beaver"'), why  # was: "its source is left out"
    assert "Halvard Construction" in printed[1]
