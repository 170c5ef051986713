"""Mark important: the story's later updates are also sent to the channel (reply_broadcast)."""

from __future__ import annotations

from bot.alerts.blocks import IMPORTANT
from handlers.actions.important import NOT_IMPORTANT
from tests.fakes.block_kit import block_problems
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_sender import follow, new_story, update


def click(runtime, fake_slack, action_id: str, story_id: int) -> dict:
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(action_id, str(story_id), channel="C0DESK",
                                                 user="U0ED",
                                                 response_url=fake_slack.response_url()))
    return wait_for(lambda: fake_slack.responses()[before:])[0]


def test_updates_of_an_important_story_are_also_sent_to_the_channel(runtime, fake_slack,
                                                                    fresh_db, topic, at):  # noqa: F811
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(2)) == 1
    quiet = fake_slack.calls_to("chat.postMessage")[-1].params
    assert quiet["thread_ts"] and not quiet.get("reply_broadcast")

    said = click(runtime, fake_slack, IMPORTANT, story_id)
    assert said["response_type"] == "in_channel"
    assert "Marked *Dockworkers walk out* important (by <@U0ED>)" in said["text"]
    assert block_problems(said["blocks"], text=said["text"], allow_links=True) == []
    update(fresh_db, topic, story_id, "Union rejects the offer")
    assert runtime.deliver_pending(now=at(4)) == 1
    loud = fake_slack.calls_to("chat.postMessage")[-1].params
    assert loud["thread_ts"] == quiet["thread_ts"] and loud["reply_broadcast"] is True

    assert "no longer marked important" in click(runtime, fake_slack, NOT_IMPORTANT,
                                                 story_id)["text"]
    update(fresh_db, topic, story_id, "Ships wait outside the harbour")
    assert runtime.deliver_pending(now=at(6)) == 1
    assert not fake_slack.calls_to("chat.postMessage")[-1].params.get("reply_broadcast")
