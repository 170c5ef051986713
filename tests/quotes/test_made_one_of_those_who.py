""""The vote made Tom Berg one of the few councillors who have promised …": the relative
clause on "one of" speaks for the one made so; on text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_made_a_named_person_one_of_those_who(statements_of):
    text = ("The vote made Tom Berg one of the few councillors who have promised to keep the "
            "ferry running.")
    quote = one(statements_of(text), "keep the ferry running")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Tom Berg")


def test_makes_her_one_of_those_who(statements_of):
    text = ("Ana Ruiz says she will vote for the plan but has withheld her support. It is a "
            "risky position that makes her one of the only councillors in the county who has "
            "refused to take a firm stand for or against the pier.")
    quote = one(statements_of(text), "take a firm stand")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Ana Ruiz")
