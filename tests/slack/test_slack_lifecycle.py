"""Channels and tokens Slack stops accepting: delivery pauses, says why, and resumes."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.slack.delivery_status import paused_home_section
from storage.db import transaction
from storage.quote_subscriptions import paused_quote_subscriptions
from storage.subscriptions import paused_subscriptions, subscribe
from tests.fakes.signing import event_body, post_signed
from tests.fakes.slack_api import BOT_USER
from tests.slack.conftest import events_url, health_of, open_home, run_command, started, wait_for
from tests.slack.test_slack_app_posts_once import sayings_settled
from tests.slack.test_slack_quote_alerts import FIRST, UPDATE, quote_posts
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story


def send_event(rt, event: dict) -> None:
    reply = post_signed(events_url(rt), event_body(event), content_type="application/json")
    assert reply.status == 200, reply


def dms_to(fake, user: str) -> list[str]:
    return [m.text for m in fake.posts("D" + user[1:])]


def test_revoked_token_stops_the_sender_and_health_says_why(runtime, fake_slack, fresh_db,
                                                            topic, caplog, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    assert health_of(runtime.port)[0] == 200
    checks = len(fake_slack.calls_to("auth.test"))
    fake_slack.revoke_token()
    with caplog.at_level(logging.INFO):
        for n in range(20):
            assert runtime.deliver_pending(now=at(n)) == 0
    status, body = health_of(runtime.port)
    assert status == 503 and "token_revoked" in body["reason"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and "token" in r.message]
    assert len(errors) == 1, "one ERROR line, not one per pass"
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1, "stopped"
    assert len(fake_slack.calls_to("auth.test", ok_only=False)) == checks, "once a minute"
    assert runtime.deliver_pending(now=at(61)) == 0
    assert len(fake_slack.calls_to("auth.test", ok_only=False)) == checks + 1
    fake_slack.restore_token()
    assert runtime.deliver_pending(now=at(125)) == 1
    assert health_of(runtime.port)[0] == 200
    assert len(fake_slack.posts("C0DESK")) == 1
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


@pytest.mark.parametrize("error", ["invalid_auth", "account_inactive"])
def test_other_dead_token_errors_stop_the_sender_too(runtime, fake_slack, fresh_db, topic,
                                                     error, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.revoke_token(error)
    runtime.deliver_pending(now=at(0))
    runtime.deliver_pending(now=at(5))
    assert error in health_of(runtime.port)[1]["reason"]
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1


@pytest.mark.parametrize("event", ["app_uninstalled", "tokens_revoked"])
def test_uninstall_and_revoke_events_stop_the_sender(runtime, fake_slack, fresh_db, topic,
                                                     event, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    payload = {"type": event}
    if event == "tokens_revoked":
        payload["tokens"] = {"bot": [BOT_USER]}
    send_event(runtime, payload)
    wait_for(lambda: health_of(runtime.port)[0] == 503)
    fake_slack.revoke_token()
    assert runtime.deliver_pending(now=at(0)) == 0
    assert fake_slack.calls_to("chat.postMessage", ok_only=False) == []


def test_archived_channel_pauses_its_subscriptions_and_tells_the_subscriber(
        runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic, title="Dockworkers walk out")
    new_story(fresh_db, topic, title="Second port shut")
    fake_slack.channel("C0DESK").archived = True
    for n in range(5):
        runtime.deliver_pending(now=at(n * 10))
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 2, "one try, one DM"
    [dm] = dms_to(fake_slack, "U1")
    assert "archived" in dm and "Port strike" in dm and "<#C0DESK>" in dm
    statuses = {r[0]: r[1] for r in fresh_db.execute("SELECT id, status FROM alerts")}
    assert statuses == {1: "failed", 2: "failed"}
    [paused] = paused_subscriptions(fresh_db)
    assert paused.target_id == "C0DESK" and paused.paused_reason == "is_archived"
    new_story(fresh_db, topic, title="Third port shut")
    assert fresh_db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 2, "none queued"

    fake_slack.channel("C0DESK").archived = False
    send_event(runtime, {"type": "channel_unarchive", "channel": "C0DESK", "user": "U1"})
    wait_for(lambda: any("again" in text for text in dms_to(fake_slack, "U1")))
    assert paused_subscriptions(fresh_db) == []
    new_story(fresh_db, topic, title="Fourth port shut")
    runtime.deliver_pending(now=at(100))
    assert [m.text for m in fake_slack.posts("C0DESK")] != []


def test_deleted_channel_and_removed_bot_pause_until_the_bot_is_back(runtime, fake_slack,
                                                                    fresh_db, topic, at):
    fake_slack.add_channel("C0PRIV", private=True)
    follow(fresh_db, topic, "C0PRIV")
    follow(fresh_db, topic, "C0GONE")
    new_story(fresh_db, topic)
    fake_slack.channel("C0PRIV").members.clear()
    fake_slack.channel("C0GONE").deleted = True
    runtime.deliver_pending(now=at(0))
    reasons = {s.target_id: s.paused_reason for s in paused_subscriptions(fresh_db)}
    assert reasons == {"C0PRIV": "channel_not_found", "C0GONE": "channel_not_found"}
    fake_slack.channel("C0PRIV").members.add(BOT_USER)
    send_event(runtime, {"type": "member_joined_channel", "channel": "C0PRIV",
                         "user": BOT_USER, "channel_type": "G"})
    send_event(runtime, {"type": "member_joined_channel", "channel": "C0GONE",
                         "user": "U0SOMEONE", "channel_type": "C"})
    wait_for(lambda: len(paused_subscriptions(fresh_db)) == 1)
    assert [s.target_id for s in paused_subscriptions(fresh_db)] == ["C0GONE"]


def test_archive_event_pauses_before_any_alert_fails(runtime, fake_slack, fresh_db, topic):
    follow(fresh_db, topic, "C0DESK")
    send_event(runtime, {"type": "channel_archive", "channel": "C0DESK", "user": "U1"})
    [paused] = wait_for(lambda: paused_subscriptions(fresh_db))
    assert paused.paused_reason == "is_archived"
    new_story(fresh_db, topic)
    assert fresh_db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0


RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def resent_unserved(rt, body: str, caplog) -> None:
    """Slack's resend of an event delivered before (its own signature, stamped now: the
    first's was earlier): refused before its answer, so no listener runs for it."""
    caplog.set_level(logging.INFO, logger="bot.slack.replays")
    event = json.loads(body)["event_id"]
    reply = post_signed(events_url(rt), body, content_type="application/json", headers=RETRY)
    assert reply.status == 200, reply
    refused = f"Slack sent event {event} again; it was served once and is not acted on again"
    assert refused in caplog.messages, caplog.messages


