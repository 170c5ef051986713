"""A name or command word typed a little off is answered with the ones meant: the real Bolt app
over HTTP with signed requests, the fake Slack, a real SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import run_command


def _topics(db) -> None:
    with transaction(db):
        for name, query in (("Ferries", "ferry"), ("Ferry fares", "ferry AND fare"),
                            ("Harbour works", "harbour"), ("Rates", "interest")):
            add_topic(db, name=name, query=query)


def test_a_topic_name_off_by_a_plural_a_letter_or_a_prefix_is_offered_back(
        runtime, fake_slack, fresh_db):
    """Before: `/topics show Ferry` said "No topic named “Ferry”. See `/topics` for the list."
    with *Ferries* in it, and `/subscribe Ferry` listed every topic; a name far from all of
    them still gets the list."""
    _topics(fresh_db)

    def typed(command: str, text: str) -> str:
        return run_command(runtime, fake_slack, command, text)["text"]

    assert typed("/topics", "show Ferry") == (
        "No topic named “Ferry”. Did you mean *Ferries* (`/topics show Ferries`) or "
        "*Ferry fares* (`/topics show \"Ferry fares\"`)?")
    assert typed("/topics", "remove harbor works").endswith(
        "Did you mean *Harbour works*? `/topics remove \"Harbour works\"`")
    assert typed("/topics", "edit RATE interest OR loans").endswith(
        "Did you mean *Rates*? `/topics edit Rates interest OR loans`")
    assert typed("/subscribe", "Ferry daily") == (
        "No topic named “Ferry”. Did you mean *Ferries* (`/subscribe Ferries daily`) or "
        "*Ferry fares* (`/subscribe \"Ferry fares\" daily`)?")
    assert typed("/unsubscribe", "me harb").endswith(
        "Did you mean *Harbour works*? `/unsubscribe me \"Harbour works\"`")
    far = typed("/subscribe", "Elections")
    assert far.startswith("No topic named “Elections”. Topics: Ferries, Ferry fares"), far
    assert "Did you mean" not in typed("/topics", "show Fe"), "two letters offer nothing"


def test_a_command_word_typed_a_little_off_is_answered_with_the_one_meant(runtime, fake_slack,
                                                                          fresh_db):
    """Before: `/wirewatch hlep` said "I don't know `hlep`." and the whole help, and `/topics
    shwo Ferries` "I don't know `shwo`." and the usage; a word near none still gets them."""
    _topics(fresh_db)

    def typed(command: str, text: str) -> str:
        return run_command(runtime, fake_slack, command, text)["text"]

    assert typed("/wirewatch", "hlep") == "I don't know `hlep`. Did you mean `/wirewatch help`?"
    assert typed("/wirewatch", "stauts") == \
        "I don't know `stauts`. Did you mean `/wirewatch status`?"
    assert typed("/wirewatch", "subscirbe me Ferries") == \
        "I don't know `subscirbe`. Did you mean `/subscribe me Ferries`?"
    assert typed("/topics", "shwo Ferries") == \
        "I don't know `shwo`. Did you mean `/topics show Ferries`?"
    far = typed("/wirewatch", "frobnicate")
    assert far.startswith("I don't know `frobnicate`.\n") and "/wirewatch status" in far, far
