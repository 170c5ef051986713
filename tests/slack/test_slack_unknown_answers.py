"""Slack's answers wirewatch does not know: retried, never taken for a refusal of the message
(seventh delivery pass). Slack adds error codes; a transient one must not fail alerts for good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.calls import REQUEST_REFUSED
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import events_url, open_home, run_command, started, wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled
from tests.slack.test_slack_sender import new_story, update
from tests.slack.world import add_article, add_story

NEW_CODE = "brand_new_error"
"""A code Slack might add tomorrow: nothing in wirewatch lists it."""


def _follow(db, topic: int, target: str, mode: str) -> None:
    with transaction(db):
        subscribe(db, topic_id=topic, target_type="user" if target.startswith("U") else "channel",
                  target_id=target, mode=mode, created_by="U1", at="2026-11-24T05:00:00+00:00")


def _statuses(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT status FROM alerts ORDER BY id")]


@pytest.mark.parametrize("target", ["C0DESK", "U0ED"], ids=["channel", "direct"])
def test_an_alert_slack_answers_with_a_code_nobody_knows_is_retried_not_failed(
        runtime, fake_slack, fresh_db, topic, target, t0):
    """Slack answers the first two posts 200, ok false, with a code wirewatch does not know.
    Before: read as a refusal of the message, plain text tried, then the alert failed for good
    in one pass. Now a retry with backoff, as a 5xx is (looked for first: Slack did not say it
    did nothing): posted once, with its blocks."""
    _follow(fresh_db, topic, target, "realtime")
    new_story(fresh_db, topic)
    fake_slack.refuse_next(2, error=NEW_CODE, blocks_only=False)
    for second in range(0, 60, 2):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    [posted] = fake_slack.posts()
    assert posted.blocks, "the message itself was never at fault"
    assert _statuses(fresh_db) == ["sent"]


def test_a_thread_reply_slack_answers_with_a_code_nobody_knows_goes_in_its_thread(
        runtime, fake_slack, fresh_db, topic, t0):
    _follow(fresh_db, topic, "C0DESK", "realtime")
    story_id, _ = new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 1
    update(fresh_db, topic, story_id, "Talks resume")
    fake_slack.refuse_next(2, error=NEW_CODE, blocks_only=False)
    for second in range(2, 60, 2):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    first, reply = fake_slack.posts("C0DESK")
    assert reply.thread_ts == first.ts and reply.blocks
    assert _statuses(fresh_db) == ["sent", "sent"]


@pytest.mark.parametrize("target", ["C0DESK", "U0ED"], ids=["channel", "direct"])
def test_a_digest_slack_answers_with_a_code_nobody_knows_is_retried_not_skipped(
        runtime, fake_slack, fresh_db, topic, target):
    """Before: blocks refused, plain text refused, the period's digest skipped for good."""
    _follow(fresh_db, topic, target, "hourly")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.refuse_next(2, error=NEW_CODE, blocks_only=False)
    for minute in range(6):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    [digest] = fake_slack.posts()
    assert digest.blocks and "walk out" in str(digest.blocks)


def test_a_code_that_says_the_message_is_wrong_still_goes_as_plain_text_at_once(
        runtime, fake_slack, fresh_db, topic, t0):
    """A guard: Slack's documented refusals of the request itself stay final for the blocks."""
    assert {"invalid_blocks", "msg_too_long", "msg_blocks_too_long"} <= REQUEST_REFUSED
    _follow(fresh_db, topic, "C0DESK", "realtime")
    new_story(fresh_db, topic)
    fake_slack.refuse_next(1, error="invalid_blocks")
    assert runtime.deliver_pending(now=t0) == 1
    [posted] = fake_slack.posts("C0DESK")
    assert not posted.blocks and "walk out" in posted.text