def test_an_event_slack_sends_again_tells_nobody_twice(runtime, fake_slack, fresh_db, topic,
                                                       caplog):
    """Slack resends an event it got no quick answer to (X-Slack-Retry-Num, the same event_id):
    pausing and resuming are done once, and each subscriber gets one direct message for each."""
    follow(fresh_db, topic, "C0DESK")
    for told, kind in enumerate(("channel_archive", "channel_unarchive"), start=1):
        body = event_body({"type": kind, "channel": "C0DESK", "user": "U1"})
        reply = post_signed(events_url(runtime), body, content_type="application/json",
                            timestamp=int(time.time()) - 5)
        assert reply.status == 200, reply
        resent_unserved(runtime, body, caplog)
        wait_for(lambda n=told: len(dms_to(fake_slack, "U1")) >= n)
        sayings_settled(fresh_db)
    assert not paused_subscriptions(fresh_db)
    paused, resumed = dms_to(fake_slack, "U1")
    assert "can no longer post" in paused and "can post in <#C0DESK> again" in resumed


@pytest.mark.parametrize("pausing, resuming", [("channel_archive", "channel_unarchive"),
                                               ("channel_left", "member_joined_channel")])
def test_an_old_event_slack_sends_again_after_a_later_one_changes_nothing(
        runtime, fake_slack, fresh_db, topic, pausing, resuming, caplog):
    """Slack resends an event it got no quick answer to a minute later (X-Slack-Retry-Num),
    whether or not the first try got through; meanwhile the channel was unarchived (or the
    bot invited back): the older event must not pause it again."""
    follow(fresh_db, topic, "C0DESK")
    gone, back = _gone_and_back(pausing, resuming)
    for body, told in ((gone, 1), (back, 2)):
        _deliver_first(runtime, body)
        wait_for(lambda n=told: len(dms_to(fake_slack, "U1")) >= n)
    resent_unserved(runtime, gone, caplog)
    sayings_settled(fresh_db)
    assert not paused_subscriptions(fresh_db)
    assert len(dms_to(fake_slack, "U1")) == 2


