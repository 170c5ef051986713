"""App Home that works: change and remove subscriptions, unmute; mutes said in the channel."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from bot.alerts.blocks import MUTE
from bot.stories.tracking import add_topic
from handlers.home_view import HOME_MODE, HOME_REMOVE, UNMUTE
from storage.alerts import is_muted
from storage.db import transaction
from storage.subscriptions import subscribe, subscriptions_of
from tests.fakes.block_kit import block_problems
from tests.fakes.signing import action_body, post_signed, trigger_id
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.muting import muted_story
from tests.slack.world import add_article, add_story


def home_action(action: dict, *, user: str = "U0ED") -> str:
    """A control clicked in App Home (no channel, no response_url)."""
    return urlencode({"payload": json.dumps({
        "type": "block_actions", "team": {"id": "T00000001"}, "user": {"id": user},
        "api_app_id": "A0WIREWATCH", "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": "VHOME"}, "trigger_id": trigger_id(),
        "view": {"id": "VHOME", "type": "home"}, "actions": [action]})})


def home_showing(fake_slack, text: str, *, user: str = "U0ED") -> dict:
    """The person's App Home once it shows ``text`` (listeners answer on another thread)."""
    return wait_for(lambda: text in json.dumps(fake_slack.views.get(user), ensure_ascii=False)
                    and fake_slack.views[user])


def test_home_refreshes_and_its_controls_change_and_remove(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        add_topic(fresh_db, name="Rates", query="interest rates")
    run_command(runtime, fake_slack, "/subscribe", "me Rates", user="U0ED")
    home = home_showing(fake_slack, "*Rates* (as it happens) · by direct message")
    assert block_problems(home["blocks"], allow_links=True, max_blocks=100) == []
    [select] = [e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["action_id"] == HOME_MODE]
    daily = next(o for o in select["options"] if o["value"].endswith(":daily"))
    post_signed(events_url(runtime), home_action({
        "action_id": HOME_MODE, "block_id": "subscription_1", "type": "static_select",
        "selected_option": daily, "action_ts": "1"}))
    home_showing(fake_slack, "*Rates* (as a daily digest)")
    assert subscriptions_of(fresh_db, ["U0ED"])[0].mode == "daily"
    post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "2"},
        user="U0SOMEONE"))
    post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "3"}))
    home_showing(fake_slack, "None yet: `/subscribe me TOPIC`")
    assert subscriptions_of(fresh_db, ["U0ED"]) == []


def test_mute_is_said_in_the_channel_and_undone_from_home(runtime, fake_slack, fresh_db):
    article = add_article(fresh_db, title="Bridge closes for repairs")
    story = add_story(fresh_db, article_id=article, title="Bridge closes for repairs")
    body = action_body(MUTE, str(story), channel="C0DESK", user="U0ED",
                       response_url=fake_slack.response_url())
    post_signed(events_url(runtime), body)
    [said] = wait_for(lambda: fake_slack.responses())
    assert said["response_type"] == "in_channel"
    assert "Muted *Bridge closes for repairs* by <@U0ED>" in said["text"]
    assert block_problems(said["blocks"], text=said["text"], allow_links=True) == []
    assert is_muted(fresh_db, story, ["C0DESK"])
    home = home_showing(fake_slack, "Bridge closes for repairs")
    [unmute] = [b["accessory"] for b in home["blocks"]
                if b.get("accessory", {}).get("action_id") == UNMUTE]
    assert unmute["value"] == f"{story}:C0DESK" and unmute["accessibility_label"]
    post_signed(events_url(runtime), home_action(
        {"action_id": UNMUTE, "value": unmute["value"], "type": "button", "action_ts": "4"}))
    [told] = wait_for(lambda: fake_slack.posts("C0DESK"))
    assert "Unmuted *Bridge closes for repairs* by <@U0ED>" in told.text
    assert not is_muted(fresh_db, story, ["C0DESK"])
    home_showing(fake_slack, "None: *Mute story*")


def test_a_forged_home_unmute_cannot_touch_another_persons_mute(runtime, fake_slack, fresh_db):
    """App Home's Unmute carries "story:channel"; anyone could send any pair and unmute a story
    in a private channel they are not in (the bot then announced it there). Only the person
    who muted it can, from App Home; in the channel, the "Muted" message's Unmute button still
    works for everyone there."""
    fake_slack.add_channel("C0PRIVATE", private=True)
    story = muted_story(runtime, fake_slack, fresh_db, title="Minister under investigation",
                        channel="C0PRIVATE")
    post_signed(events_url(runtime), home_action(
        {"action_id": UNMUTE, "value": f"{story}:C0PRIVATE", "type": "button",
         "action_ts": "5"}, user="U0OTHER"))
    wait_for(lambda: "U0OTHER" in fake_slack.views)
    assert is_muted(fresh_db, story, ["C0PRIVATE"])
    assert fake_slack.posts("C0PRIVATE") == []
    post_signed(events_url(runtime), action_body(UNMUTE, f"{story}:C0PRIVATE",
                                                 channel="C0PRIVATE", user="U0OTHER",
                                                 response_url=fake_slack.response_url()))
    [told] = wait_for(lambda: fake_slack.posts("C0PRIVATE"))
    assert "Unmuted *Minister under investigation* by <@U0OTHER>" in told.text
    assert not is_muted(fresh_db, story, ["C0PRIVATE"])


def test_a_home_control_waits_for_a_slow_role_lookup_instead_of_doing_nothing(
        runtime, fake_slack, fresh_db):
    """App Home has no place to say "try again": its controls answer Slack at once and then
    wait for the person's role as long as the Slack client does, not the 1.2 s a command
    waits before its acknowledgement."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Rates", query="interest rates")
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id="U0ED",
                  mode="realtime", created_by="U0ED", at="2026-11-24T05:00:00+00:00")
    fake_slack.slow_down(2.5, methods={"users.info"})
    reply = post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "1"}))
    assert reply.status == 200
    home_showing(fake_slack, "None yet: `/subscribe me TOPIC`")
    assert subscriptions_of(fresh_db, ["U0ED"]) == []
