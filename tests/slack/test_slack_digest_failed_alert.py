"""A digest and an alert that fail together: a channel follows the ferries as they happen and
the harbour in an hourly digest, and a story on both has its alert queued there. The digest
leaves the story out ("alerts here"); when that alert then fails for good, the next digest
lists it, once; when it is posted, no digest lists it. Stories stored directly; the real sender
and digests over HTTP to the fake Slack; a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.digest import send_due_digests
from bot.alerts.sender import AlertSender
from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.slack.conftest import wait_for
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_later_correction import counts
from tests.slack.test_slack_lifecycle import dms_to, send_event
from tests.slack.test_slack_running_development import sections
from tests.slack.world import add_article, add_story

DESK = "C0DESK"
BOTH = "Ferry runs aground at the harbour mouth"
HARBOUR_ONLY = "Harbour dredging starts in spring"
LISTED = f"🆕 New: *<https://news.example/aground|{BOTH}>*"


@dataclass(frozen=True)
class Desk:
    """The channel's two subscriptions, the sender, when the stories came and the hour its
    first digest ends."""

    db: Database
    sender: AlertSender
    client: WebClient
    now: datetime
    hour: datetime

    def digest(self, hours_later: int) -> int:
        return send_due_digests(self.db, self.client,
                                now=self.hour + timedelta(hours=hours_later, seconds=30))

    def deliver(self, hours_later: int) -> int:
        """A pass of the sender ten minutes into that hour."""
        return self.sender.deliver(self.db, now=self.hour + timedelta(hours=hours_later,
                                                                      minutes=10))

    def alert_status(self) -> str:
        return self.db.execute("SELECT status FROM alerts").fetchone()[0]


@pytest.fixture
def desk(fresh_db, fake_slack: FakeSlack) -> Desk:
    """The ferries live and the harbour hourly in the desk channel; the aground ferry (both
    topics: its alert queued) and the dredging (the harbour's alone) stored this hour."""
    now = datetime.now(UTC)
    subscribed = (now - timedelta(hours=2)).isoformat()
    with transaction(fresh_db):
        ferries = add_topic(fresh_db, name="Ferries", query="ferry")
        harbour = add_topic(fresh_db, name="Harbour", query="harbour")
        subscribe(fresh_db, topic_id=ferries, target_type="channel", target_id=DESK,
                  mode="realtime", created_by="U1", at=subscribed)
        subscribe(fresh_db, topic_id=harbour, target_type="channel", target_id=DESK,
                  mode="hourly", created_by="U1", at=subscribed)
    aground = add_article(fresh_db, title=BOTH, url="https://news.example/aground")
    story = add_story(fresh_db, article_id=aground, title=BOTH, topic_ids=(ferries, harbour))
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(story, VerdictKind.NEW), aground, [ferries, harbour])
    dredging = add_article(fresh_db, title=HARBOUR_ONLY, url="https://news.example/dredge")
    add_story(fresh_db, article_id=dredging, title=HARBOUR_ONLY, topic_ids=(harbour,))
    with transaction(fresh_db):  # stored ten minutes ago: before anything the test does
        fresh_db.execute("UPDATE story_articles SET created_at = ?",
                         [(now - timedelta(minutes=10)).isoformat(timespec="seconds")])
    return Desk(fresh_db, sender_for(fake_slack),
                WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url), now,
                now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))


def digests(fake: FakeSlack) -> list:
    return [m for m in fake.posts(DESK) if "digest" in m.text]


def test_an_alert_that_fails_for_good_gives_its_story_back_to_the_next_digest(
        desk: Desk, fake_slack: FakeSlack):
    """The first digest leaves the aground ferry to its queued alert; the alert still waits at
    the second (nothing listed: it may yet go); Slack then refuses it, blocks and plain text
    alike, and it is failed. The third digest lists it as new; the fourth does not again.
    Before desk54 no digest listed it: the reader got neither."""
    assert desk.digest(0) == 1
    [first] = digests(fake_slack)
    assert counts(first.text) == "1 new story" and BOTH not in first.text
    assert "Not listed again: 1 story in alerts here" in str(first.blocks)
    assert desk.digest(1) == 0, "the alert still waits: it may yet be posted"
    fake_slack.refuse_method("chat.postMessage", "invalid_blocks", count=2)
    assert desk.deliver(1) == 0
    assert desk.alert_status() == "failed"
    assert desk.digest(2) == 1
    second = digests(fake_slack)[1]
    assert counts(second.text) == "1 new story", second.text
    assert sections(second)[0].startswith(LISTED), sections(second)
    assert desk.digest(3) == 0
    assert len(digests(fake_slack)) == 2


