"""Delivery faults Slack really produces: dropped connections, channels the bot has not joined."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.state import install_id
from storage.subscriptions import subscribe
from tests.slack.test_slack_sender import follow, new_story, update
from tests.slack.world import add_article, add_story


def alert_ids(fake, channel: str) -> list[int]:
    return [m.metadata["event_payload"]["alert_id"] for m in fake.posts(channel)]


def deliver_all(runtime, at: Callable[[float], datetime], *, start: float = 0,
                passes: int = 40) -> None:
    for n in range(passes):
        runtime.deliver_pending(now=at(start + n * 400))


def test_dropped_connection_after_the_post_is_not_posted_twice(runtime, fake_slack, fresh_db,
                                                               topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    deliver_all(runtime, at)
    assert len(alert_ids(fake_slack, "C0DESK")) == 1
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


def test_5xx_in_a_public_channel_the_bot_has_not_joined_still_posts_once(
        runtime, fake_slack, fresh_db, topic, at):
    fake_slack.add_channel("C0PUB", member=False)
    follow(fresh_db, topic, "C0PUB")
    story_id, _ = new_story(fresh_db, topic)
    update(fresh_db, topic, story_id, "Talks resume")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    deliver_all(runtime, at)
    assert sorted(alert_ids(fake_slack, "C0PUB")) == [1, 2]
    statuses = [r[0] for r in fresh_db.execute("SELECT status FROM alerts ORDER BY id")]
    assert statuses == ["sent", "sent"]


def test_drop_in_a_public_channel_the_bot_has_not_joined_posts_once(
        runtime, fake_slack, fresh_db, topic, at):
    fake_slack.add_channel("C0PUB", member=False)
    follow(fresh_db, topic, "C0PUB")
    story_id, _ = new_story(fresh_db, topic)
    update(fresh_db, topic, story_id, "Talks resume")
    fake_slack.drop_next(2, methods={"chat.postMessage"})
    deliver_all(runtime, at)
    assert sorted(alert_ids(fake_slack, "C0PUB")) == [1, 2]
    first, second = fake_slack.posts("C0PUB")
    assert second.thread_ts == first.ts


def test_a_lookup_that_keeps_failing_keeps_the_alert(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    runtime.deliver_pending(now=at(0))
    fake_slack.fail_next(3, status=500, methods={"conversations.history"})
    deliver_all(runtime, at, start=10)
    assert len(alert_ids(fake_slack, "C0DESK")) == 1
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


def test_digest_after_a_5xx_or_a_drop_in_an_unjoined_channel_goes_out_once(
        runtime, fake_slack, fresh_db, topic):
    fake_slack.add_channel("C0PUB", member=False)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0PUB",
                  mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    article_id = add_article(fresh_db, title="Dockworkers walk out")
    add_story(fresh_db, article_id=article_id, title="Dockworkers walk out", topic_ids=(topic,),
              at="2026-11-24T05:20:00+00:00")
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    for minute in range(4):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    assert len(fake_slack.posts("C0PUB")) == 1
    assert fake_slack.channel("C0PUB").bot_in, "joined to read its history"


def _two_digests_due(db, topic_id: int) -> None:
    with transaction(db):
        other = add_topic(db, name="Harbour", query="harbour")
        for tid in (topic_id, other):
            subscribe(db, topic_id=tid, target_type="channel", target_id="C0DIG",
                      mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    for tid, title in ((topic_id, "Dockworkers walk out"), (other, "Harbour closes")):
        article_id = add_article(db, title=title)
        add_story(db, article_id=article_id, title=title, topic_ids=(tid,),
                  at="2026-11-24T05:20:00+00:00")


def test_digests_are_paced_like_alerts(runtime, fake_slack, fresh_db, topic):
    _two_digests_due(fresh_db, topic)
    six = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    assert runtime.send_due_digests(now=six) == 1, "one message a second per channel"
    assert runtime.send_due_digests(now=six + timedelta(seconds=0.5)) == 0
    assert runtime.send_due_digests(now=six + timedelta(seconds=1)) == 1
    assert len(fake_slack.posts("C0DIG")) == 2


def test_digests_honour_retry_after(runtime, fake_slack, fresh_db, topic):
    _two_digests_due(fresh_db, topic)
    six = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    fake_slack.fail_next(1, status=429, retry_after=30, methods={"chat.postMessage"})
    assert runtime.send_due_digests(now=six) == 0
    for seconds in (1, 10, 29):
        assert runtime.send_due_digests(now=six + timedelta(seconds=seconds)) == 0
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1, "waited"
    assert runtime.send_due_digests(now=six + timedelta(seconds=30)) == 1
    assert runtime.send_due_digests(now=six + timedelta(seconds=31)) == 1
    assert len(fake_slack.posts("C0DIG")) == 2


@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_a_post_made_while_the_clock_ran_an_hour_fast_is_found_not_posted_twice(
        runtime, fake_slack, fresh_db, topic, kind, at):
    """The machine's clock was an hour fast when the alert was queued (or the digest's period
    closed) and was set right as the post's answer was lost: Slack stamped the post by its
    own clock, an hour before the time wirewatch looks back to."""
    fast = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    follow(fresh_db, topic, "C0DESK")
    if kind == "alert":
        new_story(fresh_db, topic)
        with transaction(fresh_db):
            fresh_db.execute("UPDATE alerts SET created_at = ?", [fast.isoformat()])
        fake_slack.drop_next(1, methods={"chat.postMessage"})
        deliver_all(runtime, at)
        assert len(alert_ids(fake_slack, "C0DESK")) == 1
        return
    hour = fast.replace(minute=0)  # the digest's period ends at the top of the (fast) hour
    with transaction(fresh_db):
        fresh_db.execute("UPDATE subscriptions SET mode = 'hourly', last_digest_at = ?",
                         [(hour - timedelta(hours=1)).isoformat()])
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,),
              at=(hour - timedelta(minutes=30)).isoformat())
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    for minute in range(5):
        runtime.send_due_digests(now=fast + timedelta(minutes=minute))
    assert len(fake_slack.posts("C0DESK")) == 1


def test_a_post_of_an_earlier_database_is_not_taken_for_this_ones(runtime, fake_slack, fresh_db,
                                                                 topic, at):
    """The desk started again on a new database this morning: its alert ids start at 1 again,
    and the channel still shows the old database's alert 1."""
    fake_slack.add_message("C0DESK", metadata={"event_type": "wirewatch_alert", "event_payload": {
        "alert_id": 1, "story_id": 1, "install": "an-earlier-database"}})
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})  # so it looks first
    deliver_all(runtime, at)
    old, new = fake_slack.posts("C0DESK")
    assert new.metadata["event_payload"]["install"] == install_id(fresh_db) != "", "posted"


