"""A topic whose stored query matches nothing (matching nearly every article, or no longer
read: stored before add refused it) posts nothing for a story tied to it before, until the
desk mends it with `/topics edit` (signed HTTP, the real pipeline, the fake Slack)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from storage.db import transaction
from storage.stories import link_topic, story_of
from storage.topics import insert_topic
from tests.slack.conftest import run_command

PIER = ("Ferry pier in Oxholm shut after storm damage\n\nThe ferry pier at Oxholm was shut on "
        "Tuesday after a storm tore away two of its mooring posts, the harbour office said. "
        "Crossings to the island were cancelled.")
REPAIRS = (PIER + "\n\nDivers found on Wednesday that the pier's old timber piles had split, "
           "and the harbour office said the repairs would take three weeks.")
BOATS = (REPAIRS + "\n\nOn Thursday the island council hired two fishing boats to carry "
         "passengers and post until the ferry can dock again.")


def _ingest(pipeline, text: str, origin: str, hours: float):
    at = (datetime.now(UTC) - timedelta(hours=hours)).isoformat()
    (outcome,) = pipeline.ingest([RawArticle(text=text, origin=origin, published=at)])
    assert outcome.article_id is not None, outcome
    return outcome


def _posted(runtime, fake_slack, t0) -> list[str]:
    sent = 0
    while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
        sent += 1
    return [post.text for post in fake_slack.posts("C0DESK")]


@pytest.mark.parametrize("query", ["NOT strike", "ferry -strike"])
def test_a_story_tied_before_its_query_was_refused_posts_nothing_until_mended(
        runtime, fake_slack, fresh_db, pipeline, t0, query):
    """Before: the tie alerted #desk of every update until the story went quiet (~72 h)."""
    with transaction(fresh_db):
        ferries = insert_topic(fresh_db, name="Ferries", query=query)
    run_command(runtime, fake_slack, "/subscribe", "Ferries", channel="C0DESK")
    first = _ingest(pipeline, PIER, "pier", 3)
    place = story_of(fresh_db, first.article_id)
    assert place is not None
    with transaction(fresh_db):
        link_topic(fresh_db, story_id=place.story_id, topic_id=ferries,
                   article_id=first.article_id, reasons=[], now=datetime.now(UTC).isoformat())
    update = _ingest(pipeline, REPAIRS, "repairs", 2)
    assert update.verdict is not None and update.verdict.kind.value == "update", update
    assert _posted(runtime, fake_slack, t0) == []
    answer = run_command(runtime, fake_slack, "/topics", "edit Ferries ferry AND NOT strike")
    assert "1 running story matches it" in answer["text"], answer
    later = _ingest(pipeline, BOATS, "boats", 1)
    assert later.verdict is not None and later.verdict.kind.value == "update", later
    [post] = _posted(runtime, fake_slack, t0 + timedelta(minutes=5))
    assert "Ferries" in post and "Ferry pier in Oxholm" in post, post