def test_an_alert_posted_after_the_digest_keeps_its_story_out_of_every_digest(
        desk: Desk, fake_slack: FakeSlack):
    """The same, the alert posted after the first digest: no digest lists the story."""
    assert desk.digest(0) == 1
    assert desk.deliver(0) == 1
    assert desk.alert_status() == "sent"
    assert desk.digest(1) == 0
    assert desk.digest(2) == 0
    assert [BOTH in m.text for m in fake_slack.posts(DESK)] == [False, True]


def test_an_alert_in_flight_when_the_channel_refuses_it_gives_its_story_back(
        desk: Desk, fake_slack: FakeSlack):
    """The alert's first try has its connection dropped (Slack did not make the post) across
    the first digest; its next try is refused for good. The next digest lists it."""
    fake_slack.drop_next(1, methods={"chat.postMessage"}, made_after=3600)
    assert desk.sender.deliver(desk.db, now=desk.now + timedelta(seconds=1)) == 0
    assert desk.alert_status() == "sending"
    assert desk.digest(0) == 1
    fake_slack.refuse_method("chat.postMessage", "invalid_blocks", count=2)
    for minutes in (10, 13, 16):  # past the late wait: looked for, not found, tried again
        desk.sender.deliver(desk.db, now=desk.hour + timedelta(minutes=minutes))
    assert desk.alert_status() == "failed"
    assert desk.digest(1) == 1
    assert sections(digests(fake_slack)[1])[0].startswith(LISTED)


def test_an_alert_failed_with_its_archived_channel_is_in_the_digest_once_it_is_back(
        desk: Desk, runtime, fake_slack: FakeSlack):
    """The channel is archived after the first digest: the alert fails (is_archived) and both
    subscriptions pause; unarchived, they resume, and the first digest after lists the story
    the channel got neither as an alert nor in a digest."""
    assert runtime.send_due_digests(now=desk.hour + timedelta(seconds=30)) == 1
    fake_slack.channel(DESK).archived = True
    runtime.deliver_pending(now=desk.hour + timedelta(minutes=10))
    assert desk.alert_status() == "failed"
    fake_slack.channel(DESK).archived = False
    send_event(runtime, {"type": "channel_unarchive", "channel": DESK, "user": "U1"})
    wait_for(lambda: any("again" in text for text in dms_to(fake_slack, "U1")))
    assert runtime.send_due_digests(now=desk.hour + timedelta(hours=1, seconds=30)) == 1
    second = digests(fake_slack)[1]
    assert counts(second.text) == "1 new story", second.text
    assert sections(second)[0].startswith(LISTED), sections(second)


def test_an_alert_failed_as_it_may_have_gone_out_is_never_given_back_to_a_digest(
        desk: Desk, fake_slack: FakeSlack):
    """The alert's first try is made by Slack, its answer lost (the connection dropped), across
    the first digest; Slack then refuses every history read (the token lost the scope), so
    after its lookups' tries the alert is failed "not posted again (it may have gone out)"
    while it stands in the channel. Before: the next digest gave it back, listed as new, so
    the desk read it twice. Now it is not listed, by that digest or any after."""
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert desk.sender.deliver(desk.db, now=desk.now + timedelta(seconds=1)) == 0
    assert desk.alert_status() == "sending"
    assert [BOTH in m.text for m in fake_slack.posts(DESK)] == [True], "Slack made it"
    assert desk.digest(0) == 1
    fake_slack.refuse_method("conversations.history", "missing_scope")
    moment = desk.hour
    while desk.alert_status() == "sending":
        moment += timedelta(minutes=1)
        assert moment < desk.hour + timedelta(hours=1), "never given up"
        desk.sender.deliver(desk.db, now=moment)
    assert desk.alert_status() == "failed"
    assert desk.digest(1) == 0, "nothing new: the alert may be in the channel"
    assert desk.digest(2) == 0
    assert sum(BOTH in m.text for m in fake_slack.posts(DESK)) == 1
