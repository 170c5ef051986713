"""The deliver job and the digest job run on threads of their own: posting to one channel at
the same moment, they keep to its pace (a post a second) between them. The real runtime, the
fake Slack (its posts answered slowly, as a busy Slack does), real SQLite."""

from __future__ import annotations

import threading

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.test_slack_holds_kept import alert_and_digest_due

SLOW_S = 0.5
"""How long Slack takes to answer a post: longer than both jobs take to reach their posts."""


def _both_at_once(runtime, now) -> list[int]:
    """One delivery pass and one digest pass started together, as two scheduler threads."""
    sent: list[int] = []
    jobs = [threading.Thread(target=lambda: sent.append(runtime.deliver_pending(now=now))),
            threading.Thread(target=lambda: sent.append(runtime.send_due_digests(now=now)))]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    return sent


def test_an_alert_and_a_digest_to_one_channel_keep_its_pace(runtime, fake_slack, fresh_db, at):
    """Before: each job checked the channel's pace before either had posted, and both posted
    to it in the same instant (2 posts in the pass; the desk's channel sees a digest land on
    top of the alert, and Slack's rate of a post a second is broken)."""
    t0 = at(0)
    with transaction(fresh_db):
        bridge = add_topic(fresh_db, name="Bridge repairs", query="bridge")
    alert_and_digest_due(fresh_db, bridge, t0)
    fake_slack.slow_down(SLOW_S, methods={"chat.postMessage"})

    assert sum(_both_at_once(runtime, t0)) == 1, "one post to the channel in its second"
    later = at(1.5)
    assert runtime.deliver_pending(now=later) + runtime.send_due_digests(now=later) == 1
    assert len(fake_slack.posts("C0DESK")) == 2
