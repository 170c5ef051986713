"""The outbox sender against the fake Slack: threads, DMs, mutes, pacing, 429/5xx, restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from bot.alerts.blocks import MUTE, QUOTES
from bot.alerts.calls import LONGEST_WAIT, retry_after
from bot.models import Verdict, VerdictKind
from bot.slack.runtime import SlackRuntime
from storage.alerts import enqueue_alerts, mark_sending
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.world import add_article, add_story, add_update


def follow(db, topic_id: int, target: str, kind: str = "channel") -> None:
    with transaction(db):
        subscribe(db, topic_id=topic_id, target_type=kind, target_id=target, mode="realtime",
                  created_by="U1", at="2026-11-24T05:00:00+00:00")


def new_story(db, topic_id: int, title: str = "Dockworkers walk out", **kw) -> tuple[int, int]:
    article_id = add_article(db, title=title, url="https://news.example/" + title[:5], **kw)
    story_id = add_story(db, article_id=article_id, title=title, topic_ids=(topic_id,))
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.NEW), article_id, [topic_id])
    return story_id, article_id


def update(db, topic_id: int, story_id: int, news: str) -> int:
    article_id = add_article(db, title=f"Update: {news}")
    add_update(db, story_id=story_id, article_id=article_id, whats_new=(news,))
    with transaction(db):
        enqueue_alerts(db, Verdict(story_id, VerdictKind.UPDATE, whats_new=(news,)), article_id, [topic_id])
    return article_id


def test_update_posts_in_the_thread_of_the_first_alert(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(0.5)) == 0, "about one message a second per channel"
    assert runtime.deliver_pending(now=at(1)) == 1
    first, second = fake_slack.posts("C0DESK")
    assert first.thread_ts is None and second.thread_ts == first.ts
    texts = " ".join(b["text"]["text"] for b in second.blocks if b["type"] == "section")
    assert "What's new" in texts and "Talks resume on Thursday" in texts


def _sections(message) -> str:
    return " ".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")


def test_an_update_a_channel_gets_first_says_what_the_story_is(runtime, fake_slack, fresh_db,
                                                               topic, at):
    """The story's first report came before this channel subscribed: its first message of the
    story is an update at the top level, which the reader sees without the thread's context."""
    story_id, _ = new_story(fresh_db, topic)
    follow(fresh_db, topic, "C0DESK")
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    update(fresh_db, topic, story_id, "Union rejects the offer")
    runtime.deliver_pending(now=at(0))
    runtime.deliver_pending(now=at(1))
    alone, reply = fake_slack.posts("C0DESK")
    assert alone.thread_ts is None and reply.thread_ts == alone.ts
    assert _sections(alone).startswith("First line of the summary. What's new:")
    assert "Talks resume on Thursday" in _sections(alone)
    assert "First line of the summary" not in _sections(reply), "the thread already says it"
    assert "Union rejects the offer" in _sections(reply)
    assert alone.text.startswith("New here: a developing story · "), "not an 'Update' of what?"
    assert "*New here: a developing story*" in alone.blocks[0]["elements"][0]["text"]
    assert reply.text.startswith("Update · ")


def test_person_gets_alerts_by_direct_message(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "U0ED", kind="user")
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=at(0)) == 1
    assert fake_slack.calls_to("conversations.open")[0].params["users"] == "U0ED"
    assert [m.channel for m in fake_slack.posts()] == ["D0ED"]


def test_channels_are_paced_separately(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0A")
    follow(fresh_db, topic, "C0B")
    for n in range(3):
        new_story(fresh_db, topic, title=f"Story number {n}")
    assert runtime.deliver_pending(now=at(0)) == 2
    assert runtime.deliver_pending(now=at(0.4)) == 0
    assert runtime.deliver_pending(now=at(1.0)) == 2
    assert runtime.deliver_pending(now=at(2.0)) == 2
    for channel in ("C0A", "C0B"):
        assert [m.text.split(": ")[-1] for m in fake_slack.posts(channel)] == [
            "Story number 0 (Test Wire)", "Story number 1 (Test Wire)",
            "Story number 2 (Test Wire)"]


def test_429_retry_after_is_honoured(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(1, status=429, retry_after=3)
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(2.9)) == 0
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1, "waited as told"
    assert runtime.deliver_pending(now=at(3)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1


def test_a_429_on_opening_direct_messages_holds_that_method_not_one_person(
        runtime, fake_slack, fresh_db, topic, at):
    """Slack paces conversations.open per method (its tiers), not per conversation: after its
    429, nobody's direct messages are opened before its Retry-After, while a channel's post
    goes on. Before: only the first person waited; the next two were opened at once."""
    for person in ("U0ED", "U0FI", "U0GU"):
        follow(fresh_db, topic, person, kind="user")
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"conversations.open"})
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(2.9)) == 0
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) == 1, "waited as told"
    assert [m.channel for m in fake_slack.posts()] == ["C0DESK"]
    assert runtime.deliver_pending(now=at(3)) == 3
    assert sorted(m.channel for m in fake_slack.posts()) == ["C0DESK", "D0ED", "D0FI", "D0GU"]