def test_a_direct_digest_refused_as_blocks_goes_as_plain_text_without_reading_history(
        runtime, fake_slack, fresh_db, topic):
    """A person's hourly digest; Slack refuses its blocks (invalid_blocks); the token lacks
    im:history (an app installed from an older manifest). Before: the plain-text try first
    looked for the refused post in the direct messages, Slack refused the read, and every pass
    after did the same: that digest and every later one of the subscription never came. The
    look is needless (Slack refused the post; the pass had looked already when anything was
    in flight): now the plain text goes at once, history never read."""
    fake_slack.refuse_method("conversations.history", "missing_scope")
    _follow(fresh_db, topic, "U0ED", "hourly")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.refuse_next(1, error="invalid_blocks")
    for minute in range(4):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    [digest] = fake_slack.posts()
    assert not digest.blocks and "walk out" in digest.text
    assert fake_slack.calls_to("conversations.history", ok_only=False) == []


@pytest.mark.parametrize("code", ["internal_error", NEW_CODE])
def test_app_home_slack_answers_with_a_passing_error_is_published_again(runtime, fake_slack,
                                                                         code):
    """views.publish answered 200, ok false, `internal_error` (Slack's documented passing
    fault) or a code nobody knows. Before: logged, the Home left stale until the next change
    (only a 429, a 5xx or a dropped connection was made again). Now published again two
    seconds on, as after a 5xx (publishing a view twice shows nothing twice)."""
    fake_slack.refuse_method("views.publish", code, count=1)
    open_home(runtime, "U0ED")
    wait_for(lambda: "U0ED" in fake_slack.views)
    assert len(fake_slack.calls_to("views.publish", ok_only=False)) == 2


def test_a_pause_told_by_direct_message_answered_with_a_code_nobody_knows_is_told_once(
        runtime, fake_slack, fresh_db, topic):
    """The channel is archived; Slack answers the direct message telling its subscriber with a
    code nobody knows. Before: logged as not said, settled, the person never told. Now looked
    for (Slack did not say it did nothing) and said once."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    fake_slack.refuse_next(1, error=NEW_CODE, blocks_only=False)
    post_signed(events_url(runtime), event_body(
        {"type": "channel_archive", "channel": "C0DESK", "user": "U1"}),
        content_type="application/json")
    [told] = wait_for(lambda: fake_slack.posts("D0ED"))
    assert "Port strike" in told.text
    sayings_settled(fresh_db)
    assert len(fake_slack.posts("D0ED")) == 1


def test_a_direct_digest_that_cannot_be_looked_for_is_skipped_and_the_next_ones_come(
        runtime, fake_slack, fresh_db, topic):
    """A person's hourly digest whose answer is lost (the connection dropped after Slack made
    it); the token lacks im:history, so Slack refuses every look for it. Before: each pass
    looked again, was refused and posted nothing, for ever; that period stayed open, and every
    later digest of the subscription waited behind it (none came). Now, as an alert is after
    ten refused lookups, the period is skipped loudly, not posted again (it may have gone out:
    here it had), and the next period's digest comes."""
    fake_slack.refuse_method("conversations.history", "missing_scope")
    _follow(fresh_db, topic, "U0ED", "hourly")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    for minute in range(30):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers return"),
              title="Dockworkers return", topic_ids=(topic,), at="2026-11-24T06:40:00+00:00")
    for minute in range(3):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 7, minute, tzinfo=UTC))
    first, second = fake_slack.posts("D0ED")
    assert "walk out" in str(first.blocks) and "return" in str(second.blocks)
    assert "walk out" not in str(second.blocks)


@pytest.mark.parametrize("code", ["missing_scope", NEW_CODE])
def test_a_persons_alert_whose_direct_messages_slack_will_not_open_yet_is_held_not_failed(
        runtime, fake_slack, fresh_db, topic, code, t0):
    """Slack answers conversations.open `missing_scope` (the token lacks im:write: an app
    installed from an older manifest, reinstalled a few minutes later) or a code nobody knows,
    three times. Before: the alert failed for good at the first (nothing had been posted).
    Now held, as a refused post is (a minute for that person; at once again for a code nobody
    knows, with the backoff), and posted once Slack opens the conversation."""
    _follow(fresh_db, topic, "U0ED", "realtime")
    new_story(fresh_db, topic)
    fake_slack.refuse_method("conversations.open", code, count=3)
    for second in range(0, 400, 20):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    assert len(fake_slack.posts("D0ED")) == 1
    assert _statuses(fresh_db) == ["sent"]


