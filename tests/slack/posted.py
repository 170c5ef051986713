"""Stories made by hand, each a single article with a given link, posted through the real sender
or digests to the fake Slack, their blocks read back as text."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.models import Verdict, VerdictKind
from storage.alerts import count_failed, enqueue_alerts
from storage.db import transaction
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.world import add_article, add_story, follow


def posted_alert(runtime, fake_slack, db, topic: int, t0, *, title: str, url: str) -> str:
    """The blocks of the one alert that a new story on ``topic`` posts to #C0LIVE, its article
    titled ``title`` and linking ``url``; no alert failed."""
    follow(db, topic, "C0LIVE")
    article_id = add_article(db, title=title, url=url)
    story_id = add_story(db, article_id=article_id, title=title, topic_ids=(topic,))
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), article_id, [topic])
    assert runtime.deliver_pending(now=t0) == 1
    [post] = fake_slack.posts("C0LIVE")
    assert count_failed(db) == 0
    return str(post.blocks)


def posted_digest(fake_slack, db, topic: int, links: dict[str, str]) -> str:
    """The blocks of the one hourly digest posted to #C0DIG of a story on ``topic`` for each
    title in ``links``, its article linking the title's link."""
    follow(db, topic, "C0DIG", "hourly")
    for n, (title, url) in enumerate(links.items()):
        article_id = add_article(db, title=title, url=url)
        add_story(db, article_id=article_id, title=title, topic_ids=(topic,),
                  at=f"2026-11-24T05:2{n}:00+00:00")
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(db, client, now=datetime(2026, 11, 24, 6, 0, 30, tzinfo=UTC)) == 1
    [digest] = fake_slack.posts("C0DIG")
    return str(digest.blocks)
