"""App Home and Events API plumbing over signed HTTP."""

from __future__ import annotations

import json
import logging
import threading

from bot.stories.tracking import add_topic
from handlers.home_view import HOME_REMOVE, NOTICE
from storage.alerts import mute_story
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.topics import insert_topic
from tests.fakes.block_kit import block_problems
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, open_home, wait_for
from tests.slack.test_slack_home_controls import home_action
from tests.slack.world import add_article, add_story
from tests.stopping import LAST_RESORT_S


def test_app_home_shows_subscriptions_topics_and_latest_stories(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Rates", query="interest rates")
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id="U0ED", mode="daily",
                  created_by="U0ED", at="2026-11-24T05:00:00+00:00")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00",
                  notify=("U0EDITOR", "S0EUROPE"))
    add_story(fresh_db, article_id=add_article(fresh_db, title="Central bank cuts rates"),
              title="Central bank cuts rates", topic_ids=(topic,))
    open_home(runtime, "U0ED")
    [call] = wait_for(lambda: fake_slack.calls_to("views.publish"))
    assert call.params["user_id"] == "U0ED"
    home = json.dumps(call.params["view"], ensure_ascii=False)
    assert "*Rates* (as a daily digest) · by direct message" in home and "interest rates" in home
    assert "*Rates* (as it happens) · <#C0DESK> · notifies <@U0EDITOR>, <!subteam^S0EUROPE>" in home
    assert "Central bank cuts rates" in home


def test_url_verification_challenge_is_answered(runtime):
    body = json.dumps({"token": "t", "challenge": "c4llenge", "type": "url_verification"})
    reply = post_signed(events_url(runtime), body, content_type="application/json")
    assert reply.status == 200 and "c4llenge" in reply.body


def test_a_busy_home_is_published_and_counts_what_it_leaves_out(runtime, fake_slack, fresh_db):
    """A desk editor with 225 subscriptions (25 by DM, 200 set up for channels), 20 mutes,
    and 500 topics with long names and queries: App Home keeps to 100 blocks and Slack's
    limits, and says how many subscriptions it does not list."""
    long = " OR ".join(f"term{n}" for n in range(40))
    with transaction(fresh_db):
        # names past the 100 characters a new topic may have, as stored before that limit
        topics = [insert_topic(fresh_db, name=f"Topic number {n} " + "x" * 120, query=long)
                  for n in range(500)]
        for n, topic in enumerate(topics[:225]):
            target = ("user", "U0ED") if n < 25 else ("channel", f"C0DESK{n}")
            subscribe(fresh_db, topic_id=topic, target_type=target[0], target_id=target[1],
                      mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
        for n in range(20):
            mute_story(fresh_db, story_id=n + 1, channel="C0DESK", user="U0ED",
                       at="2026-11-24T05:00:00+00:00")
    open_home(runtime, "U0ED")
    [call] = wait_for(lambda: fake_slack.calls_to("views.publish", ok_only=False))
    assert call.status == 200 and fake_slack.views.get("U0ED"), "published, not refused"
    blocks = fake_slack.views["U0ED"]["blocks"]
    assert len(blocks) <= 100 and block_problems(blocks, allow_links=True, max_blocks=100) == []
    home = json.dumps(blocks, ensure_ascii=False)
    assert ("…and 205 more: `/subscribe` lists those by direct message, and a channel's "
            "when typed in that channel") in home
    assert "…and 473 more: `/topics` lists them" in home, "27 quiet ones named"


def older_home_over(caplog, fake_slack) -> None:
    """Wait until the older of two App Home refreshes is over: dropped (its log line), or
    published after the newer one (a second publish); nothing of it can follow either."""
    wait_for(lambda: "App Home of U0ED not published: a newer one was made" in caplog.text
             or len(fake_slack.calls_to("views.publish")) > 1)


def test_an_app_home_made_earlier_is_never_published_over_a_newer_one(
        runtime, fake_slack, fresh_db, caplog):
    """Two refreshes of one person's App Home in flight at once (two commands in a row): the
    one begun first, slow to list the person's channels, finishes last. Published then, it
    would show the person what was so before their second command, until the next refresh."""
    caplog.set_level(logging.DEBUG, logger="handlers.events.app_home")
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Rates", query="interest rates")
    fake_slack.slow_down(SLOW_LISTING, methods={"users.conversations"})
    open_home(runtime, "U0ED", "1700000000.000100")
    wait_for(lambda: "users.conversations" in fake_slack.begun)
    fake_slack.slow_down(0.0)
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id="U0ED", mode="daily",
                  created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    open_home(runtime, "U0ED", "1700000000.000200")
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    older_home_over(caplog, fake_slack)
    assert "*Rates* (as a daily digest)" in json.dumps(fake_slack.views["U0ED"])
    assert len(fake_slack.calls_to("views.publish")) == 1, "the older App Home was published"


def test_a_notice_is_shown_by_the_newer_app_home_that_overtakes_its_own(
        runtime, fake_slack, fresh_db, caplog):
    """U0ED removes from App Home a subscription of a private channel they are not in: the
    refresh saying "You are not in that private channel …" is slow to list their channels,
    and App Home opened meanwhile is published first. Before: the older refresh was dropped
    (3817d38) and with it the notice: App Home showed nothing of why the click did nothing.
    Now the newer App Home carries it; opened again after that, it is gone."""
    caplog.set_level(logging.DEBUG, logger="handlers.events.app_home")
    fake_slack.add_channel("C0PRIVATE", private=True)
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Rates", query="interest rates")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0PRIVATE",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    fake_slack.slow_down(SLOW_LISTING, methods={"users.conversations"})
    reply = post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "1"}))
    assert reply.status == 200
    wait_for(lambda: "users.conversations" in fake_slack.begun)
    fake_slack.slow_down(0.0)
    open_home(runtime, "U0ED", "1700000000.000200")
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    older_home_over(caplog, fake_slack)
    shown = json.dumps(fake_slack.views["U0ED"])
    assert "You are not in that private channel" in shown and "*Rates*" in shown, shown
    open_home(runtime, "U0ED", "1700000000.000300")
    wait_for(lambda: len(fake_slack.calls_to("views.publish")) >= 2)
    assert NOTICE not in json.dumps(fake_slack.views["U0ED"])


def test_an_app_home_waiting_to_be_published_again_is_not_once_the_bot_stops(
        runtime, fake_slack, fresh_db):
    """Slack answers App Home's publish 500: it is published again AGAIN_WAIT later, on a timer
    of its own. Before: the timer outlived the stop, so a stopped bot called Slack (in the
    tests, the next test's stopped fake: slack_sdk's ERROR "Connection refused", twice, in
    whatever test ran then: the flake of test_numbers_no_row_could_have_get_an_answer_not_a_
    failure[sources remove ²] after /unsubscribe's App Home refreshes). Now a stop drops it."""
    fake_slack.fail_next(1, status=500, methods={"views.publish"})
    earlier = set(threading.enumerate())
    open_home(runtime, "U0ED", "1700000000.000400")
    wait_for(lambda: runtime.waiting.count())
    armed = [t for t in threading.enumerate()
             if isinstance(t, threading.Timer) and t not in earlier]  # this bot's, armed here
    runtime.stop()
    for timer in armed:  # each ends at once if cancelled; else once its call is over
        timer.join(LAST_RESORT_S)
    assert len(fake_slack.calls_to("views.publish", ok_only=False)) == 1
    assert runtime.waiting.count() == 0


SLOW_LISTING = 4.0
"""Seconds the first refresh's channel listing takes: the second one's whole turn fits in it."""
