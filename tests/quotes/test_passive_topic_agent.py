"""A topic or charge reported in the passive is the agent's ("Pushed by host Tomas Berg on what
…", "was criticised by the union for …"), and a time or place phrase before the topic does not
hide it ("asked … on Thursday about raising the levy"); on text written here and the real spaCy
model."""

from __future__ import annotations

from tests.quotes.conftest import one

OPENING = "Mayor Ana Ruiz spoke on the harbour station's morning show on Friday.\n\n"


def test_a_topic_pressed_by_a_named_host_is_the_hosts(reported):
    text = (OPENING + "Pushed by host Tomas Berg on what could make her run again in 2030, "
            "Ruiz demurred.")
    assert one(reported(text), "what could make her run").speaker.name == "Tomas Berg"


def test_a_charge_made_by_a_named_body_in_the_passive_is_the_bodys(reported):
    text = (OPENING + "The levy was criticised by the Harbour Workers Union for ignoring the "
            "warnings of its own engineers.")
    quote = one(reported(text), "ignoring the warnings")
    assert quote.speaker.name == "the Harbour Workers Union"


def test_a_topic_after_a_day_is_still_the_topic(statements_of):
    text = (OPENING + "When asked by host Tomas Berg on Thursday about raising the harbour "
            "levy, Ruiz said: \"I do not believe that is wise.\"")
    quotes = statements_of(text)
    assert one(quotes, "raising the harbour levy").speaker.name == "Tomas Berg"
    assert one(quotes, "I do not believe").speaker.name == "Ana Ruiz"


def test_a_charge_with_no_one_named_by_stays_unsaid(reported):
    text = OPENING + "The levy was criticised for ignoring the warnings of its own engineers."
    assert not [q for q in reported(text) if "ignoring" in q.text]


def test_a_day_and_a_plain_topic_report_nothing(reported):
    text = OPENING + "Ruiz talked on Thursday about the weather and the tides."
    assert not [q for q in reported(text) if "weather" in q.text]


def test_only_a_time_is_passed_on_the_way_to_a_topic(reported):
    text = (OPENING + "A pier worker spoke on the radio for fear of being dismissed by the "
            "port authority.")
    assert not [q for q in reported(text) if "dismissed" in q.text]


def test_quoted_words_in_a_passive_charge_are_not_the_agents(statements_of):
    text = (OPENING + "Ruiz was criticised by the dockers for describing the pickets as "
            "\"thugs.\"")
    assert not [q for q in statements_of(text)
                if "thugs" in q.text and q.speaker.name == "the dockers"]
