"""A topic a story matched only by a report that was moved out of it since (a later correction,
or `wirewatch stories split`) is no longer the story's: its later updates do not alert that
topic's desks, and the topic goes with the report to its own story. A topic the story's own
reports match stays, tied by one of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.split import split_article
from bot.stories.tracking import add_topic
from storage import stories as store
from storage.db import transaction
from tests.dated import recent_start
from tests.stories.test_later_correction import articles

CRANES_LATER = """Averna crane order grows to fourteen

Port Averna's harbour authority added two automated cranes to its Halvik Engineering contract on Wednesday, bringing the order to fourteen.

Halvik Engineering said the first of the cranes would reach the container terminal in April."""


@pytest.fixture
def desks(fresh_db) -> tuple[int, int]:
    """A pensions desk's topic, which only the walkout report matches, and a harbour one,
    which every report matches."""
    with transaction(fresh_db):
        return (add_topic(fresh_db, name="Pensions", query="pension*"),
                add_topic(fresh_db, name="Averna harbour", query="Averna"))


def test_the_later_correction_takes_the_moved_reports_topic_out_of_the_story_it_left(
        fresh_db, settings, nlp, desks):
    pensions, harbour = desks
    start = recent_start(datetime.now(UTC), back=timedelta(hours=30))
    contract, again, walkout, later = Pipeline(fresh_db, settings, nlp=nlp).ingest(
        articles(start))
    assert walkout.verdict is not None and later.moved is not None
    old, new = later.moved.old_story, later.moved.new_story
    assert store.story_topic_ids(fresh_db, old) == [harbour]
    assert sorted(store.story_topic_ids(fresh_db, new)) == [pensions, harbour]
    [cranes] = Pipeline(fresh_db, settings, nlp=nlp).ingest([RawArticle(
        text=CRANES_LATER, origin="a9", published=(start + timedelta(hours=26)).isoformat())])
    assert cranes.verdict is not None and cranes.verdict.story_id == old
    assert cranes.topic_ids == (harbour,), "the pensions desk is not told of the cranes"


def test_a_split_by_hand_moves_the_topic_only_the_report_matched(fresh_db, settings, nlp,
                                                                 desks):
    pensions, harbour = desks
    contract, again, walkout = Pipeline(fresh_db, settings, nlp=nlp).ingest(articles()[:3])
    assert walkout.verdict is not None and contract.verdict is not None
    story = contract.verdict.story_id
    assert walkout.verdict.story_id == story and pensions in store.story_topic_ids(
        fresh_db, story)
    with transaction(fresh_db):
        moved = split_article(fresh_db, walkout.article_id or 0)
    assert store.story_topic_ids(fresh_db, story) == [harbour]
    assert store.story_topic_ids(fresh_db, moved.new_story) == [pensions]
    [(reasons,)] = fresh_db.execute("SELECT reasons FROM story_topics WHERE story_id = ?",
                                    [moved.new_story]).fetchall()
    assert "pension" in reasons, reasons
