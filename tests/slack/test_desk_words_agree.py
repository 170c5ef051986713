"""What the desk is told to type agrees wherever it is told: adding a topic is one form, the one
`/topics add` accepts; whom `notify` names is one wording, its user group an admin's only; and a
guest's `/wirewatch status` counts what they may see, or says the count is the workspace's. The
real Bolt app over HTTP, the fake Slack, a real SQLite file."""

from __future__ import annotations

import re

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import app_home, run_command

MEMBER, GUEST = "U0MEMBER", "U0GUEST"
ADD = "`/topics add NAME [QUERY]`"
LOUNGE, NEWSROOM = "C0LOUNGE", "C0NEWSROOM"


def test_adding_a_topic_is_written_one_way_everywhere(runtime, fake_slack):
    """Before: `/topics add NAME QUERY` in help and `/subscribe` of an unknown topic, `/topics
    add NAME [QUERY]` in status and `/topics`, `/topics add` bare in App Home; the query is
    optional (it defaults to the name); examples and "`/topics add` alone opens a form" stay."""
    for user in ("U0REPORTER", MEMBER):
        said = [run_command(runtime, fake_slack, command, text, user=user)["text"]
                for command, text in (("/wirewatch", "help"), ("/wirewatch", "status"),
                                      ("/topics", ""), ("/subscribe", "Nowhere"))]
        said.append(app_home(runtime, fake_slack, user,
                             event_ts=f"1700000000.00{len(user)}00").replace("\\n", "\n"))
        for text in said:
            assert ADD in text, (user, text)
            forms = set(re.findall(r"`/topics add[^`\"]*`(?! alone)", text)) - {ADD}
            assert not forms, (user, forms, text)


def test_whom_notify_names_is_one_wording_an_admin_s_with_groups(runtime, fake_slack):
    """Before: help said `notify @person @group`, `/subscribe`'s usage `@person @desk-group`."""
    added = run_command(runtime, fake_slack, "/topics", "add Tides tide OR tidal")["text"]
    assert "Tides" in added, added
    for user, whom in (("U0REPORTER", "@person @group"), (MEMBER, "@person")):
        helped = run_command(runtime, fake_slack, "/wirewatch", "help", user=user)["text"]
        usage = run_command(runtime, fake_slack, "/subscribe", "help", user=user)["text"]
        assert f"[notify {whom}]" in helped, (user, helped)
        assert f"`… notify {whom}` pings them" in usage, (user, usage)
        assert "desk-group" not in helped + usage, (user, helped, usage)


def test_a_guest_s_status_counts_what_they_see_or_says_whose_count_it_is(
        runtime, fake_slack, fresh_db):
    """Before: a guest in a channel following nothing read "2 topics; 2 subscriptions" while
    their `/topics` said no topic is followed in the channels they are in."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
        add_topic(fresh_db, name="Tides", query="tide")
    for topic in ("Ferries", "Tides"):
        run_command(runtime, fake_slack, "/subscribe", topic, channel=NEWSROOM)
    listed = run_command(runtime, fake_slack, "/topics", "", user=GUEST, channel=LOUNGE)["text"]
    assert "No topic is followed in the channels you are in" in listed, listed
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user=GUEST,
                         channel=LOUNGE)["text"]
    assert "2 topics; 2 subscriptions" not in status, status
    assert "this workspace: 2 topics, 2 subscriptions; followed in the channels you are in: " \
           "no topic" in status, status
    run_command(runtime, fake_slack, "/subscribe", "Tides", channel=LOUNGE)
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user=GUEST,
                         channel=LOUNGE)["text"]
    assert "followed in the channels you are in: 1 topic" in status, status
    member = run_command(runtime, fake_slack, "/wirewatch", "status", user=MEMBER)["text"]
    assert "2 topics; 3 subscriptions" in member, "a member sees every topic: counts as before"
