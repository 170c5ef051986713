"""App Home within Slack's limits, whatever a desk keeps: views.publish refuses a view over 100
blocks or a section over 3,000 characters (invalid_arguments), and the fake Slack refuses what
Slack refuses. A refusal is logged once, and a short App Home still says where things are."""

from __future__ import annotations

import json
import logging

from handlers.home_view import within_view_limits
from storage.alerts import mute_story
from storage.db import transaction
from storage.quote_subscriptions import subscribe_quotes
from storage.subscriptions import subscribe
from storage.topics import insert_topic
from tests.fakes.block_kit import block_problems
from tests.slack.conftest import open_home, wait_for
from tests.slack.world import add_article, add_story

EDITOR = "U0ED"
WHEN = "2026-11-24T05:00:00+00:00"


def a_busy_desk(db) -> None:
    """150 topics with long names and queries and three long-titled stories each; 100
    subscriptions of the editor's (40 by DM, 60 channels each notifying ten people), 40 quote
    subscriptions, 30 mutes, 12 paused subscriptions and failed alerts."""
    query = " OR ".join(f"term{n}" for n in range(40))
    notify = tuple(f"U0PERSON{n:02d}" for n in range(10))
    with transaction(db):
        # names past the 100 characters a new topic may have, as stored before that limit
        topics = [insert_topic(db, name=f"Topic number {n} " + "x" * 120, query=query)
                  for n in range(150)]
        for n, topic in enumerate(topics[:100]):
            target = ("user", EDITOR) if n < 40 else ("channel", f"C0DESK{n:03d}")
            subscribe(db, topic_id=topic, target_type=target[0], target_id=target[1],
                      mode="realtime", created_by=EDITOR, at=WHEN,
                      notify=notify if target[0] == "channel" else None)
        for n in range(40):
            subscribe_quotes(db, query=f'person:"Speaker number {n} ' + "y" * 150 + '"',
                             target_type="user", target_id=EDITOR, mode="daily",
                             created_by=EDITOR, at=WHEN)
        db.execute("UPDATE subscriptions SET paused_at = ?, paused_reason = 'is_archived' "
                   "WHERE id IN (SELECT id FROM subscriptions WHERE target_type = 'channel' "
                   "LIMIT 12)", [WHEN])
        for n in range(12):
            db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                       "attempts, created_at, last_error) VALUES (?, ?, ?, 'new', 'failed', 1, "
                       "?, 'channel_not_found')", [n + 1, n + 1, f"C0DESK{40 + n:03d}", WHEN])
    for topic in topics[:20]:
        for n in range(3):
            title = f"A long story title about the port and its cranes, number {n} " + "z" * 150
            add_story(db, article_id=add_article(db, title=title), title=title,
                      topic_ids=(topic,))
    with transaction(db):
        for n in range(30):
            mute_story(db, story_id=n + 1, channel=f"C0DESK{n:03d}", user=EDITOR, at=WHEN)


def test_a_home_with_150_topics_and_everything_else_is_published(runtime, fake_slack,
                                                                  fresh_db):
    a_busy_desk(fresh_db)
    open_home(runtime, EDITOR)
    [call] = wait_for(lambda: fake_slack.calls_to("views.publish", ok_only=False))
    assert fake_slack.views.get(EDITOR), "published, not refused"
    blocks = fake_slack.views[EDITOR]["blocks"]
    assert block_problems(blocks, allow_links=True, max_blocks=100) == []
    home = json.dumps(blocks, ensure_ascii=False)
    assert ("…and 100 more: `/subscribe` lists those by direct message, and a channel's "
            "when typed in that channel") in home, "100 + 40 quotes, 40 shown"
    assert "…and 108 more: `/topics` lists them" in home, "5 of 20 with stories, 103 quiet"
    assert "…and 18 more muted stories" in home


def logged(caplog, words: str) -> list[str]:
    """The log lines so far that hold ``words`` (the handler logs on the app's thread)."""
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


def editors_home_lines(caplog) -> list[str]:
    """The lines about the editor's App Home only: caplog takes every thread's, and a listener
    of an earlier test, still running after its app stopped, may log about its own person's
    App Home meanwhile (a refresh after /subscribe answered, failing as its Slack closes)."""
    return logged(caplog, f"App Home of {EDITOR} ")


def test_a_refused_home_is_logged_once_and_a_short_one_says_where_things_are(
        runtime, fake_slack, fresh_db, caplog):
    """Slack refuses the App Home for a reason of its own (invalid_arguments): one WARNING
    with Slack's reason and the view's size, then a short App Home pointing to the commands;
    refused even so, nothing more is tried."""
    a_busy_desk(fresh_db)
    fake_slack.refuse_method("views.publish", "invalid_arguments", count=1)
    with caplog.at_level(logging.WARNING):
        open_home(runtime, EDITOR)
        wait_for(lambda: editors_home_lines(caplog))  # after both calls to views.publish
    short = json.dumps(fake_slack.views[EDITOR], ensure_ascii=False)
    assert "`/subscribe`" in short and "`/topics`" in short, short
    assert len(fake_slack.calls_to("views.publish", ok_only=False)) == 2
    lines = editors_home_lines(caplog)
    assert len(lines) == 1 and "invalid_arguments" in lines[0] and "blocks" in lines[0], lines

    caplog.clear()
    fake_slack.refuse_method("views.publish", "invalid_arguments")
    with caplog.at_level(logging.WARNING):
        open_home(runtime, EDITOR)
        wait_for(lambda: editors_home_lines(caplog))
    assert len(fake_slack.calls_to("views.publish", ok_only=False)) == 4, "no retry loop"
    lines = editors_home_lines(caplog)
    assert len(lines) == 1 and "short one was refused too" in lines[0], lines


def test_whatever_the_lists_hold_the_view_keeps_to_slacks_limits():
    """The last guard, should a list outgrow its cap: 150 sections, one of 5,000 characters
    in lines and one of 5,000 without a space."""
    lines = "\n".join(f"• line {n} " + "w" * 40 for n in range(100))
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}
              for text in [lines, "v" * 5000] + [f"topic {n}" for n in range(148)]]
    kept = within_view_limits(blocks)
    assert block_problems(kept, allow_links=True, max_blocks=100) == []
    assert len(kept) == 100 and "`/topics`" in kept[-1]["text"]["text"]
    assert kept[0]["text"]["text"].endswith("w\n…") and "• line 5" in kept[0]["text"]["text"]
