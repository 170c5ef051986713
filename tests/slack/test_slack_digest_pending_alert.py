"""A digest tells a reader of an update only where they were told of its story: an alert of the
story still waiting in the outbox when the digest is made told them nothing yet (it may never:
a channel that refuses it fails it for good), so the digest lists the story as new. Hourly
digests through the fake Slack, the real pipeline."""

from __future__ import annotations

from datetime import timedelta

from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe, unsubscribe
from tests.slack.test_slack_digest_told import REPAIRED
from tests.slack.test_slack_digest_untold import REPAIRS, STORM
from tests.slack.test_slack_later_correction import counts, hourly
from tests.slack.test_slack_running_development import sections


def test_an_update_of_a_story_whose_alert_still_waits_is_new_to_the_digest(
        fresh_db, slack_settings, nlp, fake_slack):
    """The channel followed the moorings live when the storm's first report came: its alert is
    queued, not yet posted; the channel then stops following them. The repairs' digest is the
    first of the story the reader gets (before: "🔄 Update")."""
    desk = hourly(fresh_db, slack_settings, nlp, fake_slack, name="Repairs", query="repairs")
    with transaction(fresh_db):
        moorings = add_topic(fresh_db, name="Moorings", query="moorings")
        subscribe(fresh_db, topic_id=moorings, target_type="channel", target_id="C0DIG",
                  mode="realtime", created_by="U1",
                  at=(desk.now - timedelta(hours=2)).isoformat())
    list(desk.pipeline.ingest([RawArticle(text=STORM, origin="storm")]))
    assert fresh_db.execute("SELECT channel, status FROM alerts").fetchall() == [
        ("C0DIG", "pending")]
    assert desk.digest(0) == 0
    with transaction(fresh_db):
        unsubscribe(fresh_db, topic_id=moorings, target_type="channel", target_id="C0DIG")
    desk.ingest_after(1, RawArticle(text=REPAIRS, origin="repairs"))
    assert desk.digest(1) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert counts(digest.text) == "1 new story", digest.text
    assert sections(digest)[0].startswith(f"🆕 New: *{REPAIRED}*"), sections(digest)
