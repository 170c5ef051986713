"""Digests: one message per period with the topic's news, nothing when nothing happened."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.alerts.pacing import Pacer
from bot.stories.tracking import add_topic
from storage.alerts import mute_story
from storage.db import transaction
from storage.state import set_state
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.world import add_article, add_story, add_update


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def client(fake_slack) -> WebClient:
    return WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Wildfire", query="wildfire")


def follow(db, topic_id, target, mode, *, kind="channel", at="2026-11-24T05:10:00+00:00"):
    with transaction(db):
        subscribe(db, topic_id=topic_id, target_type=kind, target_id=target, mode=mode,
                  created_by="U1", at=at)


def story(db, topic_id, title, at) -> int:
    article_id = add_article(db, title=title, url=f"https://news.example/{title[:4]}")
    return add_story(db, article_id=article_id, title=title, topic_ids=(topic_id,), at=at)


def test_hourly_digest_once_per_period_and_silent_when_quiet(fresh_db, client, fake_slack, topic):
    follow(fresh_db, topic, "C0DIG", "hourly")
    follow(fresh_db, topic, "C0LIVE", "realtime")
    fire = story(fresh_db, topic, "Wildfire spreads near Alder Creek", "2026-11-24T05:20:00+00:00")
    update_id = add_article(fresh_db, title="Evacuations ordered")
    add_update(fresh_db, story_id=fire, article_id=update_id,
               whats_new=("Evacuations ordered for 3,000 homes",), at="2026-11-24T05:40:00+00:00")
    story(fresh_db, topic, "Second blaze reported", "2026-11-24T06:10:00+00:00")

    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T05:59:59")) == 0
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30")) == 1
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:30:00")) == 0
    [digest] = fake_slack.posts("C0DIG")
    body = "\n".join(b["text"]["text"] for b in digest.blocks if b["type"] == "section")
    assert "Wildfire spreads near Alder Creek" in body and "Evacuations ordered for 3,000" in body
    assert "Second blaze" not in body, "belongs to the next hour"
    assert digest.blocks[0]["text"]["text"] == "Hourly digest · Wildfire"
    assert digest.text.startswith("Hourly digest · Wildfire: 1 new story — ")
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T07:00:05")) == 1
    assert "Second blaze" in str(fake_slack.posts("C0DIG")[1].blocks)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T08:00:05")) == 0
    assert len(fake_slack.posts("C0DIG")) == 2 and fake_slack.posts("C0LIVE") == []


def test_daily_digest_follows_the_newsroom_time_zone(fresh_db, client, fake_slack, topic):
    follow(fresh_db, topic, "U0ED", "daily", kind="user", at="2026-11-23T00:00:00+00:00")
    story(fresh_db, topic, "Overnight fire contained", "2026-11-24T10:00:00+00:00")
    kwargs: dict[str, Any] = {"timezone": "America/New_York", "daily_hour": 8}
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T12:59:00"), **kwargs) == 0
    assert fake_slack.posts() == [], "07:59 in New York: the day that ended at 08:00 was quiet"
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T13:00:00"), **kwargs) == 1
    assert "Overnight fire contained" in str(fake_slack.posts("D0ED")[0].blocks)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-25T12:59:00"), **kwargs) == 0


def test_daily_digest_in_a_dm_skips_muted_stories(fresh_db, client, fake_slack, topic):
    follow(fresh_db, topic, "U0ED", "daily", kind="user", at="2026-11-24T00:00:00+00:00")
    muted = story(fresh_db, topic, "Muted fire story", "2026-11-24T03:00:00+00:00")
    story(fresh_db, topic, "Kept fire story", "2026-11-24T04:00:00+00:00")
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=muted, channel="U0ED", user="U0ED", at="x")
    kwargs: dict[str, Any] = {"timezone": "America/New_York", "daily_hour": 8}
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T12:59:00"), **kwargs) == 0
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T13:00:00"), **kwargs) == 1
    [digest] = fake_slack.posts()
    assert digest.channel == "D0ED"
    assert "Kept fire story" in str(digest.blocks) and "Muted fire story" not in str(digest.blocks)


def test_restart_after_posting_a_digest_does_not_post_it_again(fresh_db, client, fake_slack, topic):
    follow(fresh_db, topic, "C0DIG", "hourly")
    story(fresh_db, topic, "Wildfire spreads", "2026-11-24T05:20:00+00:00")
    payload = "1@2026-11-24T06:00:00+00:00"
    with transaction(fresh_db):
        set_state(fresh_db, "digest_in_flight:1", payload)
    fake_slack.add_message("C0DIG", metadata={"event_type": "wirewatch_digest",
                                              "event_payload": {"digest": payload}})
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30")) == 1
    assert fake_slack.calls_to("chat.postMessage") == []
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:30:00")) == 0


def test_slack_failure_keeps_the_digest_for_the_next_minute(fresh_db, client, fake_slack, topic):
    follow(fresh_db, topic, "C0DIG", "hourly")
    story(fresh_db, topic, "Wildfire spreads", "2026-11-24T05:20:00+00:00")
    fake_slack.fail_next(1, status=500)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30")) == 0
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:01:30")) == 1
    assert len(fake_slack.posts("C0DIG")) == 1


def test_a_429_on_opening_direct_messages_holds_every_persons_digest(fresh_db, client,
                                                                      fake_slack, topic):
    """conversations.open is paced per method: after its 429, no person's direct messages are
    opened before its Retry-After; a channel's digest goes on. Before: the second person's
    were opened at once."""
    for person in ("U0ED", "U0FI"):
        follow(fresh_db, topic, person, "hourly", kind="user")
    follow(fresh_db, topic, "C0DIG", "hourly")
    story(fresh_db, topic, "Wildfire spreads", "2026-11-24T05:20:00+00:00")
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"conversations.open"})
    pacer = Pacer()
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30"), pacer=pacer) == 1
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:59"), pacer=pacer) == 0
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) == 1, "waited as told"
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:01:00"), pacer=pacer) == 2
    assert sorted(m.channel for m in fake_slack.posts()) == ["C0DIG", "D0ED", "D0FI"]


@pytest.mark.parametrize(("first_day", "hour", "expected"), [
    # clocks go back at 02:00 EDT on 1 Nov 2026: 01:00 comes twice, an hour apart
    ("2026-10-31", 1, ["2026-10-31T05:00", "2026-11-01T05:00", "2026-11-02T06:00"]),
    # clocks go forward at 02:00 EST on 8 Mar 2026: no 02:00 that night, the digest at 03:00
    ("2026-03-07", 2, ["2026-03-07T07:00", "2026-03-08T07:00", "2026-03-09T06:00"]),
])
def test_a_daily_digest_comes_once_a_day_across_a_clock_change(fresh_db, client, fake_slack,
                                                              topic, first_day, hour, expected):
    start = utc(f"{first_day}T00:00:00")
    follow(fresh_db, topic, "C0DAY", "daily", at=(start - timedelta(days=1)).isoformat())
    stories = {f"Wildfire near milepost {n:02d}": start + timedelta(hours=2 * n, minutes=90)
               for n in range(30)}  # one every two hours, at half past, across both nights
    for title, at in stories.items():
        story(fresh_db, topic, title, at.isoformat())
    posted_at = []
    for minute in range(0, 60 * 60, 10):
        now = start + timedelta(minutes=minute)
        if send_due_digests(fresh_db, client, now=now, timezone="America/New_York",
                            daily_hour=hour):
            posted_at.append(now.strftime("%Y-%m-%dT%H:%M"))
    assert posted_at == expected
    bodies = [str(post.blocks) for post in fake_slack.posts("C0DAY")]
    last_end = utc(f"{expected[-1]}:00")
    for title, at in stories.items():
        assert sum(title in body for body in bodies) == (1 if at <= last_end else 0), title


def test_news_stored_while_the_clock_is_set_back_still_reaches_the_digest(fresh_db, client,
                                                                         fake_slack, topic):
    """The machine's clock steps back an hour (NTP correcting it, a host whose hardware clock
    keeps local time): what is stored meanwhile is stamped before the digest already sent."""
    follow(fresh_db, topic, "C0DIG", "hourly")
    story(fresh_db, topic, "Wildfire spreads near Alder Creek", "2026-11-24T05:20:00+00:00")
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30")) == 1
    story(fresh_db, topic, "Second blaze reported", "2026-11-24T05:40:00+00:00")  # clock back
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T05:45:00")) == 0
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:30:00")) == 0
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T07:00:05")) == 1
    assert "Second blaze reported" in str(fake_slack.posts("C0DIG")[1].blocks)
    story(fresh_db, topic, "Third fire near the pass", "2026-11-24T07:20:00+00:00")
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T08:00:05")) == 1
    third = str(fake_slack.posts("C0DIG")[2].blocks)
    assert "Third fire" in third and "Second blaze" not in third and "Alder" not in third


def test_a_held_method_is_warned_of_once_per_hold_not_at_each_pass(fresh_db, client, fake_slack,
                                                                   topic, caplog):
    """conversations.open held by its 429: the 429 is one WARNING; the passes that follow
    within its Retry-After, which call nothing, say so at INFO. Before: a WARNING per person
    at every pass (a minute apart in a run), for as long as the hold lasted."""
    for person in ("U0ED", "U0FI"):
        follow(fresh_db, topic, person, "hourly", kind="user")
    story(fresh_db, topic, "Ferry service suspended", "2026-11-24T05:20:00+00:00")
    fake_slack.fail_next(1, status=429, retry_after=60, methods={"conversations.open"})
    pacer = Pacer()
    caplog.set_level(logging.INFO, logger="bot.alerts.digest")
    for second in (30, 40, 50, 59):
        assert send_due_digests(fresh_db, client, now=utc(f"2026-11-24T06:00:{second}"),
                                pacer=pacer) == 0
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    held = [r for r in caplog.records if "holds conversations.open back" in r.getMessage()]
    assert len(warned) == 1 and "rate limited" in warned[0].getMessage()
    assert len(held) == 7, "each held digest still said, at INFO"
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:01:31"), pacer=pacer) == 2
