"""A digest after a fold: the hourly digest listed the smoke's story as new; the next hour a
report tying it to the fire's story (which the topic had not matched) folds it into that one.
The next digest lists the tying report as an update of the story its reader saw, and says the
join, naming the story they saw, as the tying report's alert does in a thread. The real
pipeline and spaCy, two hourly digests through the fake Slack."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.slack.test_slack_later_correction import HourlyDesk, counts, hourly
from tests.stories import tied_fire


@pytest.fixture
def valley_desk(fresh_db, slack_settings, nlp, fake_slack) -> HourlyDesk:
    """C0DIG has an hourly digest of the valley: the smoke's story, not the fire's."""
    return hourly(fresh_db, slack_settings, nlp, fake_slack, name="Aster valley", query="Aster")


def test_a_digest_after_a_fold_says_the_update_joined_the_story_its_reader_saw(
        valley_desk, fake_slack):
    blaze, cloud, both = tied_fire.articles(valley_desk.now - timedelta(hours=12))
    list(valley_desk.pipeline.ingest([blaze, cloud]))
    assert valley_desk.digest(0) == 1
    assert valley_desk.ingest_after(1, both).folded
    assert valley_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert counts(first.text) == "1 new story", first.text
    seen = "Motorway shut as acrid cloud drifts over Aster valley"
    assert seen in str(first.blocks) and "Warehouse blaze" not in str(first.blocks)
    assert counts(second.text) == "1 updated", second.text
    [item] = [b["text"]["text"] for b in second.blocks if b["type"] == "section"]
    assert item.startswith("🔄 Update: *Corvel warehouse blaze sends acrid cloud"), item
    assert f"🔗 joined with _{seen}_" in item, item
