"""Each person is shown what they can do: `/wirewatch help` lists an admin's commands to admins
only, a member is never told to run a server command, and a member is told whom to ask (the
wirewatch admins by name). The real Bolt app over HTTP, the fake Slack, a real SQLite file."""

from __future__ import annotations

from tests.slack.conftest import REPORTER, run_command

MEMBER = "U0MEMBER"
GUEST = "U0GUEST"
ADMIN_ONLY = ("`/topics add NAME [QUERY]`", "`/topics edit NAME QUERY`", "`/topics remove NAME`",
              "add URL", "remove ID", "@group")


def test_help_lists_an_admin_s_commands_to_admins_only(runtime, fake_slack):
    """Before: a member's help listed `/topics add`, `sources add URL` and `notify @group`,
    each of which refuses them."""
    admin = run_command(runtime, fake_slack, "/wirewatch", "help")["text"]
    member = run_command(runtime, fake_slack, "/wirewatch", "help", user=MEMBER)["text"]
    listed = member.split("\n", 1)[1]  # the first line names who adds a topic, and how
    for words in ADMIN_ONLY:
        assert words in admin, (words, admin)
        assert words not in listed, (words, member)
    assert "`/topics show NAME`" in member and "`/subscribe [me] TOPIC" in member, member
    assert f"<@{REPORTER}>" in member, "a member is told whom to ask"


def test_a_guest_s_help_lists_what_a_guest_may_do(runtime, fake_slack):
    fake_slack.add_user(GUEST, guest=True)
    guest = run_command(runtime, fake_slack, "/wirewatch", "help", user=GUEST)["text"]
    assert "/subscribe" not in guest and "/wirewatch sources" not in guest, guest
    assert "a workspace member subscribes a channel" in guest, guest
    assert "`/story ID|TITLE WORDS`" in guest and "`/topics show NAME`" in guest, guest


def test_no_sources_is_said_as_each_person_may_add_one(runtime, fake_slack):
    """Before: everyone was told `wirewatch sources add URL`, a command on the server."""
    member = run_command(runtime, fake_slack, "/wirewatch", "status", user=MEMBER)["text"]
    assert "`wirewatch sources add" not in member, member
    assert "Sources: none yet: a wirewatch admin adds one with `/wirewatch sources add URL`" \
        in member, member
    assert f"<@{REPORTER}>" in member, member
    admin = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Sources: none yet (`/wirewatch sources add URL`)" in admin, admin
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources", user=MEMBER)["text"]
    assert "`wirewatch sources add" not in listed and "a wirewatch admin adds one" in listed


def test_topics_usage_and_no_topics_are_said_as_each_person_may_act(runtime, fake_slack):
    """Before: a member's `/topics` (none yet) and `/topics help` gave `/topics add`, `edit`
    and `remove` as theirs to run, each of which refuses them."""
    for text in ("", "help"):
        member = run_command(runtime, fake_slack, "/topics", text, user=MEMBER)["text"]
        assert "`/topics edit" not in member and "`/topics remove" not in member, member
        assert "`/topics show NAME`" in member and f"<@{REPORTER}>" in member, member
        admin = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert "`/topics edit NAME QUERY`" in admin and "`/topics remove NAME`" in admin, admin
    member = run_command(runtime, fake_slack, "/topics", "", user=MEMBER)["text"]
    assert member.startswith("No topics yet: a wirewatch admin adds one with `/topics add"), member


def test_no_such_topic_to_subscribe_says_who_adds_one_as_each_person_may(runtime, fake_slack):
    """Before: an admin too was told "A wirewatch admin adds one", and a member not whom to ask."""
    admin = run_command(runtime, fake_slack, "/subscribe", "Tidal power")["text"]
    assert "Topics: none yet. Add one with `/topics add NAME [QUERY]`." in admin, admin
    member = run_command(runtime, fake_slack, "/subscribe", "Tidal power", user=MEMBER)["text"]
    assert "Topics: none yet. A wirewatch admin adds one with `/topics add NAME [QUERY]` (ask " \
           f"<@{REPORTER}>" in member, member
