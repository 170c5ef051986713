"""A new newsroom user's first walk through the desk's Slack surfaces: each answer offers what
that person may do (a guest only reads), and says when what it found differs from what was
asked. The real Bolt app over HTTP with signed requests, the fake Slack, a real SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import app_home, run_command

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


def test_a_guest_s_first_app_home_offers_nothing_they_may_not_do(runtime, fake_slack):
    """Before: a guest's App Home said "None yet: `/subscribe me TOPIC` to get one by DM." and
    "*Mute story* under an alert stops its updates.", both refused to a guest."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    home = app_home(runtime, fake_slack, GUEST).replace("\\n", "\n")
    assert "*Your subscriptions*\nNone: a guest account only reads what the channels you are " \
           "in follow; a member of this workspace subscribes a channel" in home, home
    assert "*Your mutes*\nNone: muting a story is for members of this workspace" in home, home
    assert "/subscribe me" not in home and "*Mute story* under" not in home, home
    member = app_home(runtime, fake_slack, MEMBER, event_ts="1700000000.000200")
    assert "None yet: `/subscribe me TOPIC` to get one by DM." in member, member
    assert "*Mute story* under an alert stops its updates." in member, member

