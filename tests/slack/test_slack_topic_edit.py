"""`/topics edit NAME QUERY`: the CLI's `topics edit` in Slack, over signed HTTP against the
fake Slack: the query changes in place, subscriptions stay, running stories are matched again."""

from __future__ import annotations

import pytest

from bot.models import RawArticle
from storage.db import transaction
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic, insert_topic
from tests.slack.conftest import app_home, run_command

BRIDGE = ("Tram bridge closes for repairs in Quillon\n\nThe tram bridge over the Quill river "
          "closed on Tuesday so that engineers can replace its rusted cables.")
ORCHARD = ("Orchard growers count hail damage\n\nGrowers in the Venn valley said a hailstorm "
           "on Sunday bruised most of the early apples.")


def test_a_topics_query_is_changed_in_place_keeping_its_subscriptions(runtime, fake_slack,
                                                                      pipeline, fresh_db):
    list(pipeline.ingest([RawArticle(text=BRIDGE, origin="b1"),
                          RawArticle(text=ORCHARD, origin="o1")]))
    run_command(runtime, fake_slack, "/topics", 'add "Local watch" tram OR bridge')
    run_command(runtime, fake_slack, "/subscribe", "Local watch hourly", channel="C0DESK")
    answer = run_command(runtime, fake_slack, "/topics",
                         'edit "Local watch" hail OR orchard*')["text"]
    assert answer == ("*Local watch* now matches `hail OR orchard*` (was `tram OR bridge`); its "
                      "subscriptions stay. 1 running story matches it; 1 running story it "
                      "matched no longer."), answer  # was "I don't know `edit`"
    topic = get_topic(fresh_db, "Local watch")
    assert topic is not None and topic.query == "hail OR orchard*"
    [sub] = subscriptions_of(fresh_db, ["C0DESK"])
    assert (sub.topic, sub.mode) == ("Local watch", "hourly")
    shown = run_command(runtime, fake_slack, "/topics", 'show "Local watch"')["text"]
    assert "Orchard growers count hail damage" in shown and "Tram bridge" not in shown
    again = run_command(runtime, fake_slack, "/topics", 'edit "Local watch" hail')["text"]
    assert again.endswith("1 running story matches it."), again  # nothing said of none dropped


@pytest.mark.parametrize(("query", "says"), [
    ("hail -orchard", "write NOT orchard"),
    ("hail or orchard", "write OR for the operator"),
    ("hail AND (", "bad query"),
])
def test_a_bad_query_is_refused_and_the_topic_keeps_its_own(runtime, fake_slack, fresh_db,
                                                            query, says):
    run_command(runtime, fake_slack, "/topics", "add Weather hail OR frost")
    answer = run_command(runtime, fake_slack, "/topics", f"edit Weather {query}")["text"]
    assert says in answer and "Usage" in answer, answer
    topic = get_topic(fresh_db, "Weather")
    assert topic is not None and topic.query == "hail OR frost"


def test_editing_a_topic_not_there_or_without_a_query_says_so(runtime, fake_slack):
    run_command(runtime, fake_slack, "/topics", "add Weather hail")
    missing = run_command(runtime, fake_slack, "/topics", "edit Wether hail OR frost")["text"]
    assert missing == "No topic named “Wether”. See `/topics` for the list.", missing
    bare = run_command(runtime, fake_slack, "/topics", "edit Weather")["text"]
    assert bare.startswith("Which topic, and which new query?"), bare


def test_a_topic_whose_stored_query_is_no_longer_read_is_marked_where_the_desk_looks(
        runtime, fake_slack, fresh_db):
    """Stored before today's checks, 'ferry -strike' matches nothing (the story stage says it
    in the log only): `/topics` and App Home mark it, with why and `/topics edit` to mend it;
    a topic read as before is not marked, and the edit clears the mark."""
    run_command(runtime, fake_slack, "/topics", "add Weather hail OR frost")
    with transaction(fresh_db):
        insert_topic(fresh_db, name="Night ferries", query="ferry -strike")
    listed = run_command(runtime, fake_slack, "/topics", "")["text"]
    ferries, weather = listed.split("• ")[1:]
    assert "matches nothing: its query is no longer read ('-strike' would match strike" in \
        ferries and '`/topics edit "Night ferries" QUERY`' in ferries, listed
    assert "matches nothing" not in weather, listed
    home = app_home(runtime, fake_slack)
    assert home.count("matches nothing: its query is no longer read") == 1, home
    assert '/topics edit \\"Night ferries\\" QUERY' in home, home
    run_command(runtime, fake_slack, "/topics", 'edit "Night ferries" ferry AND NOT strike')
    assert "matches nothing" not in run_command(runtime, fake_slack, "/topics", "")["text"]
    assert "matches nothing" not in app_home(runtime, fake_slack)


def test_a_name_of_several_words_typed_without_quotes_is_answered_with_the_quoted_edit(
        runtime, fake_slack, fresh_db):
    """`/topics edit Local watch hail`: before, "No topic named “Local”. See `/topics` for the
    list." while the list held *Local watch*; now the command that edits it, nothing changed."""
    run_command(runtime, fake_slack, "/topics", 'add "Local watch" tram OR bridge')
    answer = run_command(runtime, fake_slack, "/topics", "edit Local watch hail OR frost")["text"]
    assert answer == ("No topic named “Local”. Is it *Local watch*? A name of several words "
                      "needs quotes: `/topics edit \"Local watch\" hail OR frost`. Nothing was "
                      "changed."), answer
    topic = get_topic(fresh_db, "Local watch")
    assert topic is not None and topic.query == "tram OR bridge"


def test_a_name_without_quotes_and_the_q_option_get_the_command_that_works_at_once(
        runtime, fake_slack, fresh_db):
    """`/topics edit Port strikes -q dock*`: before, `/topics edit Port strikes dock*` (the
    option taken out, the name still unquoted), which then got the unquoted name's answer: two
    steps. The name is checked first; the one answer quotes it and drops the option."""
    run_command(runtime, fake_slack, "/topics", 'add "Port strikes" strike AND port')
    for typed, option in (("-q dock*", "-q"), ("--query dock*", "--query"),
                          ("—query=dock*", "—query")):
        answer = run_command(runtime, fake_slack, "/topics", f"edit Port strikes {typed}")["text"]
        assert answer == ("No topic named “Port”. Is it *Port strikes*? A name of several "
                          "words needs quotes, and Slack's /topics takes the query after the "
                          f"name without {option}: `/topics edit \"Port strikes\" dock*`. "
                          "Nothing was changed."), answer
    topic = get_topic(fresh_db, "Port strikes")
    assert topic is not None and topic.query == "strike AND port"
    answer = run_command(runtime, fake_slack, "/topics", 'edit "Port strikes" dock*')["text"]
    assert answer.startswith("*Port strikes* now matches `dock*`"), answer
