"""Alerts and digests Slack keeps answering with an error code wirewatch does not know are
tried again for as long as it lasts, holding their channel: `/wirewatch status` and App Home
say so (signed requests over real HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.calls import UNKNOWN_CODE
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import paused_subscriptions, subscribe
from tests.slack.conftest import open_home, run_command, wait_for
from tests.slack.test_slack_lifecycle import send_event
from tests.slack.test_slack_sender import new_story
from tests.slack.world import add_article, add_story

NEW_CODE = "brand_new_error"
"""A code Slack might add tomorrow: nothing in wirewatch lists it."""


def test_status_shows_the_alerts_slack_keeps_answering_with_a_code_nobody_knows(
        runtime, fake_slack, fresh_db, t0):
    """Slack answers every post 200, ok false, with a code nobody knows: each channel's first
    alert is tried again every few minutes, its second waits behind it. Before: `/wirewatch
    status` said four alerts wait and none failed, no word of which, since when, or why. Now
    each held one, its code, since Slack first answered it so (not since it was queued, an
    hour before: said so before) and how many wait behind it."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        for channel in ("C0DESK", "C0CITY"):
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    new_story(fresh_db, topic)
    new_story(fresh_db, topic, "Dockworkers vote on offer")
    fake_slack.refuse_method("chat.postMessage", NEW_CODE)
    for second in range(0, 30, 2):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    fake_slack.refused_methods.clear()
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "• Alerts waiting to be posted: 4" in said, said
    assert "• ⚠️ Alerts held: Slack keeps answering with an error wirewatch does not know, so " \
        "4 alerts in 2 conversations wait" in said, said
    for alert, channel in ((1, "C0CITY"), (2, "C0DESK")):
        assert f"    alert {alert} to <#{channel}>, held since <!date^{int(t0.timestamp())}^" \
            in said, said
    assert said.count(f": `{NEW_CODE}` (1 more behind it)") == 2, said


def _home_text(fake_slack, user: str) -> str:
    view = wait_for(lambda: fake_slack.views.get(user))
    return "\n".join(str(block.get("text", {}).get("text", "")) for block in view["blocks"])


def test_status_and_app_home_show_a_digest_slack_keeps_answering_with_a_code_nobody_knows(
        runtime, fake_slack, fresh_db, t0):
    """U1 set up an hourly digest in #desk and alerts as they happen in #city; Slack answers
    every post with a code nobody knows from 06:00. Before: the digest, tried again at every
    pass, was nowhere in `/wirewatch status`, and App Home showed nothing held. Now the status
    lists the digest held since Slack first answered so, and App Home counts what is held,
    with the advice; once Slack takes posts the digest goes and the line with it."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        for channel, mode in (("C0DESK", "hourly"), ("C0CITY", "realtime")):
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode=mode, created_by="U1", at="2026-11-24T05:00:00+00:00")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    new_story(fresh_db, topic, "Dockworkers vote on offer")
    fake_slack.refuse_method("chat.postMessage", NEW_CODE)
    first = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    for minute in (0, 5, 10):
        runtime.send_due_digests(now=first + timedelta(minutes=minute))
    runtime.deliver_pending(now=t0)
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "• ⚠️ Digests held: Slack keeps answering with an error wirewatch does not know, " \
        "so 1 digest wait" in said, said
    assert f"    *Port strike* to <#C0DESK>, held since <!date^{int(first.timestamp())}^" \
        in said and f": `{NEW_CODE}`" in said, said
    open_home(runtime, "U1")
    home = _home_text(fake_slack, "U1")
    assert "⚠️ *Held:* 1 alert and 1 digest wait: Slack keeps answering with an error " \
        "wirewatch does not know" in home and "`/wirewatch status` lists them" in home, home
    fake_slack.refused_methods.clear()
    runtime.send_due_digests(now=first + timedelta(minutes=15))
    assert "walk out" in str(fake_slack.posts("C0DESK")[0].blocks)
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Digests held" not in said, said


def _held_digest_in(db, channel: str, topic: str = "Port strike",
                    at: str = "2026-11-24T05:00:00+00:00") -> int:
    """``channel`` follows ``topic`` hourly, a story came at 05:20; returns the topic's id."""
    with transaction(db):
        topic_id = add_topic(db, name=topic, query=topic.split()[0].lower())
        subscribe(db, topic_id=topic_id, target_type="channel", target_id=channel,
                  mode="hourly", created_by="U1", at=at)
    add_story(db, article_id=add_article(db, title=f"{topic} walk out"),
              title=f"{topic} walk out", topic_ids=(topic_id,), at="2026-11-24T05:20:00+00:00")
    return topic_id


