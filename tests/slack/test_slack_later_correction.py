"""What Slack shows when a later report takes a weakly joined article out of its story: the
article was an update in that story's thread; its own story then posts once, as a new story,
and the later report threads under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.digest import send_due_digests
from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN
from tests.stories.test_later_correction import articles

T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)  # after every enqueue


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp) -> Pipeline:
    """The pipeline feeding a desk that follows the port of Averna as it happens."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Averna port", query="Averna")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at=T0.isoformat())
    return Pipeline(fresh_db, slack_settings, nlp=nlp)


def test_the_moved_article_posts_once_as_a_new_story(runtime, fake_slack, pipeline):
    contract, again, walkout, later = articles(datetime.now(UTC) - timedelta(hours=24))
    sent = 0
    for batch in ([contract, again], [walkout], [later]):
        list(pipeline.ingest(batch))
        while runtime.deliver_pending(now=T0 + timedelta(seconds=sent)):
            sent += 1
    first, in_thread, moved, update = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and in_thread.thread_ts == first.ts
    assert "Dockers walk out" in in_thread.text and "Update" in in_thread.text
    assert moved.thread_ts is None and "New story" in moved.text
    assert "Dockers walk out" in moved.text
    assert update.thread_ts == moved.ts and "Thursday" in " ".join(
        b["text"]["text"] for b in update.blocks if b["type"] == "section")
    assert runtime.deliver_pending(now=T0 + timedelta(seconds=sent + 5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 4


def test_an_update_not_yet_posted_when_its_article_moves_is_not_posted_in_the_old_thread(
        runtime, fake_slack, fresh_db, pipeline):
    contract, again, walkout, later = articles(datetime.now(UTC) - timedelta(hours=24))
    list(pipeline.ingest([contract, again]))
    runtime.deliver_pending(now=T0)
    list(pipeline.ingest([walkout]))  # its update waits in the outbox (Slack slow, say)
    list(pipeline.ingest([later]))  # and the later report takes it out of the story
    for second in range(1, 6):
        runtime.deliver_pending(now=T0 + timedelta(seconds=second))
    first, moved, update = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and "Dockers walk out" not in first.text
    assert moved.thread_ts is None and "New story" in moved.text
    assert "Dockers walk out" in moved.text and update.thread_ts == moved.ts
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE status = 'withdrawn'"
                            ).fetchone()[0] == 1


@dataclass(frozen=True)
class HourlyDesk:
    """A channel with an hourly digest of the Averna topic, and the pipeline feeding it."""

    db: Database
    pipeline: Pipeline
    client: WebClient
    now: datetime

    def digest(self, hours_later: int) -> int:
        """Sends the digests due just after the next full hour, ``hours_later`` hours on."""
        hour = self.now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return send_due_digests(self.db, self.client,
                                now=hour + timedelta(hours=hours_later, seconds=30))


@pytest.fixture
def hourly_desk(fresh_db, slack_settings, nlp, fake_slack) -> HourlyDesk:
    now = datetime.now(UTC)
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Averna port", query="Averna")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at=(now - timedelta(hours=2)).isoformat())
    return HourlyDesk(fresh_db, Pipeline(fresh_db, slack_settings, nlp=nlp),
                      WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url), now)


def test_a_digest_after_the_correction_lists_the_moved_story_as_new(hourly_desk, fake_slack):
    """The hourly digest listed the walkout as an update of the contract story; the next hour
    a later report takes it out. The next digest must not show that report as an update of a
    story its reader never saw: it lists the walkout's story as new, with what the report
    added."""
    contract, again, walkout, later = articles(hourly_desk.now - timedelta(hours=24))
    for batch in ([contract, again], [walkout]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    list(hourly_desk.pipeline.ingest([later]))
    assert hourly_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert first.text.endswith("1 new story, 0 updated") and "walkout" in str(first.blocks)
    assert second.text.endswith("1 new story, 0 updated"), second.text
    [item] = [b["text"]["text"] for b in second.blocks if b["type"] == "section"]
    assert item.startswith("🆕 New: *Dockers walk out") and "Thursday" in item


WALKOUT_VOTE = """Averna dockers vote to stay out as pension talks move to Friday

Dockworkers at Port Averna voted on Wednesday to keep up their walkout over pension cuts, the dockers' union said, after 412 of its 450 members backed the strike.

The talks with the employer, first set for Thursday, were moved to Friday at the request of the mediator, the union said."""


def test_a_digest_after_the_moved_story_was_listed_new_lists_its_update_as_one(hourly_desk,
                                                                               fake_slack):
    """The correction came before the first digest, which listed the walkout's story as new;
    a later update of that story is an update in the next digest, not the story new again."""
    contract, again, walkout, later = articles(hourly_desk.now - timedelta(hours=24))
    for batch in ([contract, again], [walkout], [later]):
        list(hourly_desk.pipeline.ingest(batch))
    assert hourly_desk.digest(0) == 1
    published = (hourly_desk.now - timedelta(hours=1)).isoformat()
    [vote] = hourly_desk.pipeline.ingest([RawArticle(text=WALKOUT_VOTE, origin="a4",
                                                     published=published)])
    assert vote.verdict is not None and vote.verdict.kind == "update"
    assert hourly_desk.digest(1) == 1
    first, second = fake_slack.posts("C0DIG")
    assert first.text.endswith("2 new stories, 0 updated"), first.text
    assert second.text.endswith("0 new stories, 1 updated"), second.text
