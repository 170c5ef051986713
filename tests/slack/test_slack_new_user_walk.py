"""A new newsroom user's first walk through the desk's Slack surfaces: each answer offers what
that person may do (a guest only reads), and says when what it found differs from what was
asked. The real Bolt app over HTTP with signed requests, the fake Slack, a real SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import run_command

MEMBER, GUEST = "U0MEMBER", "U0GUEST"
LOUNGE = "C0LOUNGE"


def test_status_tells_each_role_who_subscribes_a_channel(runtime, fake_slack, fresh_db):
    """Before: a guest read "Nobody subscribes yet, so nothing is posted: `/subscribe TOPIC` in a
    channel (or `/subscribe me TOPIC`)", a command that refuses them."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    guest = run_command(runtime, fake_slack, "/wirewatch", "status", user=GUEST,
                        channel=LOUNGE)["text"]
    assert "• Nobody subscribes yet, so nothing is posted: a member of this workspace types " \
           "`/subscribe TOPIC` in the channel that should get the alerts (a guest account only " \
           "reads: ask a member, <@U0REPORTER> or a workspace admin or owner)" in guest, guest
    assert "/subscribe me" not in guest, guest
    for user in (MEMBER, "U0REPORTER"):
        said = run_command(runtime, fake_slack, "/wirewatch", "status", user=user)["text"]
        assert "• Nobody subscribes yet, so nothing is posted: `/subscribe TOPIC` in a channel " \
               "(or `/subscribe me TOPIC`)" in said, (user, said)
