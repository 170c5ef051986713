"""`/topics add Port strike`: the same trap as the CLI's. Slack sends the text as typed, quotes
included, so only an unquoted one-word name followed by plain words is ambiguous."""

from __future__ import annotations

from storage.topics import get_topic, list_topics
from tests.slack.conftest import run_command


def test_an_unquoted_name_of_two_words_is_refused_with_the_quoted_forms(runtime, fake_slack,
                                                                        fresh_db):
    answer = run_command(runtime, fake_slack, "/topics", "add Port strike")["text"]
    assert 'Is the topic “Port strike”?' in answer, answer
    assert '`/topics add "Port strike"`' in answer and '`/topics add "Port" strike`' in answer
    assert "Nothing was added" in answer and list_topics(fresh_db) == []
    for text, name, query in (('add "Port strike"', "Port strike", "Port AND strike"),
                              ('add "Docks" strike', "Docks", "strike"),
                              ("add Rates interest OR rates", "Rates", "interest OR rates"),
                              ("add Wildfire", "Wildfire", "Wildfire")):
        answer = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert answer.startswith(f"Tracking *{name}*"), (text, answer)
        topic = get_topic(fresh_db, name)
        assert topic is not None and topic.query == query, (text, topic)


def test_a_name_typed_in_full_width_letters_is_the_topic_of_its_plain_letters(
        runtime, fake_slack, fresh_db):
    wide = "Ｐｏｒｔ strike"
    answer = run_command(runtime, fake_slack, "/topics", f'add "{wide}"')["text"]
    assert answer.startswith("Tracking *Port strike*: `Port AND strike`"), answer
    assert '`/subscribe "Port strike"`' in answer, answer
    again = run_command(runtime, fake_slack, "/topics", 'add "Port strike"')["text"]
    assert again.startswith("Topic *Port strike* already exists"), again
    assert [t.name for t in list_topics(fresh_db)] == ["Port strike"]
    assert get_topic(fresh_db, wide) is not None


def test_a_name_longer_than_the_form_takes_is_refused_and_nothing_is_added(
        runtime, fake_slack, fresh_db):
    name = " ".join(["harbour"] * 13)  # 103 characters
    answer = run_command(runtime, fake_slack, "/topics", f'add "{name}" strike')["text"]
    assert "at most 100 characters (this one has 103)" in answer, answer
    assert list_topics(fresh_db) == []


def test_a_name_whose_signs_its_query_cannot_search_says_so(runtime, fake_slack, fresh_db):
    answer = run_command(runtime, fake_slack, "/topics", "add C++")["text"]
    assert answer.startswith("Tracking *C++*: `C`"), answer
    assert "“++” is not searched for" in answer and "`/topics edit C++ QUERY`" in answer
    for text in ('add "Port strike"', 'add "C#" csharp OR dotnet'):
        answer = run_command(runtime, fake_slack, "/topics", text)["text"]
        assert "not searched for" not in answer, (text, answer)


def test_an_unquoted_name_before_the_q_option_gets_the_command_that_works_at_once(
        runtime, fake_slack, fresh_db):
    """`/topics add Port strike -q dock*`: before, `/topics add Port strike dock*` (the option
    taken out, the name still unquoted), which then got the name's two readings: two steps.
    With the query given to the option, the plain words before it are the name's."""
    for typed, option in (("-q dock*", "-q"), ("--query=dock*", "--query")):
        answer = run_command(runtime, fake_slack, "/topics", f"add Port strike {typed}")["text"]
        assert answer == ("Is the topic “Port strike”? A name of several words needs quotes, "
                          "and Slack's /topics takes the query after the name without "
                          f"{option}: `/topics add \"Port strike\" dock*`. Nothing was added."), \
            answer
    assert list_topics(fresh_db) == []
    answer = run_command(runtime, fake_slack, "/topics", 'add "Port strike" dock*')["text"]
    assert answer.startswith("Tracking *Port strike*: `dock*`"), answer
    answer = run_command(runtime, fake_slack, "/topics", 'add "Docks" strike -q dock*')["text"]
    assert "`/topics add Docks strike dock*`" in answer, answer