def test_after_the_clock_steps_back_an_hour_alerts_go_on_at_once(runtime, fake_slack, fresh_db,
                                                                 topic, at):
    """Waits set on the old time (Slack's pace of a message a second, a 429's pause, an
    alert's retry) must not last the hour the clock went back."""
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=at(0)) == 1  # the channel's next post not before at(1)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    fake_slack.fail_next(1, status=429, retry_after=2, methods={"chat.postMessage"})
    assert runtime.deliver_pending(now=at(1)) == 0  # paused to at(3); the update retries then
    back = [runtime.deliver_pending(now=at(-3600 + n)) for n in range(5)]  # the clock steps back
    assert sum(back) == 1, back
    assert len(fake_slack.posts("C0DESK")) == 2


def test_a_digest_in_flight_across_the_next_hour_is_not_posted_again_in_a_longer_one(
        runtime, fake_slack, fresh_db, topic):
    """Slack took the 06:00 digest but its answer was lost, and wirewatch was stopped (or
    Slack down) until after 07:00: the digest in flight is looked for, and found, before the
    hour since then goes out in a digest of its own; nothing is listed twice."""
    _hourly_digest_in_flight(runtime, fake_slack, fresh_db, topic)
    for second in range(30, 34):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 7, 0, second, tzinfo=UTC))
    first, second = fake_slack.posts("C0DIG")
    assert "walk out" in first.text + str(first.blocks) and "vote" not in str(first.blocks)
    assert "vote" in str(second.blocks) and "walk out" not in str(second.blocks)


