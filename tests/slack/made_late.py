"""A post Slack makes only after its try was left unanswered (a dropped connection, a proxy's
page in Slack's place): waited for, looked for once, never posted twice."""

from __future__ import annotations


def lookups(fake_slack) -> int:
    """The "already posted?" looks made, answered or not."""
    return len(fake_slack.calls_to("conversations.history", ok_only=False))


def posted_once_after_the_late_wait(runtime, fake_slack, at) -> None:
    """No pass within three client timeouts posts the alert again or looks for it; once Slack
    has made it, the pass after finds it: one post in #C0DESK, one look."""
    for second in (1.5, 3, 20):
        assert runtime.deliver_pending(now=at(second)) == 0
    assert lookups(fake_slack) == 0
    fake_slack.finish_late_work()
    assert runtime.deliver_pending(now=at(31)) == 1
    runtime.deliver_pending(now=at(60))
    assert len(fake_slack.posts("C0DESK")) == 1
    assert lookups(fake_slack) == 1