def test_a_retry_after_of_days_pauses_posting_five_minutes_at_most(runtime, fake_slack,
                                                                    fresh_db, topic, at):
    """Nothing from outside is trusted, not even a 429's Retry-After: a huge one (a proxy's, a
    fault's) would silence every channel until a restart."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(1, status=429, retry_after=10 ** 9)
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(LONGEST_WAIT - 1)) == 0
    assert runtime.deliver_pending(now=at(LONGEST_WAIT)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1


@pytest.mark.parametrize(("written", "seconds"), [
    ("30", 30.0), ("nan", 1.0), ("inf", 1.0), ("-5", 1.0), ("0", 1.0), ("soon", 1.0), ("", 1.0),
    ("Sat, 05 Dec 2026 05:02:00 GMT", 120.0), ("Sat, 05 Dec 2026 04:02:00 GMT", 1.0),
    ("Sat, 05 Dec 2026 05:02:00", 1.0), ("Sun, 06 Dec 2026 05:00:00 GMT", LONGEST_WAIT)])
def test_a_retry_after_slack_would_never_send_is_read_safely(written, seconds):
    """Seconds, or an HTTP date from the answer's Date (RFC 9110 allows both; a proxy's 429
    may give a date); at least a second, at most LONGEST_WAIT."""
    assert retry_after({"retry-after": written, "Date": "Sat, 05 Dec 2026 05:00:00 GMT"}) == \
        seconds


def test_a_retry_after_of_zero_holds_the_channel_a_second(runtime, fake_slack, fresh_db, topic, at):
    """Slack keeps answering a channel's posts 429 with ``Retry-After: 0`` (a proxy's, or a
    fault's: Slack's smallest is 1). Before: the channel was asked again at every pass of the
    sender, four a second (13 posts tried in 3 s here). Now once a second, as with no
    Retry-After at all; posted once Slack takes it."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(12, status=429, retry_after=0, methods={"chat.postMessage"})
    for quarter in range(13):
        runtime.deliver_pending(now=at(quarter / 4))
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 4
    for second in range(4, 14):
        runtime.deliver_pending(now=at(second))
    assert len(fake_slack.posts("C0DESK")) == 1


def test_a_retry_after_given_as_a_date_holds_the_channel_until_then(runtime, fake_slack,
                                                                   fresh_db, topic, at):
    """A 429 whose Retry-After is an HTTP date two minutes after the answer's Date (as a proxy
    in front of Slack may write it). Before: unreadable as seconds, so read as 1 s: asked again
    at once. Now the channel waits until that date."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(1, status=429, retry_after=format_datetime(
        datetime.now(UTC) + timedelta(seconds=122), usegmt=True))
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(60)) == 0
    assert runtime.deliver_pending(now=at(125)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1


def test_5xx_backs_off_and_posts_once(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(2, status=500)
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(0.5)) == 0
    assert runtime.deliver_pending(now=at(1)) == 0, "second failure: the history lookup"
    assert len(fake_slack.calls) == 3
    assert runtime.deliver_pending(now=at(2)) == 0, "backoff doubles"
    assert runtime.deliver_pending(now=at(3)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1
    assert fresh_db["alerts"].get(1)["status"] == "sent"


def test_permanent_error_fails_that_alert_only(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "")
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=at(0)) == 1
    rows = {r["channel"]: r for r in fresh_db["alerts"].rows}
    assert rows[""]["status"] == "failed" and rows[""]["last_error"] == "channel_not_found"
    assert rows["C0DESK"]["status"] == "sent"


def test_restart_after_posting_but_before_recording_posts_nothing_twice(
        slack_settings, fake_slack, fresh_db, topic):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    with transaction(fresh_db):
        mark_sending(fresh_db, 1, channel="C0DESK")
    posted = fake_slack.add_message("C0DESK", metadata={
        "event_type": "wirewatch_alert", "event_payload": {"alert_id": 1, "story_id": 1}})
    restarted = SlackRuntime(slack_settings)
    assert restarted.deliver_pending() == 1
    assert fake_slack.calls_to("chat.postMessage") == []
    row = fresh_db["alerts"].get(1)
    assert row["status"] == "sent" and row["ts"] == posted.ts


def test_restart_after_marking_but_before_posting_posts_once(
        slack_settings, fake_slack, fresh_db, topic):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    with transaction(fresh_db):
        mark_sending(fresh_db, 1, channel="C0DESK")
    fake_slack.add_message("C0DESK", metadata={
        "event_type": "wirewatch_alert", "event_payload": {"alert_id": 99, "story_id": 5}})
    restarted = SlackRuntime(slack_settings)
    assert restarted.deliver_pending() == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert restarted.deliver_pending() == 0


def test_an_alert_waiting_on_a_held_method_during_an_outage_does_not_end_it(
        runtime, fake_slack, fresh_db, topic, at):
    """The one alert that asks for all during an outage, held back with no call made (its
    person's direct messages wait on conversations.open's Retry-After), tells nothing of Slack:
    the outage goes on (it ended, "answers again", though no call had been answered)."""
    follow(fresh_db, topic, "U0ED", kind="user")
    new_story(fresh_db, topic)
    fake_slack.go_down()
    runtime.pacer.rate_limited(30, at(0), method="conversations.open")
    runtime.identity.lost("Slack answered 503", now=at(0))
    assert runtime.deliver_pending(now=at(1)) == 0
    assert runtime.identity.down(), "no call was answered"
    assert fake_slack.calls_to("conversations.open", ok_only=False) == []


def test_a_429_on_a_lookup_holds_every_channels_lookups_not_their_posts(
        slack_settings, fake_slack, fresh_db, topic, at):
    """conversations.history is paced per method: after its 429, no other channel's alert in
    flight is looked for before its Retry-After; an alert needing no lookup is posted. Before:
    the second channel's lookup was asked at once."""
    for channel in ("C0A", "C0B", "C0C"):
        follow(fresh_db, topic, channel)
    new_story(fresh_db, topic)
    with transaction(fresh_db):
        for alert_id, channel in ((1, "C0A"), (2, "C0B")):
            mark_sending(fresh_db, alert_id, channel=channel)
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"conversations.history"})
    restarted = SlackRuntime(slack_settings)
    assert restarted.deliver_pending(now=at(0)) == 1
    assert restarted.deliver_pending(now=at(2.9)) == 0
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 1
    assert restarted.deliver_pending(now=at(3)) == 2
    assert sorted(m.channel for m in fake_slack.posts()) == ["C0A", "C0B", "C0C"]


