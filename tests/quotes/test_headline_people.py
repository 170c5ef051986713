"""A description the body leaves without a person means the one person the headline names."""

from __future__ import annotations

from tests.quotes.conftest import one, speaker_of


def test_a_bare_title_under_a_headline_is_the_person_the_headline_names(statements_of):
    quotes = statements_of(
        "Delgado cuts half of her campaign staff\n"
        "Win or lose, candidate says, the movement will outlast the race.\n\n"
        "Tuesday's results are likely to force Maria Delgado to rethink her bid.")
    assert speaker_of(quotes, "the movement will outlast") == "Maria Delgado"


def test_a_description_before_anyone_is_named_is_the_headline_person(statements_of):
    quotes = statements_of(
        "Halvorsen vows to fight river dredging plan\n\n"
        "The veteran ferryman said the dredging would “ruin the crossing for good.”\n\n"
        "Piet Halvorsen has run the crossing at Elm Bend for thirty years.")
    assert speaker_of(quotes, "ruin the crossing") == "Piet Halvorsen"


def test_a_headline_naming_two_people_gives_a_bare_title_to_neither(statements_of):
    quotes = statements_of(
        "Delgado and Brandt both cut half of their campaign staff\n"
        "Win or lose, candidate says, the movement will outlast the race.\n\n"
        "Tuesday's results are likely to force Maria Delgado and Lena Brandt to rethink.")
    speaker = one(quotes, "the movement will outlast").speaker
    assert (speaker.kind, speaker.name) == ("unnamed", "candidate")


def test_a_person_the_body_names_first_is_who_a_description_means(statements_of):
    quotes = statements_of(
        "Halvorsen vows to fight river dredging plan\n\n"
        "Port engineer Tomas Dahl inspected the banks on Monday. The veteran engineer said "
        "the dredging would “weaken every jetty on the bend.”\n\n"
        "Piet Halvorsen has run the crossing at Elm Bend for thirty years.")
    assert speaker_of(quotes, "weaken every jetty") == "Tomas Dahl"


def test_the_company_under_a_headline_naming_a_platform_is_that_platform(statements_of):
    quotes = statements_of(
        "Snapchat removes thousands of accounts run by spammers\n\n"
        "The company said the accounts had sent millions of fake messages.")
    assert speaker_of(quotes, "fake messages") == "Snapchat"


def test_a_body_the_headline_names_is_not_another_kind_of_body(statements_of):
    quotes = statements_of(
        "Parents at Elm Lane Primary School fight closure plan\n\n"
        "The council says falling birth rates mean the school will shrink.")
    assert speaker_of(quotes, "falling birth rates") == "The council"