@pytest.mark.parametrize("pausing, resuming", [("channel_archive", "channel_unarchive"),
                                               ("channel_left", "member_joined_channel")])
def test_an_old_event_whose_first_try_never_came_changes_nothing_after_a_later_one(
        runtime, fake_slack, fresh_db, topic, pausing, resuming, caplog):
    """Slack's first delivery of the older event never reached wirewatch; its resend comes
    after the later event was applied: not known, so the listener gets it, and must not
    pause the channel again (its own check of the channel's newest event)."""
    caplog.set_level(logging.INFO, logger="handlers.events.lifecycle")
    follow(fresh_db, topic, "C0DESK")
    gone, back = _gone_and_back(pausing, resuming)
    _deliver_first(runtime, back)
    wait_for(lambda: applied(fresh_db, "C0DESK") == resuming)  # its listener runs after the ack
    reply = post_signed(events_url(runtime), gone, content_type="application/json",
                        headers=RETRY)
    assert reply.status == 200, reply
    ignored = (f"{pausing} for C0DESK ignored: Slack sent it again after a later {resuming}, "
               "already applied")
    wait_for(lambda: ignored in caplog.messages or paused_subscriptions(fresh_db))
    assert not paused_subscriptions(fresh_db)
    assert ignored in caplog.messages
    assert dms_to(fake_slack, "U1") == []


@pytest.mark.parametrize("pausing, resuming", [("channel_archive", "channel_unarchive"),
                                               ("channel_left", "member_joined_channel")])
def test_an_old_event_slack_sends_again_after_a_restart_changes_nothing(
        slack_settings, fake_slack, fresh_db, topic, pausing, resuming, caplog):
    """The same resent event, arriving after wirewatch was restarted between the later event
    and the resend (a deploy, compose restarting it): the order outlives the restart."""
    follow(fresh_db, topic, "C0DESK")
    gone, back = _gone_and_back(pausing, resuming)
    with started(slack_settings) as first:
        for body, told in ((gone, 1), (back, 2)):
            _deliver_first(first, body)
            wait_for(lambda n=told: len(dms_to(fake_slack, "U1")) >= n)
        sayings_settled(fresh_db)
    with started(slack_settings) as restarted:
        resent_unserved(restarted, gone, caplog)
    assert not paused_subscriptions(fresh_db)
    assert len(dms_to(fake_slack, "U1")) == 2


def _gone_and_back(pausing: str, resuming: str) -> tuple[str, str]:
    """The channel lost a minute ago (Ev0GONE), then back five seconds ago (Ev0BACK)."""
    now = int(time.time())
    gone = _event({"type": pausing, "channel": "C0DESK", "user": "U1"}, "Ev0GONE", now - 60)
    joined = BOT_USER if resuming == "member_joined_channel" else "U1"
    back = _event({"type": resuming, "channel": "C0DESK", "user": joined}, "Ev0BACK", now - 5)
    return gone, back


def applied(db, channel: str) -> str | None:
    """The latest pausing or resuming event a listener has applied to ``channel``."""
    row = db.execute("SELECT kind FROM channel_events WHERE channel = ?", [channel]).fetchone()
    return str(row[0]) if row else None


def _deliver_first(rt, body: str) -> None:
    """An event's first delivery, signed a few seconds ago: Slack's resend, signed when it is
    sent, never carries the same signature (``resent_unserved``)."""
    reply = post_signed(events_url(rt), body, content_type="application/json",
                        timestamp=int(time.time()) - 5)
    assert reply.status == 200, reply


def _event(event: dict, event_id: str, event_time: int) -> str:
    return json.dumps({**json.loads(event_body(event)), "event_id": event_id,
                       "event_time": event_time})


