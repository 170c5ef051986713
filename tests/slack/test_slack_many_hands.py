"""A desk with many hands: one person changes a subscription in App Home, or subscribes a
channel, while another removes it or its topic (the Bolt app over real HTTP with signed requests, the fake Slack Web
API, a real SQLite file)."""

from __future__ import annotations

from bot.alerts.blocks import IMPORTANT, MUTE
from bot.stories.tracking import add_topic
from handlers.actions.home import GONE
from handlers.actions.important import NOT_IMPORTANT
from handlers.home_view import HOME_MODE
from storage.db import transaction
from storage.mutes import muted_by
from storage.subscriptions import subscribe
from tests.fakes.signing import action_body, command_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_home_controls import home_action, home_showing
from tests.slack.world import add_article, add_story


def _private_desk(fake_slack, db) -> None:
    """U0ED set up Port strike to come to the private channel C0PRIV, which they are in."""
    fake_slack.add_channel("C0PRIV", private=True).members.add("U0ED")
    with transaction(db):
        topic = add_topic(db, name="Port strike", query="dockworkers")
        subscribe(db, topic_id=topic, target_type="channel", target_id="C0PRIV",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")


def test_a_mode_changed_while_the_topic_is_removed_adds_nothing_back(
        runtime, fake_slack, fresh_db):
    """U0ED picks "daily" for the private channel's subscription in App Home; while Slack is
    asked whether they are in that channel, an admin removes the topic (`/topics remove`).
    Before: the change was written as a new subscription of the removed topic, which the
    database refused (FOREIGN KEY constraint failed): the listener failed and App Home was
    never published again. Now nothing is added back, and App Home says the subscription went
    meanwhile."""
    _private_desk(fake_slack, fresh_db)
    fake_slack.hang(methods={"conversations.members"})
    post_signed(events_url(runtime), home_action({
        "action_id": HOME_MODE, "block_id": "subscription_1", "type": "static_select",
        "selected_option": {"value": "1:daily"}, "action_ts": "1"}))
    wait_for(lambda: "conversations.members" in fake_slack.begun)
    removed = run_command(runtime, fake_slack, "/topics", 'remove "Port strike"')["text"]
    assert "Port strike" in removed and fresh_db["topics"].count == 0, removed
    fake_slack.unhang(answer=True)
    home_showing(fake_slack, GONE)
    assert fresh_db["subscriptions"].count == 0


def test_a_mode_picked_on_a_subscription_removed_before_says_so(runtime, fake_slack, fresh_db):
    """App Home still showed the subscription when U0ED picked "daily"; someone had removed
    its topic since. Before: App Home was published again without it, not a word why. Now it
    says the subscription went meanwhile and nothing was changed."""
    _private_desk(fake_slack, fresh_db)
    run_command(runtime, fake_slack, "/topics", 'remove "Port strike"')
    post_signed(events_url(runtime), home_action({
        "action_id": HOME_MODE, "block_id": "subscription_1", "type": "static_select",
        "selected_option": {"value": "1:daily"}, "action_ts": "1"}))
    home_showing(fake_slack, GONE)
    assert fresh_db["subscriptions"].count == 0


def test_a_topic_removed_while_a_channel_subscribes_is_said_not_failed(
        runtime, fake_slack, fresh_db):
    """`/subscribe "Port strike"` in #desk; while Slack is asked whether wirewatch can post
    there, an admin removes the topic. Before: the subscription was written for a topic no
    longer stored, which the database refused (FOREIGN KEY constraint failed): "Sorry, that
    did not work". Now the answer says the topic was removed meanwhile; nothing is stored."""
    fake_slack.add_channel("C0DESK")
    with transaction(fresh_db):
        add_topic(fresh_db, name="Port strike", query="dockworkers")
    fake_slack.hang(methods={"conversations.info"})
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), command_body(
        "/subscribe", '"Port strike"', response_url=fake_slack.response_url(),
        channel="C0DESK"))
    wait_for(lambda: "conversations.info" in fake_slack.begun)
    removed = run_command(runtime, fake_slack, "/topics", 'remove "Port strike"')["text"]
    assert fresh_db["topics"].count == 0, removed
    fake_slack.unhang(answer=True)
    said = wait_for(lambda: [r["text"] for r in fake_slack.responses()[before:]
                             if "Port strike" in r["text"] and "emoved" in r["text"]
                             and r["text"] != removed] or
                    [r["text"] for r in fake_slack.responses()[before:] if "Sorry" in r["text"]])
    assert said == ["*Port strike* was removed meanwhile: nothing was subscribed."], said
    assert fresh_db["subscriptions"].count == 0


def test_mute_pressed_again_on_a_muted_story_says_who_muted_it_and_posts_nothing(
        runtime, fake_slack, fresh_db):
    """Two editors press **Mute story** under the same alert in #desk, one after the other.
    Before: the channel was told twice, the second time "Muted … by <@U0SUB>", who had muted
    nothing (the mute stayed U0ED's). Now the second is answered to them alone, naming who
    muted it."""
    story = add_story(fresh_db, article_id=add_article(fresh_db, title="Bridge shuts"),
                      title="Bridge shuts")
    for user in ("U0ED", "U0SUB"):
        before = len(fake_slack.responses())
        post_signed(events_url(runtime), action_body(
            MUTE, str(story), channel="C0DESK", user=user,
            response_url=fake_slack.response_url()))
        wait_for(lambda before=before: fake_slack.responses()[before:])
    first, second = fake_slack.responses()[:2]
    assert first["response_type"] == "in_channel" and "by <@U0ED>" in first["text"], first
    assert second.get("response_type") == "ephemeral", second
    assert second["text"] == ("*Bridge shuts* is already muted in this channel, by <@U0ED>: "
                              "nothing changed."), second
    assert muted_by(fresh_db, story_id=story, channel="C0DESK") == "U0ED"


def _pressed(runtime, fake_slack, action_id: str, story: int, user: str) -> dict:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(action_id, str(story), channel="C0DESK",
                                                 user=user,
                                                 response_url=fake_slack.response_url()))
    return wait_for(lambda: fake_slack.responses()[before:])[0]


def test_mark_important_and_not_important_pressed_twice_post_once_each(
        runtime, fake_slack, fresh_db):
    """Two editors press **Mark important** under one alert, then both **Not important**.
    Before: the channel was told four times, the second "Marked … important (by <@U0SUB>)"
    though U0ED had, the fourth "no longer marked important (by <@U0SUB>)" though it no longer
    was. Now each second press answers that editor alone."""
    story = add_story(fresh_db, article_id=add_article(fresh_db, title="Bridge shuts"),
                      title="Bridge shuts")
    marked = _pressed(runtime, fake_slack, IMPORTANT, story, "U0ED")
    again = _pressed(runtime, fake_slack, IMPORTANT, story, "U0SUB")
    assert marked["response_type"] == "in_channel", marked
    assert again.get("response_type") == "ephemeral" and again["text"] == (
        "*Bridge shuts* is already marked important in this channel, by <@U0ED>: nothing "
        "changed."), again
    unmarked = _pressed(runtime, fake_slack, NOT_IMPORTANT, story, "U0ED")
    again = _pressed(runtime, fake_slack, NOT_IMPORTANT, story, "U0SUB")
    assert unmarked["response_type"] == "in_channel", unmarked
    assert again.get("response_type") == "ephemeral" and again["text"] == (
        "*Bridge shuts* is not marked important in this channel: nothing changed."), again
