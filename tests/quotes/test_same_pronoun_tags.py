"""Two quotes of one paragraph tagged by the same he/she are one person's, however much better
known the person the first one speaks about is; on text written here and the real spaCy
model."""

from __future__ import annotations

from tests.quotes.conftest import one

SENATOR = (
    "Senator Ana Ruiz has voted against every gun bill for a decade. Ruiz says the laws "
    "punish owners who obey them.\n\n"
    "Ruiz won her seat in 2010. Ruiz has since raised money from gun makers, and Ruiz chairs "
    "the committee that writes the rules.\n\n"
    "\"I will not apologise for defending the law,\" Ruiz said on Tuesday. \"My record is "
    "clear,\" Ruiz said.\n\n"
    "Ruiz spoke to reporters for an hour. Ruiz said she would run again next year. Ruiz also "
    "said she had met many families. Ruiz thanked her staff.\n\n")
MOTHER = (
    "Robin Vale said Ruiz had treated her family coldly.\n\n"
    "\"Ruiz promised to meet us in person,\" she said about the senator, who was in the "
    "capital on Friday. \"We had a phone call, and it started twenty minutes late,\" she "
    "said. \"We were busy too. We were burying our son.\"\n\n"
    "Ruiz did not answer a request for comment.")


def test_a_second_she_said_in_the_paragraph_is_the_first_ones_speaker(statements_of):
    quotes = statements_of(SENATOR + MOTHER)
    assert one(quotes, "Ruiz promised to meet").speaker.name == "Robin Vale"
    assert one(quotes, "We had a phone call").speaker.name == "Robin Vale"
    assert one(quotes, "We were burying our son").speaker.name == "Robin Vale"


def test_the_senators_own_quotes_stay_hers(statements_of):
    quotes = statements_of(SENATOR + MOTHER)
    assert one(quotes, "My record is clear").speaker.name == "Ana Ruiz"


def test_a_she_in_the_next_paragraph_is_not_carried_over(statements_of):
    text = (SENATOR + "Robin Vale said Ruiz had treated her family coldly. \"She never "
            "called us back,\" she said.\n\n"
            "Ruiz answered on Friday. \"I have called every family who asked,\" she said.")
    assert one(statements_of(text), "I have called every family").speaker.name == "Ana Ruiz"
