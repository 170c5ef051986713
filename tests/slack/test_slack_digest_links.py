"""Digest entries link to their story's thread (chat.getPermalink)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.digest import send_due_digests
from bot.models import Verdict, VerdictKind
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.retention import drop_matching_data
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


def threads_of_a_busy_day(db, fake_slack, topic_id: int, count: int) -> None:
    """``count`` stories, each with its thread in C0LIVE (its first alert posted there)."""
    for n in range(count):
        article = add_article(db, title=f"Dredging update {n}")
        story_id = add_story(db, article_id=article, title=f"Dredging update {n}",
                             topic_ids=(topic_id,), at=f"2026-11-24T06:{n:02d}:00+00:00")
        with transaction(db):
            enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), article, [topic_id])
            db.execute("UPDATE alerts SET status = 'sent', posted_channel = channel, ts = ? "
                       "WHERE story_id = ?", [fake_slack.add_message("C0LIVE").ts, story_id])


def test_a_digest_stops_asking_for_links_once_slack_holds_them_back(
        fresh_db, client, fake_slack, topic):  # noqa: F811
    """A daily digest of 40 stories, each with a thread; Slack answers the first permalink
    asked 429 (Retry-After 30). Before: the 39 others were asked at once all the same, each
    against Slack's word to wait. Now the digest asks no more and goes at once, with the
    links it has; nothing else is lost (every story listed)."""
    follow(fresh_db, topic, "C0LIVE", "realtime")
    follow(fresh_db, topic, "U0ED", "daily", kind="user", at="2026-11-24T05:00:00+00:00")
    threads_of_a_busy_day(fresh_db, fake_slack, topic, 40)
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"chat.getPermalink"})
    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T08:00:30")) == 1
    [digest] = fake_slack.posts("D0ED")
    assert len(fake_slack.calls_to("chat.getPermalink", ok_only=False)) == 1
    assert all(f"Dredging update {n}" in str(digest.blocks) for n in range(40))


def test_digests_of_the_same_threads_ask_slack_for_each_link_once(
        fresh_db, client, fake_slack, topic):  # noqa: F811
    """Two people's daily digests of the same 30 stories. Before: each digest asked Slack
    for every thread's permalink again (60 calls). Now a link Slack gave is kept (a message's
    permalink does not change): 30 calls, both digests fully linked."""
    follow(fresh_db, topic, "C0LIVE", "realtime")
    for person in ("U0ED", "U0DESK"):
        follow(fresh_db, topic, person, "daily", kind="user", at="2026-11-24T05:00:00+00:00")
    threads_of_a_busy_day(fresh_db, fake_slack, topic, 30)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T08:00:30")) == 2
    assert len(fake_slack.calls_to("chat.getPermalink", ok_only=False)) == 30
    for dm in ("D0ED", "D0DESK"):
        [digest] = fake_slack.posts(dm)
        assert str(digest.blocks).count("|thread>") == 30


def test_a_closed_storys_kept_link_goes_with_its_matching_data_an_open_ones_stays(
        fresh_db, client, fake_slack, topic):  # noqa: F811
    """Two stories' thread links kept by a digest; the first story is then closed long enough
    and compacted (``storage.retention.drop_matching_data``, the hourly compaction's step).
    Before: ``thread_links`` was never pruned (a row a thread, for ever). Now the closed
    story's link goes with its matching data; the open one's stays, and is not asked again."""
    follow(fresh_db, topic, "C0LIVE", "realtime")
    follow(fresh_db, topic, "U0ED", "daily", kind="user", at="2026-11-24T05:00:00+00:00")
    threads_of_a_busy_day(fresh_db, fake_slack, topic, 2)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T08:00:30")) == 1
    assert fresh_db.execute("SELECT count(*) FROM thread_links").fetchone()[0] == 2
    closed, still_open = (row[0] for row in fresh_db.execute(
        "SELECT story_id, ts FROM alerts ORDER BY story_id"))
    done = drop_matching_data(fresh_db, [closed], now="2026-12-20T00:00:00+00:00")
    [(kept_ts,)] = fresh_db.execute("SELECT ts FROM thread_links").fetchall()
    assert kept_ts == fresh_db.execute("SELECT ts FROM alerts WHERE story_id = ?",
                                       [still_open]).fetchone()[0]
    assert done.links == 1


def test_a_held_back_permalink_holds_the_next_digests_asks_too(
        fresh_db, client, fake_slack, topic):  # noqa: F811
    """Two people's daily digests of the same 20 stories; Slack answers the first permalink
    asked ``429`` (Retry-After 30). Before: the second digest asked again at once, against
    Slack's word to wait (the hold was the first message's alone). Now the hold is the run's
    (its ``Pacer``): the second asks for none, and both go with every story listed."""
    follow(fresh_db, topic, "C0LIVE", "realtime")
    for person in ("U0ED", "U0DESK"):
        follow(fresh_db, topic, person, "daily", kind="user", at="2026-11-24T05:00:00+00:00")
    threads_of_a_busy_day(fresh_db, fake_slack, topic, 20)
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"chat.getPermalink"})
    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T08:00:30")) == 2
    assert len(fake_slack.calls_to("chat.getPermalink", ok_only=False)) == 1
    for direct in ("D0ED", "D0DESK"):
        [digest] = fake_slack.posts(direct)
        assert all(f"Dredging update {n}" in str(digest.blocks) for n in range(20))