def test_status_shows_paused_subscriptions_and_failed_alerts(runtime, fake_slack, fresh_db,
                                                             topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.channel("C0DESK").archived = True
    runtime.deliver_pending(now=at(0))
    text = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Paused" in text and "<#C0DESK>" in text and "archived" in text
    assert "Failed alerts: 1" in text


def test_digest_to_an_archived_channel_pauses_it(runtime, fake_slack, fresh_db, topic):
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    article_id = add_article(fresh_db, title="Dockworkers walk out")
    add_story(fresh_db, article_id=article_id, title="Dockworkers walk out", topic_ids=(topic,),
              at="2026-11-24T05:20:00+00:00")
    fake_slack.channel("C0DIG").archived = True
    for minute in range(3):
        runtime.send_due_digests(now=datetime(2026, 11, 24, 6, minute, tzinfo=UTC))
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 2, "one try, one DM"
    assert [s.target_id for s in paused_subscriptions(fresh_db)] == ["C0DIG"]


def test_app_home_section_lists_paused_subscriptions_and_failed_alerts(runtime, fake_slack,
                                                                      fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    assert paused_home_section(fresh_db, "U1") == []
    new_story(fresh_db, topic)
    fake_slack.channel("C0DESK").archived = True
    runtime.deliver_pending(now=at(0))
    [section] = paused_home_section(fresh_db, "U1")
    text = section["text"]["text"]
    assert "Paused subscriptions" in text and "*Port strike*" in text and "<#C0DESK>" in text
    assert "could not be posted" in text and "is_archived" in text
    assert paused_home_section(fresh_db, "U0OTHER") == []


def test_app_home_shows_a_paused_channel(runtime, fake_slack, fresh_db, topic, at):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.channel("C0DESK").archived = True
    runtime.deliver_pending(now=at(0))
    open_home(runtime, "U1")
    [call] = wait_for(lambda: fake_slack.calls_to("views.publish"))
    home = json.dumps(call.params["view"], ensure_ascii=False)
    assert "Paused subscriptions" in home and "the channel was archived" in home


REOPENING = ("Northhaven port reopens after crane deal\n\nWork resumed at Northhaven port on "
             "Thursday after the operator agreed to monthly crane checks. \"Our members can go "
             "back to work with their heads held high,\" said union leader Ada Brandt. The first "
             "grain ship left the harbour at noon.")


def test_archived_channel_pauses_its_quote_subscriptions_too(runtime, fake_slack, pipeline,
                                                             fresh_db, at):
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"', channel="C0DESK")
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", source="Example Wire")]))
    runtime.deliver_pending(now=at(0))
    assert len(quote_posts(fake_slack, "C0DESK")) == 1

    fake_slack.channel("C0DESK").archived = True
    send_event(runtime, {"type": "channel_archive", "channel": "C0DESK", "user": "U1"})
    [dm] = wait_for(lambda: dms_to(fake_slack, "U0REPORTER"))
    assert "archived" in dm and "<#C0DESK>" in dm and "Ada Brandt" in dm
    list(pipeline.ingest([RawArticle(text=UPDATE, origin="a2", source="Example Wire")]))
    assert fresh_db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1, "none queued"
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Paused subscriptions: 1" in status and "Ada Brandt" in status
    [home] = paused_home_section(fresh_db, "U0REPORTER")
    assert "Ada Brandt" in home["text"]["text"] and "<#C0DESK>" in home["text"]["text"]

    fake_slack.channel("C0DESK").archived = False
    send_event(runtime, {"type": "channel_unarchive", "channel": "C0DESK", "user": "U1"})
    wait_for(lambda: any("again" in text for text in dms_to(fake_slack, "U0REPORTER")))
    assert paused_home_section(fresh_db, "U0REPORTER") == []
    list(pipeline.ingest([RawArticle(text=REOPENING, origin="a3", source="Example Wire")]))
    runtime.deliver_pending(now=at(60))
    later = quote_posts(fake_slack, "C0DESK")
    assert len(later) == 2 and "heads held high" in later[1].text
    assert not any("We will stay out" in m.text for m in fake_slack.posts("C0DESK")), \
        "the quote of the paused time is not replayed"


def test_paused_quote_digest_queues_nothing_and_keeps_what_it_held(runtime, fake_slack,
                                                                    pipeline, fresh_db):
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt" daily',
                channel="C0DIG")
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", source="Example Wire")]))
    send_event(runtime, {"type": "channel_archive", "channel": "C0DIG", "user": "U1"})
    wait_for(lambda: dms_to(fake_slack, "U0REPORTER"))
    list(pipeline.ingest([RawArticle(text=UPDATE, origin="a2", source="Example Wire")]))
    held = "SELECT count(*) FROM quote_digest_items"
    assert fresh_db.execute(held).fetchone()[0] == 1, "nothing new is held while paused"
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(days=1, hours=1))
    assert fresh_db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0

    send_event(runtime, {"type": "channel_unarchive", "channel": "C0DIG", "user": "U1"})
    wait_for(lambda: any("again" in text for text in dms_to(fake_slack, "U0REPORTER")))
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(days=2, hours=1))
    assert fresh_db.execute(held).fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE kind = 'quote'").fetchone()[0] == 1


