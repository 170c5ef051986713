"""What the Bolt app posts itself (a channel's pause told by direct message, an unmute said
in the channel) goes once, even when the connection drops after Slack took the message; and a
modal it opened is not opened again (its trigger_id opens one)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from handlers.home_view import UNMUTE
from storage.alerts import is_muted
from storage.db import transaction
from storage.sayings import kept_count
from storage.subscriptions import paused_subscriptions, subscribe
from tests.fakes.signing import command_body, event_body, post_signed
from tests.slack.conftest import events_url, open_home, started, wait_for
from tests.slack.made_late import lookups
from tests.slack.muting import muted_story
from tests.slack.test_slack_home_controls import home_action

SHORT_TIMEOUT = 2
"""Seconds the app's client waits for Slack (WIREWATCH_SLACK_TIMEOUT; 10 by default): a try
whose answer is lost is looked for three timeouts on, 6 s instead of 30, while the fake
Slack, which answers at once, still has two seconds for each call on a loaded machine."""


@pytest.fixture
def short_settings(slack_settings):
    return replace(slack_settings, slack_timeout=SHORT_TIMEOUT)


@pytest.fixture
def short_runtime(short_settings, fresh_db):
    """The app whose lost answers are looked for in 6 s (``short_settings``)."""
    rt = SlackRuntime(short_settings)
    rt.start()
    yield rt
    rt.stop()


def sayings_settled(db) -> None:
    """Every saying kept is settled (said, found said, or given up), so no try or timer of its
    own can call Slack for it again: what Slack was asked is final. A saying is kept before its
    first call, so call this once Slack has seen one."""
    wait_for(lambda: kept_count(db) == 0)


def posts_settled(fake_slack, db, channel: str, *, calls: int = 1) -> list:
    """The channel's messages once the first has come and its saying is settled; Slack was
    asked to post ``calls`` times in all (once: a second try may fail, or show it twice)."""
    wait_for(lambda: fake_slack.posts(channel))
    sayings_settled(db)
    assert len(fake_slack.calls_to("chat.postMessage", ok_only=False)) == calls
    return fake_slack.posts(channel)


def press_unmute(runtime, story: int) -> None:
    """The editor's Unmute for the story in #desk, from App Home."""
    post_signed(events_url(runtime), home_action(
        {"action_id": UNMUTE, "value": f"{story}:C0DESK", "type": "button", "action_ts": "4"}))


