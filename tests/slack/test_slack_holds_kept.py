"""A hold Slack asked for (429 and its Retry-After) outlives a restart: two real runs on the
same database against the fake Slack, the second started while the first's hold is still on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

import pytest
from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import started
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story

T = TypeVar("T")


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Bridge repairs", query="bridge")


def one_run(settings: Settings, then: Callable[[SlackRuntime], T]) -> T:
    """A run of the bot on ``settings``' database: started, ``then(run)``, stopped."""
    with started(settings) as run:
        return then(run)


def within_and_after(fake_slack, method: str, send: Callable[[datetime], int],
                     at: Callable[[float], datetime]) -> tuple[int, int, int]:
    """What ``send`` sent 5 s into a 60 s hold, the calls of ``method`` made by then, and what
    it sent once the hold was over."""
    early = send(at(5))
    asked = len(fake_slack.calls_to(method, ok_only=False))
    return early, asked, send(at(61))


def test_a_methods_hold_outlives_a_restart(slack_settings, fake_slack, fresh_db, topic, at):
    """conversations.open answered 429 (Retry-After 60) for one person's alert; the bot is
    restarted 5 s later with another person's alert waiting: the new run opens nobody's direct
    messages before the hold ends, then both. Before: the new run opened the second person's
    at once, inside the window Slack asked for."""
    follow(fresh_db, topic, "U0ED", kind="user")
    new_story(fresh_db, topic, title="Bridge closes for repairs")
    fake_slack.fail_next(1, status=429, retry_after=60, methods={"conversations.open"})
    assert one_run(slack_settings, lambda run: run.deliver_pending(now=at(0))) == 0
    follow(fresh_db, topic, "U0FI", kind="user")
    new_story(fresh_db, topic, title="Bridge detour signposted")

    early, asked, late = one_run(slack_settings, lambda run: within_and_after(
        fake_slack, "conversations.open", lambda now: run.deliver_pending(now=now), at))
    assert (early, asked) == (0, 1), "no call inside the hold the first run met"
    assert late == 2 and sorted(m.channel for m in fake_slack.posts()) == ["D0ED", "D0FI"]


def test_a_channels_hold_keeps_a_digest_back_after_a_restart(slack_settings, fake_slack,
                                                             fresh_db, topic, at):
    """An alert to a channel answered 429 (Retry-After 60); the bot restarts 5 s later and an
    hourly digest (another topic) to the same channel is due: it waits for the hold's end.
    Before: the new run posted the digest at once, inside the channel's hold."""
    held_channel_with_a_digest_due(fresh_db, fake_slack, topic, at(0))
    assert one_run(slack_settings, lambda run: run.deliver_pending(now=at(0))) == 0

    early, asked, late = one_run(slack_settings, lambda run: within_and_after(
        fake_slack, "chat.postMessage", lambda now: run.send_due_digests(now=now), at))
    assert (early, asked) == (0, 1), "no post to the channel inside its hold"
    assert late == 1


def held_channel_with_a_digest_due(db, fake_slack, topic: int, t0: datetime) -> None:
    """An alert to C0DESK, whose post will be answered 429 (Retry-After 60), and an hourly
    digest of another topic to C0DESK, due from ``t0`` on."""
    alert_and_digest_due(db, topic, t0)
    fake_slack.fail_next(1, status=429, retry_after=60, channel="C0DESK")


def alert_and_digest_due(db, topic: int, t0: datetime) -> None:
    """A new story of ``topic`` to alert in C0DESK, and an hourly digest of another topic to
    C0DESK, due from ``t0`` on."""
    follow(db, topic, "C0DESK")
    with transaction(db):
        other = add_topic(db, name="Harbour works", query="harbour")
        subscribe(db, topic_id=other, target_type="channel", target_id="C0DESK",
                  mode="hourly", created_by="U1", at=(t0 - timedelta(hours=3)).isoformat())
    article = add_article(db, title="Harbour dredging begins")
    add_story(db, article_id=article, title="Harbour dredging begins", topic_ids=(other,),
              at=(t0 - timedelta(hours=2)).isoformat())
    new_story(db, topic, title="Bridge closes for repairs")


def test_a_digest_sent_alone_keeps_to_the_running_bots_hold(runtime, fake_slack, fresh_db,
                                                           topic, at):
    """The running bot's alert to a channel is answered 429 (Retry-After 60); a digest sent
    outside the bot (``send_due_digests`` called alone, as from the command line) to the same
    channel 5 s later waits for the hold's end. Before: it built a pacer of its own and posted
    at once."""
    held_channel_with_a_digest_due(fresh_db, fake_slack, topic, at(0))
    assert runtime.deliver_pending(now=at(0)) == 0
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(fresh_db, client, now=at(5)) == 0
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == 1, "no post in the hold"
    assert send_due_digests(fresh_db, client, now=at(61)) == 1


def test_a_hold_that_ended_before_the_restart_is_ignored(slack_settings, fake_slack, fresh_db,
                                                         topic, at):
    """A hold whose Retry-After ran out before the restart holds nothing: the new run posts at
    once."""
    follow(fresh_db, topic, "U0ED", kind="user")
    new_story(fresh_db, topic, title="Bridge closes for repairs")
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"conversations.open"})
    assert one_run(slack_settings, lambda run: run.deliver_pending(now=at(0))) == 0
    assert one_run(slack_settings, lambda run: run.deliver_pending(now=at(5))) == 1
    assert [m.channel for m in fake_slack.posts()] == ["D0ED"]
