"""What `/topics add` and `/topics edit` say of a topic that looks for nothing: a query of only
exclusions, one that starts with a dash, an empty name."""

from __future__ import annotations

from storage.db import transaction
from storage.topics import get_topic, insert_topic, list_topics
from tests.slack.conftest import app_home, run_command


def test_a_query_of_only_an_exclusion_is_refused_with_an_example(runtime, fake_slack, fresh_db):
    """Before: `NOT strike` was tracked (every other article matched it) and `-strike` was
    answered "write NOT strike"."""
    for text in ("add Strikes NOT strike", 'add "Strikes" -strike'):
        said = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert "a topic needs at least one word to look for" in said, said
        assert "port AND NOT strike" in said, said
    assert list_topics(fresh_db) == []
    said = edit_refused(runtime, fake_slack, fresh_db, "Strikes", "strike", "NOT strike")
    assert "a topic needs at least one word to look for" in said, said


def edit_refused(runtime, fake_slack, db, name: str, query: str, typed: str) -> str:
    """What `/topics edit NAME typed` says of the topic just added with ``query``, which it
    keeps."""
    run_command(runtime, fake_slack, "/topics", f'add "{name}" {query}')
    said = run_command(runtime, fake_slack, "/topics", f"edit {name} {typed}")["text"]
    topic = get_topic(db, name)
    assert topic is not None and topic.query == query, said
    return said


def test_an_empty_name_in_quotes_is_said_to_be_empty(runtime, fake_slack, fresh_db):
    """Before: "A topic needs a name." and the whole usage, as if no name had been typed."""
    for text in ('add "" dockworkers', "add “ ” dockworkers"):
        said = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert said == ("The topic's name in the quotes is empty: write its name inside them, "
                        "then the query: `/topics add \"Port strike\" dockworkers`."), said
    assert list_topics(fresh_db) == []


def test_a_stored_topic_matching_nearly_every_article_is_marked_and_an_or_not_refused(
        runtime, fake_slack, fresh_db):
    """Stored before add refused them, 'NOT strike' and 'ferry OR NOT strike' matched every
    article without strike, unmarked in `/topics` and App Home; and `/topics add` took
    'port OR NOT strike'. Now both are marked with the edit that mends each, kept as stored,
    and the OR branch of only a NOT is refused with the query it meant."""
    with transaction(fresh_db):
        insert_topic(fresh_db, name="Strikes", query="NOT strike")
        insert_topic(fresh_db, name="Night ferries", query="ferry OR NOT strike")
    said = run_command(runtime, fake_slack, "/topics", "add Ports port OR NOT strike")["text"]
    assert "'NOT strike' alone matches every article without strike" in said, said
    assert "as in port AND NOT strike" in said, said
    listed = run_command(runtime, fake_slack, "/topics", "")["text"]
    ferries, strikes = listed.split("• ")[1:]
    assert "matches nothing: its query would match nearly every article ('NOT strike' alone " \
        "matches" in ferries, listed
    assert '`/topics edit "Night ferries" ferry AND NOT strike`' in ferries, listed
    assert "matches nothing: its query would match nearly every article (a topic needs at " \
        "least one word" in strikes, listed
    assert "`/topics edit Strikes port AND NOT strike`" in strikes, listed
    home = app_home(runtime, fake_slack)
    assert home.count("matches nothing: its query would match nearly every article") == 2, home
    assert [t.query for t in list_topics(fresh_db)] == ["ferry OR NOT strike", "NOT strike"]
    run_command(runtime, fake_slack, "/topics", 'edit "Night ferries" ferry AND NOT strike')
    assert run_command(runtime, fake_slack, "/topics", "")["text"].count("nearly every") == 1


def test_wirewatch_status_names_the_topics_to_mend(runtime, fake_slack, fresh_db):
    """Before: `/wirewatch status` said nothing of a stored topic matching nearly every
    article, nor of one no longer read."""
    run_command(runtime, fake_slack, "/topics", "add Weather hail OR frost")
    with transaction(fresh_db):
        insert_topic(fresh_db, name="Strikes", query="strike OR NOT port")
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "• ⚠️ Topics to mend (1): *Strikes* matches nothing: its query would match nearly " \
        "every article (`/topics` says why and the edit that mends each)" in status, status
    assert "Weather" not in status, status


def test_a_query_word_written_as_an_option_is_refused(runtime, fake_slack, fresh_db):
    """Before: `—days` (a Mac writes -- so) searched for 'days': a topic the typist did not
    mean, untold."""
    said = run_command(runtime, fake_slack, "/topics", 'add "Quakes" quake —days 3')["text"]
    assert "would match days: a query is its words alone, with no options" in said, said
    assert "NOT days" in said, said
    assert list_topics(fresh_db) == []
    said = edit_refused(runtime, fake_slack, fresh_db, "Quakes", "quake", "tremor --days 3")
    assert "a query is its words alone" in said, said


def test_the_command_lines_query_option_is_answered_as_its_q_is(runtime, fake_slack, fresh_db):
    """Before: `/topics add Quakes --query quake` got the general refusal ("'--query' would
    match query: a query is its words alone…"), while its short form -q was answered with how
    Slack's /topics takes the query: --query is the command line's option too."""
    for typed in ("--query quake", "—query quake", "--query=quake", "--Query quake"):
        said = run_command(runtime, fake_slack, "/topics", f"add Quakes {typed}")["text"]
        assert f"without {typed.split()[0].split('=')[0]} (that is `wirewatch topics add`'s)" \
            in said, said
        assert "`/topics add Quakes quake`" in said, said
    assert list_topics(fresh_db) == []
    said = edit_refused(runtime, fake_slack, fresh_db, "Quakes", "quake", "--query tremor")
    assert "without --query" in said and "`/topics edit Quakes tremor`" in said, said


def test_a_name_of_marks_alone_is_refused(runtime, fake_slack, fresh_db):
    """Before: `/topics add "..." strike` tracked a topic named '...', which every alert and
    list shows as its name and `/topics show ?` cannot reach (it is help)."""
    for name in ("...", "?", "— –"):
        said = run_command(runtime, fake_slack, "/topics", f'add "{name}" strike')["text"]
        assert "a topic's name needs a letter or a digit" in said, said
    assert list_topics(fresh_db) == []


def test_the_command_lines_q_is_answered_with_how_slack_takes_the_query(
        runtime, fake_slack, fresh_db):
    """Before: `/topics add Strikes -q strike` was refused as "'-q' would match q, not leave it
    out", as if the typist meant a word left out; -q is the command line's (`wirewatch topics
    add`), and Slack's /topics takes the query after the name without it."""
    said = run_command(runtime, fake_slack, "/topics", "add Strikes -q strike")["text"]
    assert "takes the query after the name, without -q" in said, said
    assert "`/topics add Strikes strike`" in said, said
    assert list_topics(fresh_db) == []
    said = edit_refused(runtime, fake_slack, fresh_db, "Strikes", "strike", "-q strike AND port")
    assert "`/topics edit Strikes strike AND port`" in said, said