def test_a_pause_told_by_direct_message_is_told_once_when_the_answer_is_lost(
        short_runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    reply = post_signed(events_url(short_runtime), event_body(
        {"type": "channel_archive", "channel": "C0DESK", "user": "U1"}),
        content_type="application/json")
    assert reply.status == 200
    wait_for(lambda: paused_subscriptions(fresh_db))
    [told] = posts_settled(fake_slack, fresh_db, "D0ED")
    assert "Port strike" in told.text


def test_an_unmute_said_in_the_channel_is_said_once_when_the_answer_is_lost(
        short_runtime, fake_slack, fresh_db):
    story = muted_story(short_runtime, fake_slack, fresh_db)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    press_unmute(short_runtime, story)
    [told] = posts_settled(fake_slack, fresh_db, "C0DESK")
    assert "Unmuted *Bridge closes for repairs*" in told.text
    assert not is_muted(fresh_db, story, ["C0DESK"])


def test_a_modal_whose_answer_is_lost_is_not_opened_again_nor_called_a_failure(
        runtime, fake_slack, caplog):
    """`/topics add` opens the form; the answer to views.open is lost after Slack opened it.
    Opened again, Slack refuses the used trigger_id and the person read "Sorry, that did not
    work" under the form they had. The listener ends one of three ways: its warning that the
    form may have opened (then it returns), a second views.open, or a failure answered."""
    fake_slack.drop_next(1, methods={"views.open"})
    body = command_body("/topics", "add", response_url=fake_slack.response_url(),
                        channel="C0DESK")
    assert post_signed(events_url(runtime), body).status == 200
    wait_for(lambda: fake_slack.modals)
    wait_for(lambda: "may have opened or not" in caplog.text or fake_slack.responses()
             or len(fake_slack.calls_to("views.open", ok_only=False)) > 1)
    assert len(fake_slack.calls_to("views.open", ok_only=False)) == 1
    assert fake_slack.responses() == []


def test_an_unmute_slack_held_back_is_said_after_its_retry_after(runtime, fake_slack, fresh_db):
    """Slack answers the unmute's announcement 429 (not taken). Before: logged, and the channel
    never told. Now said once more after the Retry-After, on a timer of its own."""
    story = muted_story(runtime, fake_slack, fresh_db)
    fake_slack.fail_next(1, status=429, retry_after=1, methods={"chat.postMessage"})
    press_unmute(runtime, story)
    [told] = wait_for(lambda: fake_slack.posts("C0DESK"))
    assert "Unmuted *Bridge closes for repairs*" in told.text


MADE_AGAIN = "App Home of U0ED: made again after Slack held it back"
OVERTAKEN = "App Home of U0ED: not made again: a newer one was made meanwhile"


def timer_said(caplog) -> list[str]:
    """What the held-back call's timer said once its call was over (made, or dropped as
    overtaken): nothing of it can reach Slack after."""
    return [r.getMessage() for r in caplog.records if r.getMessage() in (MADE_AGAIN, OVERTAKEN)]


def test_app_home_slack_held_back_is_published_after_its_retry_after(runtime, fake_slack,
                                                                     caplog):
    """Slack answers views.publish 429. Before: logged, the Home left as it was (stale until
    the next change). Now published again after the Retry-After, and the log says so."""
    caplog.set_level(logging.INFO, logger="bot.alerts.held_back")
    fake_slack.fail_next(1, status=429, retry_after=1, methods={"views.publish"})
    open_home(runtime, "U0ED")
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    assert "U0ED" in fake_slack.views
    assert wait_for(lambda: timer_said(caplog)) == [MADE_AGAIN]


def test_app_home_held_back_is_not_published_over_a_newer_one(runtime, fake_slack, caplog):
    """The held-back view is not published after a newer one went: that one says what is so.
    The newer one, under the same hold, waits on a timer too. Each timer's call logs once it is
    over: the held one dropped, the newer one made; no call of either can follow. Before: both
    said "made again after Slack held it back", though the dropped one never reached Slack."""
    caplog.set_level(logging.INFO, logger="bot.alerts.held_back")
    fake_slack.fail_next(1, status=429, retry_after=2, methods={"views.publish"})
    open_home(runtime, "U0ED")
    wait_for(lambda: fake_slack.calls_to("views.publish", ok_only=False))
    open_home(runtime, "U0ED")
    said = wait_for(lambda: len(lines := timer_said(caplog)) == 2 and lines)
    assert sorted(said) == sorted([MADE_AGAIN, OVERTAKEN]), said
    assert len(fake_slack.calls_to("views.publish", ok_only=False)) == 2


def test_a_pause_slack_held_back_is_told_after_its_retry_after(runtime, fake_slack, fresh_db):
    """The channel is archived; Slack answers the direct message telling its subscriber 429.
    Before: logged, and the person never told why their alerts stopped. Now told once more
    after the Retry-After."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    fake_slack.fail_next(1, status=429, retry_after=1, methods={"chat.postMessage"})
    post_signed(events_url(runtime), event_body(
        {"type": "channel_archive", "channel": "C0DESK", "user": "U1"}),
        content_type="application/json")
    [told] = wait_for(lambda: fake_slack.posts("D0ED"))
    assert "Port strike" in told.text


def test_an_unmute_whose_answer_was_lost_before_slack_took_it_is_said_once(
        short_runtime, fake_slack, fresh_db):
    """A proxy answers the unmute's announcement with its own page and never passes it on to
    Slack. Before: logged, and the channel never told. Now looked for by its metadata, not
    there, and said once (when Slack did take it, the look finds it: said once, above)."""
    story = muted_story(short_runtime, fake_slack, fresh_db)
    fake_slack.garble_next(1, methods={"chat.postMessage"}, forwarded=False)
    press_unmute(short_runtime, story)
    [told] = posts_settled(fake_slack, fresh_db, "C0DESK", calls=2)
    assert "Unmuted *Bridge closes for repairs*" in told.text


def test_an_unmute_whose_answer_is_lost_is_looked_for_by_slacks_clock(
        short_settings, fake_slack, fresh_db):
    """This machine's clock runs two days fast of Slack's. Slack takes the unmute's
    announcement and the answer is lost. Before: the look read back a day by this machine's
    clock, a day after Slack's stamp on it: not found, said twice. Now the look reads the span
    around the try by Slack's clock (start-up's auth.test Date, then its posts' ts)."""
    fake_slack.ahead = -2 * 86400.0
    with started(short_settings) as runtime:
        story = muted_story(runtime, fake_slack, fresh_db)
        fake_slack.drop_next(1, methods={"chat.postMessage"})
        press_unmute(runtime, story)
        wait_for(lambda: fake_slack.calls_to("conversations.history", ok_only=False))
        sayings_settled(fresh_db)
        [told] = fake_slack.posts("C0DESK")
        assert "Unmuted *Bridge closes for repairs*" in told.text


def test_an_unmute_slack_answers_slowly_waits_the_operators_timeout(slack_settings,
                                                                    fake_slack, fresh_db):
    """WIREWATCH_SLACK_TIMEOUT is 30 s (a slow proxy); Slack answers the unmute's
    announcement in 11. Before: the app's own client gave up at its fixed 10 s, and the
    announcement, said, was looked for in Slack's history 30 s on. Now answered, said once,
    never looked for."""
    with started(replace(slack_settings, slack_timeout=30)) as runtime:
        story = muted_story(runtime, fake_slack, fresh_db)
        fake_slack.slow_down(11, methods={"chat.postMessage"})
        press_unmute(runtime, story)
        [told] = posts_settled(fake_slack, fresh_db, "C0DESK")
        assert "Unmuted *Bridge closes for repairs*" in told.text
        assert lookups(fake_slack) == 0
