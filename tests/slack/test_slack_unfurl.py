"""Article text posted to a channel never unfurls: no preview of a page or image it names.

Alerts and digests always asked Slack not to unfurl; the messages said in the channel about a
story (muted, unmuted, marked important) and `/who-said share` did not, and they carry the
article's title or quote, where a feed can put any address. Slack shows media previews of a
bot's message unless told not to (``unfurl_media`` defaults to true).
"""

from __future__ import annotations

from bot.alerts.blocks import IMPORTANT, MUTE
from handlers.home_view import UNMUTE
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.world import add_article, add_story

TITLE = "Crash on the ring road https://pics.example/crash.png"
QUOTE = "the pictures at https://pics.example/crash.png show how bad it was"


def _never_unfurls(payload: dict) -> bool:
    return payload.get("unfurl_links") is False and payload.get("unfurl_media") is False


def test_messages_about_a_story_said_in_the_channel_never_unfurl(runtime, fake_slack, fresh_db):
    article = add_article(fresh_db, title=TITLE, url="https://news.example/crash",
                          quotes=((QUOTE, "Ada Brandt"),))
    story = add_story(fresh_db, article_id=article, title=TITLE)
    for action in (MUTE, IMPORTANT):
        post_signed(events_url(runtime), action_body(action, str(story), channel="C0DESK",
                                                     response_url=fake_slack.response_url()))
    said = wait_for(lambda: len(fake_slack.responses()) >= 2 and fake_slack.responses())
    post_signed(events_url(runtime), action_body(UNMUTE, f"{story}:C0DESK", channel="C0DESK",
                                                 response_url=fake_slack.response_url()))
    [unmuted] = wait_for(lambda: fake_slack.calls_to("chat.postMessage"))
    shared = run_command(runtime, fake_slack, "/who-said", "share pictures at")
    assert shared["response_type"] == "in_channel" and "Ada Brandt" in shared["text"]
    for payload in (*said, unmuted.json or unmuted.params, shared):
        assert _never_unfurls(payload), payload
