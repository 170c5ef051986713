"""What `/topics add` and `/topics edit` say of a topic that looks for nothing: a query of only
exclusions, one that starts with a dash, an empty name."""

from __future__ import annotations

from storage.topics import get_topic, list_topics
from tests.slack.conftest import run_command


def test_a_query_of_only_an_exclusion_is_refused_with_an_example(runtime, fake_slack, fresh_db):
    """Before: `NOT strike` was tracked (every other article matched it) and `-strike` was
    answered "write NOT strike"."""
    for text in ("add Strikes NOT strike", 'add "Strikes" -strike'):
        said = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert "a topic needs at least one word to look for" in said, said
        assert "port AND NOT strike" in said, said
    assert list_topics(fresh_db) == []
    run_command(runtime, fake_slack, "/topics", 'add "Strikes" strike')
    said = run_command(runtime, fake_slack, "/topics", "edit Strikes NOT strike")["text"]
    assert "a topic needs at least one word to look for" in said, said
    topic = get_topic(fresh_db, "Strikes")
    assert topic is not None and topic.query == "strike"


def test_an_empty_name_in_quotes_is_said_to_be_empty(runtime, fake_slack, fresh_db):
    """Before: "A topic needs a name." and the whole usage, as if no name had been typed."""
    for text in ('add "" dockworkers', "add “ ” dockworkers"):
        said = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert said == ("The topic's name in the quotes is empty: write its name inside them, "
                        "then the query: `/topics add \"Port strike\" dockworkers`."), said
    assert list_topics(fresh_db) == []