def test_mute_stops_updates_and_show_quotes_answers(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic, quotes=(("The cranes stay idle", "Ada Brandt"),))
    assert runtime.deliver_pending(now=at(0)) == 1
    url = events_url(runtime)
    reply = post_signed(url, action_body(QUOTES, str(story_id), channel="C0DESK",
                                         response_url=fake_slack.response_url("q")))
    assert reply.status == 200
    quotes = wait_for(lambda: fake_slack.responses())[0]
    assert "The cranes stay idle" in quotes["text"] and "Ada Brandt" in quotes["text"]
    assert quotes["text"].startswith("*Quotes in* _Dockworkers walk out_")
    post_signed(url, action_body(MUTE, str(story_id), channel="C0DESK",
                                 response_url=fake_slack.response_url("m")))
    muted = wait_for(lambda: fake_slack.responses()[1:])[0]
    assert "Muted *Dockworkers walk out*" in muted["text"]
    update(fresh_db, topic, story_id, "Union rejects the offer")
    assert runtime.deliver_pending(now=at(5)) == 0
    assert len(fake_slack.posts("C0DESK")) == 1
    assert fresh_db["alerts"].get(2)["status"] == "muted"


def test_an_alert_whose_article_is_gone_fails_alone(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic, title="First story")
    new_story(fresh_db, topic, title="Second story")
    with transaction(fresh_db):
        fresh_db.execute("UPDATE alerts SET article_id = 999999 WHERE id = 1")
    assert runtime.deliver_pending(now=at(0)) == 0
    assert runtime.deliver_pending(now=at(1)) == 1
    assert fresh_db["alerts"].get(1)["status"] == "failed"
    assert [m.text.split(": ")[-1] for m in fake_slack.posts("C0DESK")] == [
        "Second story (Test Wire)"]


def test_a_429_on_the_look_for_another_wirewatch_holds_the_senders_lookups(
        runtime, fake_slack, fresh_db, topic, at):
    """The periodic look for another wirewatch (conversations.history) answered 429: an alert
    in flight is not looked for before its Retry-After; a post needing no lookup goes on.
    Before: the sender's lookup asked again at once, inside the wait Slack gave the method."""
    follow(fresh_db, topic, "C0A")
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=at(0)) == 1
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"conversations.history"})
    runtime.check_instances(now=at(1))
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 1
    follow(fresh_db, topic, "C0B")
    new_story(fresh_db, topic, title="Harbour talks resume")
    with transaction(fresh_db):
        mark_sending(fresh_db, 3, channel="C0B")
    assert runtime.deliver_pending(now=at(30)) == 1
    assert [m.channel for m in fake_slack.posts()] == ["C0A", "C0A"]
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 1
    assert runtime.deliver_pending(now=at(31)) == 1
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 2


def test_a_429_on_a_lookup_holds_the_look_for_another_wirewatch(slack_settings, fake_slack,
                                                                  fresh_db, topic, at):
    """The sender's lookup answered 429: the look for another wirewatch waits out its
    Retry-After too (one call after it, none before)."""
    follow(fresh_db, topic, "C0A")
    new_story(fresh_db, topic)
    with transaction(fresh_db):
        mark_sending(fresh_db, 1, channel="C0A")
    runtime = SlackRuntime(slack_settings)
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"conversations.history"})
    assert runtime.deliver_pending(now=at(0)) == 0
    runtime.instances.posted("C0A", at(0))
    runtime.check_instances(now=at(29))
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 1
    runtime.check_instances(now=at(31))
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 2
