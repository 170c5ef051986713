"""A digest lists an update as "🔄 Update" only to a reader it told of the story before (a digest
line or an alert of it, or of a story folded into it, delivered there): a story tied to the
topic late (its later report first matched the topic, or a fold tied it) is new to them, with
its headline, whatever its age. Hourly digests through the fake Slack, the real pipeline."""

from __future__ import annotations

from datetime import timedelta

from bot.models import RawArticle
from bot.topic_edit import change_query
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.topics import topic_row
from tests.slack.test_slack_digest_untold import REPAIRS, STORM
from tests.slack.test_slack_later_correction import counts, hourly
from tests.slack.test_slack_running_development import sections
from tests.stories import tied_fire

REPAIRED = "Tolmey harbour storm damage put at 1.2 million"


def test_a_story_whose_later_report_first_matches_the_topic_is_new_to_the_digest(
        fresh_db, slack_settings, nlp, fake_slack):
    """The storm's first report names no repairs: the topic ties the story with its update,
    the first of it the digest's reader sees (before: "🔄 Update", the reader told nothing)."""
    desk = hourly(fresh_db, slack_settings, nlp, fake_slack, name="Repairs", query="repairs")
    list(desk.pipeline.ingest([RawArticle(text=STORM, origin="storm")]))
    assert desk.digest(0) == 0, "nothing on the topic in the first hour"
    desk.ingest_after(1, RawArticle(text=REPAIRS, origin="repairs"))
    assert desk.digest(1) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert counts(digest.text) == "1 new story", digest.text
    [item] = sections(digest)
    assert item.startswith(f"🆕 New: *{REPAIRED}*"), item


def test_a_story_a_topic_edited_to_match_is_new_to_the_digest(
        fresh_db, slack_settings, nlp, fake_slack):
    """The topic followed ferries when the storm's first report came; edited to follow the
    harbour, it ties the storm's story: its update is the first of it the reader sees."""
    desk = hourly(fresh_db, slack_settings, nlp, fake_slack, name="Harbour", query="ferry")
    list(desk.pipeline.ingest([RawArticle(text=STORM, origin="storm")]))
    assert desk.digest(0) == 0
    with transaction(fresh_db):
        topic = fresh_db.execute("SELECT id FROM topics").fetchone()[0]
        change_query(fresh_db, topic_row(fresh_db, topic), "harbour", quiet_hours=72)
    desk.ingest_after(1, RawArticle(text=REPAIRS, origin="repairs"))
    assert desk.digest(1) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert counts(digest.text) == "1 new story", digest.text
    assert sections(digest)[0].startswith(f"🆕 New: *{REPAIRED}*"), sections(digest)


def test_a_story_a_fold_ties_to_the_topic_is_new_to_a_reader_told_of_neither(
        fresh_db, slack_settings, nlp, fake_slack, runtime):
    """Neither the fire's nor the smoke's first report names both places; the report tying them
    does, and ties the fire's story (holding the smoke's now) to the topic: new to this reader,
    and to a channel following the topic as it happens (no thread of it there: it says what
    the story is, on its own)."""
    desk = hourly(fresh_db, slack_settings, nlp, fake_slack, name="Corvel smoke",
                  query="Corvel AND Aster")
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=fresh_db.execute("SELECT id FROM topics").fetchone()[0],
                  target_type="channel", target_id="C0LIVE", mode="realtime",
                  created_by="U1", at=(desk.now - timedelta(hours=2)).isoformat())
    blaze, cloud, both = tied_fire.articles(desk.now - timedelta(hours=12))
    list(desk.pipeline.ingest([blaze, cloud]))
    assert desk.digest(0) == 0
    assert desk.ingest_after(1, both).folded
    assert desk.digest(1) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert counts(digest.text) == "1 new story", digest.text
    [item] = sections(digest)
    assert item.startswith("🆕 New: *Corvel warehouse blaze sends acrid cloud"), item
    assert runtime.deliver_pending(now=desk.hour + timedelta(hours=2)) == 1
    [live] = fake_slack.posts("C0LIVE")
    assert live.thread_ts is None and live.text.startswith("New here: a developing story"), \
        live.text


def test_an_update_of_a_story_a_digest_listed_is_an_update_after_its_answer_was_lost(
        fresh_db, slack_settings, nlp, fake_slack, runtime):
    """The ordinary case, across a lost answer: the first digest is posted but its answer never
    comes; the next pass finds it in Slack and records what it told, so the next digest lists
    the story's update as an update, not as new a second time."""
    desk = hourly(fresh_db, slack_settings, nlp, fake_slack, name="Harbour", query="harbour")
    list(desk.pipeline.ingest([RawArticle(text=STORM, origin="storm")]))
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert runtime.send_due_digests(now=desk.hour + timedelta(seconds=30)) == 0, "answer lost"
    desk.ingest_after(1, RawArticle(text=REPAIRS, origin="repairs"))
    later = desk.hour + timedelta(hours=1, seconds=30)
    assert runtime.send_due_digests(now=later) == 1, "the first digest, found in Slack"
    assert runtime.send_due_digests(now=later + timedelta(seconds=1)) == 1
    first, second = fake_slack.posts("C0DIG")
    assert counts(first.text) == "1 new story", first.text
    assert counts(second.text) == "1 updated", second.text
    [item] = sections(second)
    assert item.startswith(f"🔄 Update: *{REPAIRED}*"), item
