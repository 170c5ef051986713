"""Digest entries link to their story's thread (chat.getPermalink)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.digest import send_due_digests
from bot.models import Verdict, VerdictKind
from storage.alerts import enqueue_alerts
from storage.db import transaction
from tests.fakes.block_kit import block_problems
from tests.slack.test_slack_digest import client, follow, topic, utc  # noqa: F401
from tests.slack.world import add_article, add_story


def test_digest_lines_link_to_the_story_thread(runtime, fresh_db, client, fake_slack,  # noqa: F811
                                               topic):  # noqa: F811
    follow(fresh_db, topic, "C0LIVE", "realtime")
    follow(fresh_db, topic, "U0ED", "daily", kind="user", at="2026-11-24T05:00:00+00:00")
    fire = add_article(fresh_db, title="Wildfire spreads near Alder Creek")
    fire_story = add_story(fresh_db, article_id=fire, title="Wildfire spreads near Alder Creek",
                           topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(fire_story, VerdictKind.NEW), fire, [topic])
    assert runtime.deliver_pending(now=datetime.now(UTC) + timedelta(minutes=1)) == 1
    [live] = fake_slack.posts("C0LIVE")
    blaze = add_article(fresh_db, title="Second blaze reported")
    add_story(fresh_db, article_id=blaze, title="Second blaze reported", topic_ids=(topic,),
              at="2026-11-24T06:10:00+00:00")

    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T08:00:30")) == 1
    [digest] = fake_slack.posts("D0ED")
    assert block_problems(digest.blocks, text=digest.text, allow_links=True) == []
    lines = [line for b in digest.blocks if b["type"] == "section"
             for line in b["text"]["text"].splitlines() if line.startswith("🆕")]
    link = f"<https://fake.slack.com/archives/C0LIVE/p{live.ts.replace('.', '')}|thread>"
    assert "Wildfire spreads near Alder Creek" in lines[0] and link in lines[0]
    assert "Second blaze reported" in lines[1] and "|thread>" not in lines[1]