def test_a_persons_digest_whose_direct_messages_slack_will_not_open_yet_comes_later(
        runtime, fake_slack, fresh_db, topic):
    """The same for a person's hourly digest. Before: the period's digest skipped for good."""
    _follow(fresh_db, topic, "U0ED", "hourly")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.refuse_method("conversations.open", "missing_scope", count=2)
    for minute in range(5):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    [digest] = fake_slack.posts("D0ED")
    assert "walk out" in str(digest.blocks)


def test_a_persons_direct_messages_slack_keeps_answering_with_a_code_nobody_knows_back_off(
        runtime, fake_slack, fresh_db, topic, t0):
    """Slack answers every conversations.open for U0ED with a code nobody knows, for ten
    minutes, the sender passing every two seconds. Before: nothing was counted (no post was
    tried), so the alert was asked again at every pass (300 opens). Now each answer counts
    among the alert's tries, as a post's does, so it backs off to the 5-minute cap and is shown
    held; posted once Slack opens the conversation."""
    _follow(fresh_db, topic, "U0ED", "realtime")
    new_story(fresh_db, topic)
    fake_slack.refuse_method("conversations.open", NEW_CODE)
    for second in range(0, 600, 2):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    assert len(fake_slack.calls_to("conversations.open", ok_only=False)) <= 12
    said = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert f"alert 1 to <@U0ED>, held since <!date^{int(t0.timestamp())}^" in said and \
        NEW_CODE in said, said
    fake_slack.refused_methods.clear()
    runtime.deliver_pending(now=t0 + timedelta(seconds=1200))
    assert len(fake_slack.posts("D0ED")) == 1
    assert _statuses(fresh_db) == ["sent"]


def test_a_persons_digest_whose_direct_messages_slack_keeps_refusing_backs_off_after_restarts(
        runtime, fake_slack, fresh_db, topic, slack_settings):
    """Slack answers every conversations.open for U0ED with a code nobody knows for an hour,
    the digests passing every minute, the bot restarted half way. Before: the digest was asked
    again at every pass (60 opens). Now each answer counts among the digest's tries, kept in
    the database: it backs off as a held alert does (to the 5-minute cap, across the restart),
    `/wirewatch status` says when it is tried next, and it goes once Slack opens the
    conversation."""
    _follow(fresh_db, topic, "U0ED", "hourly")
    add_story(fresh_db, article_id=add_article(fresh_db, title="Dockworkers walk out"),
              title="Dockworkers walk out", topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    fake_slack.refuse_method("conversations.open", NEW_CODE)
    first = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    for minute in range(30):
        runtime.send_due_digests(now=first + timedelta(minutes=minute))
    runtime.stop()
    with started(slack_settings) as again:
        for minute in range(30, 60):
            again.send_due_digests(now=first + timedelta(minutes=minute))
        opens = len(fake_slack.calls_to("conversations.open", ok_only=False))
        assert opens <= 20, opens
        said = run_command(again, fake_slack, "/wirewatch", "status")["text"]
        assert f"    *Port strike* to <@U0ED>, held since <!date^{int(first.timestamp())}^" \
            in said and ", next try <!date^" in said and f": `{NEW_CODE}`" in said, said
        assert "each is tried again every few minutes while it lasts" in said, said
        fake_slack.refused_methods.clear()
        again.send_due_digests(now=first + timedelta(minutes=66))
        [digest] = fake_slack.posts("D0ED")
        assert "walk out" in str(digest.blocks)
        assert "Digests held" not in run_command(again, fake_slack, "/wirewatch", "status")["text"]