@pytest.mark.parametrize("refusal", ["restricted_action", "restricted_action_read_only_channel",
                                     "restricted_action_thread_only_channel"])
def test_a_channel_where_wirewatch_may_not_post_pauses_and_says_how_to_resume(
        runtime, fake_slack, fresh_db, topic, refusal, at):
    """Posting in the channel is limited to some people (a read-only announcements channel,
    #general for admins only): every alert would be refused. The channel pauses once, the
    subscriber is told why and what to do, and `/subscribe` there again resumes it."""
    follow(fresh_db, topic, "C0NOTICE")
    fake_slack.add_channel("C0NOTICE").refuses_posts = refusal
    new_story(fresh_db, topic, title="Dockworkers walk out")
    new_story(fresh_db, topic, title="Ferry strike spreads")
    for second in range(10):
        runtime.deliver_pending(now=at(second))
    [paused] = paused_subscriptions(fresh_db)
    assert (paused.target_id, paused.paused_reason) == ("C0NOTICE", refusal)
    [dm] = dms_to(fake_slack, "U1")
    assert "may not post" in dm and "/subscribe" in dm, dm
    tried = [c for c in fake_slack.calls_to("chat.postMessage", ok_only=False)
             if c.params.get("channel") == "C0NOTICE"]
    assert len(tried) == 1, "the first alert refused; nothing more tried there"
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["failed", "failed"]
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user="U1")["text"]
    assert "may not post" in status and "type `/subscribe TOPIC` in the channel" in status
    fake_slack.channel("C0NOTICE").refuses_posts = None
    answer = run_command(runtime, fake_slack, "/subscribe", "Port strike", user="U1",
                         channel="C0NOTICE")
    assert "already gets" in answer["text"] and not paused_subscriptions(fresh_db)


def test_a_deactivated_persons_subscriptions_pause_instead_of_failing_for_ever(
        runtime, fake_slack, fresh_db, topic, caplog, at):
    """A reporter leaves and their account is deactivated: Slack will not open a direct
    message with them (user_disabled). Their subscriptions pause at the first refusal,
    so alerts and digests stop failing one by one; `/subscribe me` again resumes them."""
    follow(fresh_db, topic, "U0LEFT", kind="user")
    run_command(runtime, fake_slack, "/subscribe", 'me quotes person:"Ada Brandt"',
                user="U0LEFT")
    fake_slack.add_user("U0LEFT", deleted=True)
    new_story(fresh_db, topic, title="Dockworkers walk out")
    for second in range(5):
        runtime.deliver_pending(now=at(second))
    new_story(fresh_db, topic, title="Ferry strike spreads")
    runtime.deliver_pending(now=at(10))
    assert [r["status"] for r in fresh_db["alerts"].rows] == ["failed"], \
        "the first fails, then nothing more is queued for them"
    [paused] = paused_subscriptions(fresh_db)
    [quotes] = paused_quote_subscriptions(fresh_db)
    assert paused.paused_reason == quotes.paused_reason == "user_disabled"
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "deactivated" in status and "<#U0LEFT>" not in status, status
    assert fake_slack.posts("D0LEFT") == []
    fake_slack.add_user("U0LEFT")
    answer = run_command(runtime, fake_slack, "/subscribe", "me Port strike", user="U0LEFT")
    assert "You already get *Port strike*" in answer["text"], answer
    assert paused_subscriptions(fresh_db) == [] and paused_quote_subscriptions(fresh_db) == []
