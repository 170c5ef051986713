"""Text past what a command searches by is said, never dropped unsaid: /story refuses title
words past 200 characters; /who-said and "Who said this?" search a long quote's first 300
characters, to a whole word, and say so (signed requests over real HTTP, a real SQLite file,
the fake Slack Web API)."""

from __future__ import annotations

from handlers.shortcuts.who_said_message import CALLBACK_ID
from tests.fakes.interactive import message_shortcut_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.world import add_article, add_story

PLEDGE = ("we will keep every ferry on the island run sailing through the winter storms, "
          "whatever the fuel costs and whatever the council decides about the harbour levy, "
          "because the people of the outer islands have no other way to reach the hospital, "
          "the secondary school or the market on the mainland, and no crew of ours is going "
          "to be the one that leaves them stranded on a quay in January with nowhere to go")
"""An invented quote of 400 characters: past the 300 a quote search reads."""


def test_story_title_words_past_what_is_searched_are_refused_not_dropped(
        runtime, fake_slack, fresh_db):
    """`/story` with 30 title words then one more, 212 characters. Before: the text was cut at
    200 characters, the last word with it, and the story matching the first words was shown
    as if it held "quayside" too. Now the search is refused, saying how long the text is."""
    first = add_article(fresh_db, title="Dockers walk out at Tarnby")
    add_story(fresh_db, article_id=first, title="Dockers walk out at Tarnby")
    typed = "dockers walk out " * 12 + "quayside"
    said = run_command(runtime, fake_slack, "/story", typed)["text"]
    assert said.startswith(f"That is {len(typed)} characters; `/story` searches by at most "
                           "200"), said
    assert "Nothing was searched" in said and "Timeline" not in said, said


def test_a_long_quote_asked_is_searched_by_its_first_words_and_says_so(
        runtime, fake_slack, fresh_db):
    """`/who-said` with a 400-character quote pasted whole. Before: read to 300 characters,
    cut inside "crew", unsaid. Now its first 298 characters, to the word, and the answer
    says how much of it was searched."""
    article = add_article(fresh_db, title="Ferry operator vows winter service",
                          quotes=((PLEDGE, "Ines Kaur"),))
    add_story(fresh_db, article_id=article, title="Ferry operator vows winter service")
    said = run_command(runtime, fake_slack, "/who-said", PLEDGE)["text"]
    assert "*Ines Kaur*" in said, said
    assert said.endswith(f"_Searched for its first 298 of {len(PLEDGE)} characters, to a "
                         "whole word: a fragment of a quote finds it._"), said


def test_who_said_this_on_a_long_message_says_how_much_was_searched(
        runtime, fake_slack, fresh_db):
    """"Who said this?" on a message of the whole quote and more. Before: read to 300
    characters, unsaid. Now the answer says how much of the message was searched."""
    article = add_article(fresh_db, title="Ferry operator vows winter service",
                          quotes=((PLEDGE, "Ines Kaur"),))
    add_story(fresh_db, article_id=article, title="Ferry operator vows winter service")
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), message_shortcut_body(
        CALLBACK_ID, PLEDGE + ", the operator said on Tuesday.",
        response_url=fake_slack.response_url()))
    [reply] = wait_for(lambda: fake_slack.responses()[before:])
    assert "*Ines Kaur*" in reply["text"], reply
    assert "_Searched for its first 298 of 431 characters" in reply["text"], reply
