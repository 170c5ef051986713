"""The desk starts again on a new database (a volume lost, a fresh deploy): story ids start at 1
again, while the channels still show the alerts the earlier database posted, with their
buttons. A click on one of those must not act on this database's story of the same number
(signed block actions over HTTP to the Bolt app, real SQLite, the fake Slack)."""

from __future__ import annotations

import pytest

from bot.alerts.blocks import IMPORTANT, MUTE, TIMELINE
from bot.alerts.quote_alerts import alert_message
from bot.stories.tracking import add_topic
from storage import alerts as outbox
from storage.alerts import is_muted
from storage.db import open_db, transaction
from storage.important import is_important
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_sender import follow, new_story


def button_values(db) -> dict[str, str]:
    """The values of the buttons under the first alert the database would post."""
    [row] = outbox.pending_alerts(db)
    _, blocks = alert_message(db, row)
    [actions] = [b for b in blocks if b["type"] == "actions"]
    return {e["action_id"]: e.get("value", "") for e in actions["elements"]}


def a_story_alerting_desk(db, title: str) -> int:
    with transaction(db):
        topic = add_topic(db, name="Harbour", query="harbour")
    follow(db, topic, "C0DESK")
    story_id, _ = new_story(db, topic, title=title)
    return story_id


def click(runtime, fake_slack, action: str, value: str) -> str:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(action, value, channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    [reply] = wait_for(lambda: fake_slack.responses()[before:])
    return reply["text"]


@pytest.mark.parametrize("action", [MUTE, IMPORTANT, TIMELINE])
def test_a_button_of_the_earlier_database_leaves_this_ones_story_alone(
        runtime, fake_slack, fresh_db, tmp_path, action):
    earlier = open_db(tmp_path / "earlier.db")
    old_story = a_story_alerting_desk(earlier, "Harbour dredging contract signed")
    old = button_values(earlier)[action]
    story = a_story_alerting_desk(fresh_db, "Harbour ferry fares rise in spring")
    assert story == old_story, "the new database numbers its stories from 1 again"
    said = click(runtime, fake_slack, action, old)
    assert not is_muted(fresh_db, story, ["C0DESK"])
    assert not is_important(fresh_db, story, ["C0DESK"])
    assert "ferry fares" not in said, said
    assert said.startswith(("That button is out of date", "That story is no longer stored"))
    current = button_values(fresh_db)[action]
    said = click(runtime, fake_slack, action, current)
    if action == MUTE:
        assert is_muted(fresh_db, story, ["C0DESK"])
    if action == IMPORTANT:
        assert is_important(fresh_db, story, ["C0DESK"])
    if action == TIMELINE:
        assert "ferry fares" in said, said
