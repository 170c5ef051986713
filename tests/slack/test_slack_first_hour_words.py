"""A new editor's first hour in Slack, wrong input at each step: the answer says what to type,
never a search for a command word or a speaker nobody named. The real Bolt app over HTTP with
signed requests, the fake Slack, a real SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import run_command

GUEST = "U0GUEST"


def test_another_command_typed_after_wirewatch_is_named_to_type(runtime, fake_slack, fresh_db):
    """Before: "I don't know `topics`." and the whole help, to someone who typed the word the
    help lists as a command of its own. A guest is not sent to a command refused to them."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_user(GUEST, guest=True)

    def typed(text: str, user: str = "U0REPORTER") -> str:
        return run_command(runtime, fake_slack, "/wirewatch", text, user=user)["text"]

    assert typed("topics show Ferries") == \
        "`topics` is a command of its own: type `/topics show Ferries`.", typed("topics")
    assert typed("/Subscribe me Ferries daily") == \
        "`subscribe` is a command of its own: type `/subscribe me Ferries daily`."
    assert typed("who-said") == "`who-said` is a command of its own: type `/who-said`."
    assert typed("story 12", user=GUEST) == \
        "`story` is a command of its own: type `/story 12`."
    refused = typed("subscribe Ferries", user=GUEST)
    assert refused.startswith("I don't know `subscribe`."), refused
    assert "/subscribe Ferries" not in refused, refused


def test_who_said_with_a_command_word_and_nothing_after_it_gives_the_usage(runtime, fake_slack):
    """Before: `/who-said from:` answered "No quotes from that speaker yet. (searched for
    “from:”)", and `/who-said share` searched the quotes for the word "share"."""
    for text in ("from:", "FROM :  ", "share", "share  from:"):
        said = run_command(runtime, fake_slack, "/who-said", text)["text"]
        assert "searched for" not in said, (text, said)
        assert said.startswith("Usage: `/who-said TEXT`") or \
            said.startswith("Whose quotes? Give a name after `from:`"), (text, said)
    said = run_command(runtime, fake_slack, "/who-said", "from:")["text"]
    assert said.startswith("Whose quotes? Give a name after `from:`, e.g. "
                           "`/who-said from:Brandt`."), said