def test_a_subscription_made_daily_while_its_hourly_digest_was_in_flight_gets_its_digest(
        runtime, fake_slack, fresh_db, topic):
    """The digest in flight belongs to the hourly mode the desk left: the daily one starts
    afresh from the change, as before, and is not held to the old period's end. The vote is
    stored after the change (a story stored before it is the hourly mode's: desk54b)."""
    _hourly_digest_in_flight(runtime, fake_slack, fresh_db, topic, vote=False)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="daily", created_by="U1", at="2026-11-24T06:10:00+00:00")
    _vote(fresh_db, topic)
    assert runtime.send_due_digests(now=datetime(2026, 11, 25, 8, 0, 30, tzinfo=UTC)) == 1
    assert "vote" in str(fake_slack.posts("C0DIG")[-1].blocks)


def _hourly_digest_in_flight(runtime, fake_slack, fresh_db, topic: int, *,
                             vote: bool = True) -> None:
    """C0DIG's 06:00 hourly digest reached Slack, its answer lost; a story came at 06:30
    (``vote``: stored now)."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    if vote:
        _vote(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert runtime.send_due_digests(now=datetime(2026, 11, 24, 6, 0, 30, tzinfo=UTC)) == 0


def _vote(db, topic: int) -> None:
    add_story(db, article_id=add_article(db, title="Dockworkers vote"), title="Dockworkers vote",
              topic_ids=(topic,), at="2026-11-24T06:30:00+00:00")


@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_slack_saying_rate_limited_in_its_answer_holds_posting_and_loses_nothing(
        runtime, fake_slack, fresh_db, topic, kind, at):
    """Slack's `chat.postMessage` may answer 200 with `rate_limited` (the app posted too many
    messages): a pause, not a refusal of the message; it goes once Slack takes posts again."""
    _one_story_for(fresh_db, topic, kind)
    fake_slack.refuse_next(3, error="rate_limited", blocks_only=False)
    _send_for(runtime, kind, range(0, 60, 2), at=at)
    assert len(fake_slack.posts("C0DESK")) == 1
    if kind == "alert":
        assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


@pytest.mark.parametrize("forwarded", [True, False], ids=["posted", "kept"])
def test_an_answer_that_is_not_slacks_leaves_the_alert_to_be_looked_for(
        runtime, fake_slack, fresh_db, topic, forwarded, at):
    """A proxy between wirewatch and Slack answers a post with its own page (HTTP 200, HTML:
    a sign-in page, an error page), having passed the post on or not: nobody knows whether
    Slack has it, as when the connection drops. Twice running, as a proxy's page lasts."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.garble_next(2, methods={"chat.postMessage"}, forwarded=forwarded)
    deliver_all(runtime, at)
    assert alert_ids(fake_slack, "C0DESK") == [1]
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


@pytest.mark.parametrize("forwarded", [True, False], ids=["posted", "kept"])
def test_a_digest_answered_by_a_proxy_page_is_looked_for_and_posted_once(
        runtime, fake_slack, fresh_db, topic, forwarded):
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.garble_next(2, methods={"chat.postMessage"}, forwarded=forwarded)
    for minute in range(4):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    [digest] = fake_slack.posts("C0DIG")
    assert digest.blocks and "walk out" in str(digest.blocks)


@pytest.mark.parametrize("code", ["team_added_to_org", "org_login_required"])
@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_a_workspace_moving_into_an_enterprise_org_holds_posting_and_loses_nothing(
        runtime, fake_slack, fresh_db, topic, kind, code, at):
    """While Slack moves the workspace into an Enterprise organisation, its Web API answers
    `team_added_to_org` (or `org_login_required`) for a while: not a refusal of the message."""
    _posted_once_after_a_workspace_pause(runtime, fake_slack, fresh_db, topic, kind, code, at=at)


