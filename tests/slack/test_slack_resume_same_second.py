"""A channel archived and unarchived in the second its stories were stored: stamps are whole
seconds, so the resume's time cannot tell a story stored just before it from one stored just
after. The digest after the resume lists what came after it (by the order the stories were
stored), never what an earlier digest listed nor what came while the channel was paused.
Signed events to the Bolt app over HTTP, digests to the fake Slack, a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.digest import send_due_digests
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.test_slack_later_correction import counts
from tests.slack.test_slack_lifecycle import dms_to, send_event
from tests.slack.world import add_article, add_story

DESK = "C0DESK"
LISTED_BEFORE = "Harbour dredging starts in spring"
WHILE_PAUSED = "Harbour pilots strike for a day"
AFTER_RESUME = "Harbour buoys replaced after the storm"


@dataclass(frozen=True)
class Harbour:
    """The desk's hourly harbour digest, the hour its first period ends."""

    db: Database
    topic: int
    hour: datetime

    def store(self, title: str) -> None:
        article = add_article(self.db, title=title, url=f"https://news.example/{len(title)}")
        add_story(self.db, article_id=article, title=title, topic_ids=(self.topic,))

    def resumed_at(self) -> str:
        """When the subscription resumed: its digest starts afresh from then."""
        return self.db.execute("SELECT last_digest_at FROM subscriptions").fetchone()[0]

    def paused(self) -> bool:
        return self.db.execute("SELECT paused_at FROM subscriptions").fetchone()[0] is not None


@pytest.fixture
def harbour(fresh_db) -> Harbour:
    now = datetime.now(UTC)
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Harbour", query="harbour")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=DESK,
                  mode="hourly", created_by="U1",
                  at=(now - timedelta(hours=2)).isoformat(timespec="seconds"))
    return Harbour(fresh_db, topic, now.replace(minute=0, second=0, microsecond=0)
                   + timedelta(hours=1))


def digests(fake: FakeSlack) -> list:
    return [m for m in fake.posts(DESK) if "digest" in m.text]


def archived_and_back(runtime: SlackRuntime, fake: FakeSlack, harbour: Harbour,
                      while_paused: str) -> None:
    """Signed channel_archive, a story stored while paused, signed channel_unarchive."""
    send_event(runtime, {"type": "channel_archive", "channel": DESK, "user": "U1"})
    wait_for(harbour.paused)
    harbour.store(while_paused)
    send_event(runtime, {"type": "channel_unarchive", "channel": DESK, "user": "U1"})
    wait_for(lambda: any("again" in text for text in dms_to(fake, "U1")))
    assert not harbour.paused()


def test_a_resume_in_the_second_its_stories_were_stored_lists_none_of_them_again(
        harbour: Harbour, runtime, fake_slack: FakeSlack):
    """The first digest lists the dredging; the channel is archived (the pilots' strike stored
    meanwhile) and unarchived, every story stamped with the resume's second, and the buoys
    stored just after the resume in that second too. The next digest lists the buoys alone.
    Before desk54b it listed all three: the resume started the digest at its second, and a
    story of that second counted as after it."""
    harbour.store(LISTED_BEFORE)
    assert runtime.send_due_digests(now=harbour.hour + timedelta(seconds=30)) == 1
    assert LISTED_BEFORE in digests(fake_slack)[0].text
    archived_and_back(runtime, fake_slack, harbour, WHILE_PAUSED)
    second = harbour.resumed_at()
    with transaction(harbour.db):  # the clock gives whole seconds: all in the resume's
        harbour.db.execute("UPDATE story_articles SET created_at = ?", [second])
    harbour.store(AFTER_RESUME)
    with transaction(harbour.db):
        harbour.db.execute("UPDATE story_articles SET created_at = ?", [second])
    assert runtime.send_due_digests(now=harbour.hour + timedelta(hours=1, seconds=30)) == 1
    listed = digests(fake_slack)[1].text
    assert counts(listed) == "1 new story", listed
    assert AFTER_RESUME in listed
    assert LISTED_BEFORE not in listed and WHILE_PAUSED not in listed


def test_a_digest_after_a_resume_with_nothing_new_is_not_posted(
        harbour: Harbour, runtime, fake_slack: FakeSlack):
    """The same pause and resume in the stories' second, nothing stored after it: no digest
    (before desk54b, one listing the dredging and the strike again)."""
    harbour.store(LISTED_BEFORE)
    assert runtime.send_due_digests(now=harbour.hour + timedelta(seconds=30)) == 1
    archived_and_back(runtime, fake_slack, harbour, WHILE_PAUSED)
    with transaction(harbour.db):
        harbour.db.execute("UPDATE story_articles SET created_at = ?", [harbour.resumed_at()])
    assert runtime.send_due_digests(now=harbour.hour + timedelta(hours=1, seconds=30)) == 0
    assert len(digests(fake_slack)) == 1


def test_a_digest_made_daily_in_the_second_of_its_stories_lists_none_of_them_again(
        harbour: Harbour, fake_slack: FakeSlack):
    """The hourly digest lists the dredging; the subscription is made daily in the second the
    dredging was stored: the daily digest starts afresh after it (before desk54b it listed it
    again)."""
    harbour.store(LISTED_BEFORE)
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(harbour.db, client, now=harbour.hour + timedelta(seconds=30)) == 1
    [(topic, stored)] = harbour.db.execute("SELECT st.topic_id, sa.created_at FROM "
                                           "story_articles sa JOIN story_topics st USING "
                                           "(story_id)").fetchall()
    with transaction(harbour.db):
        assert subscribe(harbour.db, topic_id=topic, target_type="channel", target_id=DESK,
                         mode="daily", created_by="U1", at=stored) == "changed"
    assert send_due_digests(harbour.db, client, now=harbour.hour + timedelta(days=2)) == 0
    assert len(digests(fake_slack)) == 1
