"""An article's link that Python cannot read as an address (``http://[`` opens an IPv6 host it
never closes), or that names no host, can never lose the article's alert or digest, nor link
to nowhere.

``/ingest``, a dropped ``.json`` file and a feed entry all keep a link as it came; the
messages built from it read it to decide whether it gets a button. Real SQLite, the real
sender and digests, the fake Slack refusing what Slack refuses.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.world import add_article, add_story, follow

UNREADABLE = ("http://[ferry.example/harbour", "https://[::1/x", "http://[v1.fe]:80/",
              "https://news.example:port/x")
NO_HOST = ("https://desk:secret@/story", "https://:443/story", "http://@/x")


@pytest.fixture
def ferry(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Ferry", query="ferry")


def posted_alert(runtime, fake_slack, db, topic: int, t0, url: str) -> str:
    """The blocks of the one alert a story whose article links ``url`` posts, as text."""
    follow(db, topic, "C0LIVE")
    article_id = add_article(db, title="Ferry sails again", url=url)
    story_id = add_story(db, article_id=article_id, title="Ferry sails again",
                         topic_ids=(topic,))
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), article_id, [topic])
    assert runtime.deliver_pending(now=t0) == 1
    [post] = fake_slack.posts("C0LIVE")
    assert db.execute("select count(*) from alerts where status = 'failed'").fetchone()[0] == 0
    return str(post.blocks)


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_link_never_loses_an_alert(runtime, fake_slack, fresh_db, ferry, t0, url):
    """Reading the link raised ValueError out of the alert's blocks: the alert failed."""
    assert "Ferry sails again" in posted_alert(runtime, fake_slack, fresh_db, ferry, t0, url)


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_link_never_loses_a_digest(fresh_db, fake_slack, ferry, url):
    """The digest of every story of the hour was lost for one article's link."""
    follow(fresh_db, ferry, "C0DIG", "hourly")
    for n, link in enumerate((url, "https://news.example/ok")):
        title = f"Ferry story {n} sails again"
        article_id = add_article(fresh_db, title=title, url=link)
        add_story(fresh_db, article_id=article_id, title=title, topic_ids=(ferry,),
                  at=f"2026-11-24T05:2{n}:00+00:00")
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(fresh_db, client,
                            now=datetime(2026, 11, 24, 6, 0, 30, tzinfo=UTC)) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert all(f"Ferry story {n}" in str(digest.blocks) for n in range(2))


@pytest.mark.parametrize("url", NO_HOST)
def test_a_link_without_a_host_gets_no_button(runtime, fake_slack, fresh_db, ferry, t0, url):
    """Its credentials taken out, the link opened nothing (`https:///story`): a button and a
    linked title to nowhere, which Slack may refuse as no URL."""
    blocks = posted_alert(runtime, fake_slack, fresh_db, ferry, t0, url)
    assert "Ferry sails again" in blocks
    assert "Open article" not in blocks and ":///" not in blocks