@pytest.mark.parametrize("code", ["ekm_access_denied", "accesslimited"])
@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_posting_suspended_for_the_workspace_holds_posting_and_loses_nothing(
        runtime, fake_slack, fresh_db, topic, kind, code, at):
    """Slack answers `ekm_access_denied` (an admin suspended posting: the workspace's keys
    revoked) or `accesslimited` (the workspace limits API calls to networks this host is not
    on) to every post, whatever its channel or message: a pause, not a refusal of this one."""
    _posted_once_after_a_workspace_pause(runtime, fake_slack, fresh_db, topic, kind, code, at=at)


@pytest.mark.parametrize("code", ["missing_scope", "not_allowed_token_type",
                                  "team_access_not_granted"])
@pytest.mark.parametrize("kind", ["alert", "digest"])
def test_a_post_no_post_could_get_past_is_held_not_failed(runtime, fake_slack, fresh_db, topic,
                                                          kind, code, at):
    """Slack answers every post `missing_scope` (the app reinstalled without chat:write),
    `not_allowed_token_type` or `team_access_not_granted` (an organisation's app not yet
    granted this workspace) until an admin acts: each alert and digest was failed, one after
    another, the whole outbox lost; now held, as a suspended workspace holds them."""
    _posted_once_after_a_workspace_pause(runtime, fake_slack, fresh_db, topic, kind, code, at=at)


def _posted_once_after_a_workspace_pause(runtime, fake_slack, fresh_db, topic: int, kind: str,
                                         code: str, at) -> None:
    """Slack answers ``code`` to the first four posts: each is a minute's pause for the
    workspace, not a refusal; the alert or digest goes once, after them."""
    _one_story_for(fresh_db, topic, kind)
    fake_slack.refuse_next(4, error=code, blocks_only=False)
    _send_for(runtime, kind, range(0, 600, 20), at=at)
    assert len(fake_slack.posts("C0DESK")) == 1
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 5, "paused between"
    if kind == "alert":
        assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


def _one_story_for(db, topic: int, kind: str) -> None:
    """C0DESK follows the topic as it happens (``alert``) or hourly (``digest``), and a story
    waits for it: an alert, or the 06:00 digest."""
    with transaction(db):
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime" if kind == "alert" else "hourly", created_by="U1",
                  at="2026-11-24T05:00:00+00:00")
    if kind == "alert":
        new_story(db, topic)
        return
    add_story(db, article_id=add_article(db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")


def _send_for(runtime, kind: str, seconds: range, at) -> None:
    """Delivery (or the digests, from 06:00) passes at these seconds of the test's clock."""
    six = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    for second in seconds:
        if kind == "alert":
            runtime.deliver_pending(now=at(second))
        else:
            runtime.send_due_digests(now=six + timedelta(seconds=second))


@pytest.mark.parametrize("digest", [False, True])
def test_a_join_slack_holds_back_leaves_the_post_in_flight_and_posts_it_once(
        runtime, fake_slack, fresh_db, topic, digest, at):
    """The post reached Slack but its answer was lost, in a public channel the bot may post in
    but has not joined; its lookup must join first, and Slack answers that join ``429``: the
    question stays open (never "not posted"), asked again after the wait, and the post found."""
    fake_slack.add_channel("C0PUB", member=False)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0PUB",
                  mode="hourly" if digest else "realtime", created_by="U1",
                  at="2026-11-24T05:00:00+00:00")
    article_id = add_article(fresh_db, title="Dockworkers walk out")
    story_id = add_story(fresh_db, article_id=article_id, title="Dockworkers walk out",
                         topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    if not digest:
        with transaction(fresh_db):
            enqueue_alerts(fresh_db, Verdict(story_id, VerdictKind.NEW), article_id, [topic])
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    fake_slack.fail_next(2, status=429, retry_after=5, methods={"conversations.join"})
    for n in range(20):
        if digest:
            runtime.send_due_digests(now=datetime(2026, 11, 24, 6, n, tzinfo=UTC))
        else:
            runtime.deliver_pending(now=at(n * 30))
    assert len(fake_slack.posts("C0PUB")) == 1
    assert len(fake_slack.calls_to("conversations.join", ok_only=False)) == 3
    assert fake_slack.channel("C0PUB").bot_in
