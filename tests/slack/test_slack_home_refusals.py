"""App Home says who may, as every slash command does: a guest's click on one of its controls
changes nothing and the view comes back with the refusal line at the top (App Home has no
ephemeral answer). Signed block_actions against the fake Slack."""

from __future__ import annotations

import json

import pytest

from bot.permissions import Action, refusal
from bot.stories.tracking import add_topic
from handlers.home_view import HOME_MODE, HOME_QUOTES_REMOVE, HOME_REMOVE, NOTICE, UNMUTE
from storage.alerts import is_muted, mute_story
from storage.db import transaction
from storage.quote_subscriptions import quote_subscriptions_of, subscribe_quotes
from storage.subscriptions import subscribe, subscriptions_of
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, open_home, wait_for
from tests.slack.test_slack_home_controls import home_action
from tests.slack.world import add_article, add_story

GUEST = "U0GUEST"
WHEN = "2026-11-24T05:00:00+00:00"


@pytest.fixture
def guest_home(fresh_db, fake_slack) -> int:
    """A guest with a subscription, a quote subscription and a mute (set up before they
    became a guest, or by someone else for them); returns the muted story."""
    fake_slack.add_user(GUEST, guest=True)
    article = add_article(fresh_db, title="Bridge closes for repairs")
    story = add_story(fresh_db, article_id=article, title="Bridge closes for repairs")
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Rates", query="interest rates")
        subscribe(fresh_db, topic_id=topic, target_type="user", target_id=GUEST,
                  mode="realtime", created_by=GUEST, at=WHEN)
        subscribe_quotes(fresh_db, query='person:"Ada Brandt"', target_type="user",
                         target_id=GUEST, mode="realtime", created_by=GUEST, at=WHEN)
        mute_story(fresh_db, story_id=story, channel=GUEST, user=GUEST, at=WHEN)
    return story


def controls(story: int) -> list[tuple[dict, Action]]:
    return [
        ({"action_id": HOME_MODE, "block_id": "subscription_1", "type": "static_select",
          "selected_option": {"text": {"type": "plain_text", "text": "daily digest"},
                              "value": "1:daily"}}, Action.SUBSCRIBE),
        ({"action_id": HOME_REMOVE, "value": "1", "type": "button"}, Action.SUBSCRIBE),
        ({"action_id": HOME_QUOTES_REMOVE, "value": "1", "type": "button"}, Action.SUBSCRIBE),
        ({"action_id": UNMUTE, "value": f"{story}:{GUEST}", "type": "button"}, Action.MUTE),
    ]


def test_a_guest_clicking_app_home_controls_is_told_who_may(runtime, fake_slack, fresh_db,
                                                             guest_home):
    for n, (action, needs) in enumerate(controls(guest_home)):
        fake_slack.views.pop(GUEST, None)
        reply = post_signed(events_url(runtime), home_action({**action, "action_ts": str(n)},
                                                             user=GUEST))
        assert reply.status == 200
        home = wait_for(lambda: fake_slack.views.get(GUEST))
        header, notice = home["blocks"][:2]
        assert notice.get("block_id") == NOTICE, (action["action_id"], home["blocks"][:3])
        assert refusal(needs) in notice["text"]["text"]
        assert "guest accounts can only read" in notice["text"]["text"]
    [sub] = subscriptions_of(fresh_db, [GUEST])
    assert sub.mode == "realtime"
    assert len(quote_subscriptions_of(fresh_db, [GUEST])) == 1
    assert is_muted(fresh_db, guest_home, [GUEST])
    # the notice is for the click: App Home opened again does not repeat it
    fake_slack.views.pop(GUEST, None)
    open_home(runtime, GUEST)
    home = wait_for(lambda: fake_slack.views.get(GUEST))
    assert NOTICE not in json.dumps(home)
