"""`/topics show` says when each recent story last grew as every other Slack answer says a time:
a date token each reader sees in their own time zone (signed requests over real HTTP, a real
SQLite file, the fake Slack Web API)."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import run_command
from tests.slack.world import add_article, add_story

GREW = "2026-11-24T06:00:00+00:00"


def test_topics_show_gives_each_story_s_last_time_as_a_date_token(runtime, fake_slack,
                                                                  fresh_db):
    """Before: "(1 article, last 2026-11-24T06:00:00+00:00)", the stored ISO text."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Ferry", query="ferry")
    article = add_article(fresh_db, title="Ferry service cut to one crossing a day")
    add_story(fresh_db, article_id=article, title="Ferry service cut to one crossing a day",
              topic_ids=(topic,), at=GREW)
    with transaction(fresh_db):
        fresh_db.execute("UPDATE stories SET last_seen = ?", [GREW])
    shown = run_command(runtime, fake_slack, "/topics", "show Ferry")["text"]
    [line] = [line for line in shown.splitlines() if "one crossing" in line]
    assert "(1 article, last <!date^" in line and GREW not in line, line
