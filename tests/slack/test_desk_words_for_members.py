"""What a member (not a wirewatch admin) is told to do is something they may do: adding a topic
is an admin's, so an empty desk's status and App Home name who adds one; and the help words say
what the answers say ("alerts waiting", the timeline's order). The real Bolt app over HTTP, the
fake Slack, a real SQLite file."""

from __future__ import annotations

from tests.slack.conftest import app_home, run_command

MEMBER = "U0MEMBER"


def test_a_member_is_told_who_adds_a_topic(runtime, fake_slack):
    """Before: "No topics yet, so nothing alerts: `/topics add NAME [QUERY]`", which refuses
    them; App Home's "None yet: `/topics add` to track one." likewise."""
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user=MEMBER)["text"]
    assert "• No topics yet, so nothing alerts: a wirewatch admin adds one with " \
           "`/topics add NAME [QUERY]`" in status, status
    admin = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "• No topics yet, so nothing alerts: `/topics add NAME [QUERY]`" in admin, admin
    home = app_home(runtime, fake_slack, MEMBER)
    assert "*Topics*\\nNone yet: a wirewatch admin adds one with `/topics add NAME [QUERY]`." \
        in home, home


def test_the_help_words_are_the_answers_words(runtime, fake_slack):
    """Before: help said "pending alerts" (the status says "Alerts waiting to be posted") and
    /story's usage "each article in order" (the timeline says in which)."""
    helped = run_command(runtime, fake_slack, "/wirewatch", "help")["text"]
    assert "• `/wirewatch status`: runs, sources, last ingest, alerts waiting" in helped, helped
    usage = run_command(runtime, fake_slack, "/story", "help")["text"]
    assert "each article in the order they reached us" in usage, usage