def _held_marks(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT key FROM state WHERE key LIKE 'digest_held:%' "
                                         "AND value != ''")]


def test_a_held_digests_mark_goes_with_its_subscription_removed_or_paused(
        runtime, fake_slack, fresh_db, t0):
    """#desk's hourly digest is held (Slack answers posts with a code nobody knows from
    06:00). Before: removed with `/unsubscribe` and added again (SQLite gave the new one the
    removed one's id), the new subscription was listed "held since 06:00", never tried; and
    paused (archived) then resumed, it showed that old "held since" until its next digest went.
    Now removing or pausing a subscription drops its held mark."""
    fake_slack.add_channel("C0DESK")
    _held_digest_in(fresh_db, "C0DESK")
    fake_slack.refuse_method("chat.postMessage", NEW_CODE)
    runtime.send_due_digests(now=datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    assert "Digests held" in run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    run_command(runtime, fake_slack, "/unsubscribe", "Port strike", channel="C0DESK")
    assert _held_marks(fresh_db) == []
    run_command(runtime, fake_slack, "/subscribe", "Port strike hourly", channel="C0DESK")
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Digests held" not in said, said

    add_story(fresh_db, article_id=add_article(fresh_db, title="Port strike goes on"),
              title="Port strike goes on", topic_ids=(1,))
    runtime.send_due_digests(now=t0 + timedelta(hours=1))
    assert _held_marks(fresh_db), "held again, once tried"
    send_event(runtime, {"type": "channel_archive", "channel": "C0DESK", "user": "U1"})
    wait_for(lambda: paused_subscriptions(fresh_db))
    send_event(runtime, {"type": "channel_unarchive", "channel": "C0DESK", "user": "U1"})
    wait_for(lambda: not paused_subscriptions(fresh_db))
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Digests held" not in said and "Paused" not in said, said
    assert _held_marks(fresh_db) == []


def test_the_longest_held_digest_is_listed_first_however_many_are_held(
        runtime, fake_slack, fresh_db):
    """#late's digest is held from 06:00; then the fifty channels following another topic,
    all set up before it, from 07:00. Before: the listing took the first fifty by
    subscription and then sorted them by since, so #late, held longest, was cut, and the count
    said 50. Now every held digest is counted and the longest held comes first."""
    with transaction(fresh_db):
        other = add_topic(fresh_db, name="Port strike", query="dockworkers")
        for n in range(50):
            subscribe(fresh_db, topic_id=other, target_type="channel", target_id=f"C0CH{n:02}",
                      mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    _held_digest_in(fresh_db, "C0LATE", "Ferry strike")
    fake_slack.refuse_method("chat.postMessage", NEW_CODE)
    first = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    runtime.send_due_digests(now=first)
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(other,), at="2026-11-24T06:20:00+00:00")
    runtime.send_due_digests(now=first + timedelta(hours=1))
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "so 51 digests wait" in said, said
    held = [line for line in said.splitlines() if ", held since " in line]
    assert held[0].startswith("    *Ferry strike* to <#C0LATE>, held since <!date^"
                              f"{int(first.timestamp())}^"), held


def test_every_held_alert_is_counted_however_many_conversations_wait(
        runtime, fake_slack, fresh_db, t0):
    """Sixty channels follow a topic as it happens; Slack answers every post with a code
    nobody knows, so each channel's alert is held, and U1's App Home counts what it set up.
    Before: the status and App Home counted the first fifty held alerts only ("50 alerts in 50
    conversations", "50 alerts wait"). Now every held alert is counted; ten are listed."""
    channels = [f"C0CH{n:02}" for n in range(60)]
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        for channel in channels:
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    new_story(fresh_db, topic)
    fake_slack.refuse_method("chat.postMessage", NEW_CODE)
    runtime.deliver_pending(now=t0)
    held = fresh_db.execute("SELECT count(*) FROM alerts WHERE instr(last_error, ?) > 0",
                            ["a code wirewatch does not know"]).fetchone()[0]
    assert held == 60, held
    fake_slack.refused_methods.clear()
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "so 60 alerts in 60 conversations wait" in said, said
    assert len([line for line in said.splitlines() if line.startswith("    alert ")]) == 10
    open_home(runtime, "U1")
    home = _home_text(fake_slack, "U1")
    assert "⚠️ *Held:* 60 alerts wait" in home, home


def _held_desk(db, topic: int, channels: int, t0) -> dict[str, tuple[int, int]]:
    """``channels`` channels, each with an alert posted, one waiting untried, then one Slack
    holds and n % 4 waiting behind it; more channels whose alerts wait, none held. Each held
    channel's (first held alert's id, alerts counted held: it and those behind it)."""
    story = add_story(db, article_id=add_article(db, title="Dockworkers walk out"),
                      title="Dockworkers walk out", topic_ids=(topic,))
    articles = [add_article(db, title=f"Dockworkers strike, day {n}") for n in range(7)]
    rows, held = [], {}
    for n in range(channels + 25):
        channel = f"C0H{n:04}"
        statuses = ["sent", "pending"] + (["held"] + ["pending"] * (n % 4) if n < channels
                                           else ["pending"])
        for article, status in zip(articles, statuses, strict=False):
            rows.append({"story_id": story, "article_id": article, "channel": channel,
                         "kind": "story", "status": "pending" if status == "held" else status,
                         "created_at": "2026-11-24T05:00:00+00:00",
                         "last_error": f"Slack answered {NEW_CODE}: {UNKNOWN_CODE}"
                         if status == "held" else None,
                         "held_since": t0.isoformat() if status == "held" else None})
    with transaction(db):
        db["alerts"].insert_all(rows)
    for n in range(channels):
        [(first,)] = db.execute("SELECT min(id) FROM alerts WHERE channel = ? AND "
                                "last_error IS NOT NULL", [f"C0H{n:04}"]).fetchall()
        held[f"C0H{n:04}"] = (first, 1 + n % 4)
    return held


def test_many_held_alerts_are_counted_and_listed_right(runtime, fake_slack, fresh_db, t0):
    """700 channels each hold an alert Slack keeps answering with a code nobody knows, with
    0 to 3 waiting behind it; 25 more channels wait with none held, and every held channel
    has an alert waiting before its held one (not counted: it is not behind). U1 set up 600
    of the held channels and 20 of the others. The status counts every held alert and lists
    the first ten with the number behind each; U1's App Home counts those of what they set
    up. Figures computed here from what was stored, not read from wirewatch (a guard of the
    one query that lists and counts them)."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
    held = _held_desk(fresh_db, topic, 700, t0=t0)
    mine = [f"C0H{n:04}" for n in range(600)] + [f"C0H{n:04}" for n in range(700, 720)]
    with transaction(fresh_db):
        for channel in mine:
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=channel,
                      mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    waiting = sum(count for _, count in held.values())
    assert waiting > 999 and f"so {waiting:,} alerts in 700 conversations wait" in said, said
    first = sorted(held.items(), key=lambda item: item[1][0])[:10]
    listed = [line for line in said.splitlines() if line.startswith("    alert ")]
    assert [line.split(",")[0] for line in listed] == \
        [f"    alert {first_id} to <#{channel}>" for channel, (first_id, _) in first], listed
    for line, (_, (_, count)) in zip(listed, first, strict=True):
        assert line.endswith(f"({count - 1} more behind it)" if count > 1 else f"`{NEW_CODE}`"), \
            line
    open_home(runtime, "U1")
    home = _home_text(fake_slack, "U1")
    theirs = sum(held[channel][1] for channel in mine if channel in held)
    assert f"⚠️ *Held:* {theirs:,} alerts wait" in home, home
