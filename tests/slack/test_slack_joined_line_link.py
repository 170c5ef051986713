"""The "🔗 Joined with" line links only a thread its channel has: the joined story's thread in
another channel may be one its readers are not in (a private channel), so where the channel has
none the story is named with `/story N`. The real pipeline and spaCy, the fake Slack over HTTP."""

from __future__ import annotations

import pytest

from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.test_slack_story_fold import texts
from tests.slack.test_slack_update_after_fold import in_turn, reports


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp, t0) -> Pipeline:
    """C0FIRE follows the fire alone, C0VAL the valley alone (the smoke's thread is there),
    C0DESK both."""
    with transaction(fresh_db):
        for name, query, channel in (("Corvel", "Corvel", "C0FIRE"),
                                     ("Aster valley", "Aster", "C0VAL"),
                                     ("Both", "Corvel OR Aster", "C0DESK")):
            topic = add_topic(fresh_db, name=name, query=query)
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at=t0.isoformat())
    return Pipeline(fresh_db, slack_settings, nlp=nlp)


def test_the_joined_line_links_no_thread_of_another_channel(runtime, fake_slack, pipeline,
                                                            fresh_db, t0):
    in_turn(runtime, pipeline, t0, reports()[:3])
    fire, joined = fake_slack.posts("C0FIRE")
    assert joined.thread_ts == fire.ts
    line = texts(joined)
    smoke = fresh_db.execute("SELECT id FROM stories WHERE title LIKE 'Motorway shut%'"
                             ).fetchone()[0]
    assert "Joined with Motorway shut as acrid cloud drifts over Aster valley" in line, line
    assert f"(`/story {smoke}`)" in line and "archives/C0VAL" not in line, line
    desk = texts(fake_slack.posts("C0DESK")[2])
    smoke_there = fake_slack.posts("C0DESK")[1]
    assert f"archives/C0DESK/p{smoke_there.ts.replace('.', '')}" in desk, \
        "a thread the channel has is linked"
