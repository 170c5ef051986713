"""/subscribe in a channel checks, over the Web API, that the bot can post there."""

from __future__ import annotations

import time

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.quote_subscriptions import quote_subscriptions_of
from storage.subscriptions import subscriptions_of
from tests.fakes.slack_api import BOT_USER
from tests.slack.conftest import run_command
from tests.stopping import wait_for


def topic(db) -> None:
    with transaction(db):
        add_topic(db, name="Port strike", query="dockworkers")


def test_private_channel_without_the_bot_is_told_to_invite_it(runtime, fake_slack, fresh_db):
    topic(fresh_db)
    fake_slack.add_channel("G0PRIV", private=True, member=False)
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="G0PRIV")["text"]
    assert "/invite @wirewatch" in text and "Nothing was subscribed" in text
    assert "will now get" not in text
    assert subscriptions_of(fresh_db, ["G0PRIV"]) == []
    fake_slack.channel("G0PRIV").members.add(BOT_USER)
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="G0PRIV")["text"]
    assert "will now get" in text
    assert len(subscriptions_of(fresh_db, ["G0PRIV"])) == 1


def test_public_channel_is_joined_on_subscribe(runtime, fake_slack, fresh_db):
    topic(fresh_db)
    fake_slack.add_channel("C0PUB", member=False)
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="C0PUB")["text"]
    assert "will now get" in text
    assert fake_slack.channel("C0PUB").bot_in
    assert [c.params["channel"] for c in fake_slack.calls_to("conversations.join")] == ["C0PUB"]


def test_archived_channel_is_refused(runtime, fake_slack, fresh_db):
    topic(fresh_db)
    fake_slack.add_channel("C0OLD").archived = True
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="C0OLD")["text"]
    assert "archived" in text and subscriptions_of(fresh_db, ["C0OLD"]) == []


def test_quote_subscriptions_are_checked_the_same_way(runtime, fake_slack, fresh_db):
    """`/subscribe quotes …` in a private channel the bot is not in promised quote alerts that
    Slack would refuse; it is told to invite the bot first, as a topic subscription is."""
    fake_slack.add_channel("G0PRIV", private=True, member=False)
    text = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                       channel="G0PRIV")["text"]
    assert "/invite @wirewatch" in text and "Nothing was subscribed" in text, text
    assert quote_subscriptions_of(fresh_db, ["G0PRIV"]) == []
    fake_slack.add_channel("C0PUB", member=False)
    text = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                       channel="C0PUB")["text"]
    assert "will get each new quote" in text and fake_slack.channel("C0PUB").bot_in
    mine = run_command(runtime, fake_slack, "/subscribe", 'me quotes person:"Ada Brandt"',
                       channel="G0PRIV")["text"]
    assert "You will get each new quote" in mine, "by DM: the channel it is typed in is moot"


def test_a_join_slack_holds_back_says_when_to_try_again(runtime, fake_slack, fresh_db):
    """``conversations.join`` answered ``429``: before, "Slack did not let me check that I can
    post here (ratelimited)", Slack's code and no word of when; now the wait Slack gave, and
    nothing subscribed until a try after that wait joins the channel (a try within it makes
    no call: the run's ``Pacer`` holds the method). The hold is on the wall clock, which the
    listener does not take: the test waits out Slack's 3 s from the fake's recorded 429."""
    topic(fresh_db)
    fake_slack.add_channel("C0PUB", member=False)
    fake_slack.fail_next(1, status=429, retry_after=3, methods={"conversations.join"})
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="C0PUB")["text"]
    assert text == ("Slack asks wirewatch to wait 3 s before checking that it can post here "
                    "(rate limit): try again in 3 s. Nothing was subscribed."), text
    assert subscriptions_of(fresh_db, ["C0PUB"]) == []
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="C0PUB")["text"]
    [refused] = fake_slack.calls_to("conversations.join", ok_only=False)
    assert "(rate limit)" in text, text
    wait_for(lambda: time.monotonic() >= refused.at + 3)  # Slack's wait, from its 429
    text = run_command(runtime, fake_slack, "/subscribe", "Port strike", channel="C0PUB")["text"]
    assert "will now get" in text and fake_slack.channel("C0PUB").bot_in
