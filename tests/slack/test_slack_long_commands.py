"""Command text longer than wirewatch reads is refused whole, never cut: a cut query, name or
list of people would be stored as something nobody typed (signed requests over real HTTP, a
real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

from storage.topics import get_topic
from tests.slack.conftest import run_command

QUERY = " OR ".join(f"dock{n:03}" for n in range(90))
"""986 characters: a query wirewatch takes (at most 1,000)."""


def test_a_query_within_its_limit_is_stored_whole_in_a_long_command(
        runtime, fake_slack, fresh_db):
    """`/topics add "Port strike" QUERY`, the query 986 characters (within its 1,000), the
    command 1,006. Before: the command was cut at 1,000 characters, so the topic was added with
    the query's last term cut ("… OR dock08"), and the answer said it was tracking it. Now the
    query is stored whole."""
    said = run_command(runtime, fake_slack, "/topics", f'add "Port strike" {QUERY}')["text"]
    assert said.startswith("Tracking *Port strike*"), said
    topic = get_topic(fresh_db, "Port strike")
    assert topic is not None and topic.query == QUERY


def test_command_text_past_what_is_read_is_refused_and_nothing_is_done(
        runtime, fake_slack, fresh_db):
    """`/topics add "NAME" dockworkers`, the name pasted in as one word of 4,200 characters.
    Before: the command was cut at 1,000 characters, the closing quote with it, so a topic
    was added whose name was the first 995 characters and whose query was that name: nothing
    anyone typed. Now the command is refused, saying how long it is and how much is read;
    nothing is added."""
    text = 'add "' + "Harbour" * 600 + '" dockworkers'
    said = run_command(runtime, fake_slack, "/topics", text)["text"]
    assert said.startswith(f"That command is {len(text):,} characters; wirewatch reads at "
                           "most 4,000"), said
    assert "Nothing was done" in said, said
    assert list(fresh_db.execute("SELECT count(*) FROM topics"))[0][0] == 0
