"""Of two subjects the parser gave one reporting verb, the speaker is never a relative
clause's own ("the hacker whose break-ins revealed …") nor the one that opens what was said
after the verb ("Ruiz, whose …, said closed primaries deny …"); on text written here and the
real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_a_subject_owned_by_whose_does_not_speak(statements_of):
    text = ("The Latvian hacker whose break-ins first revealed that the governor used a "
            "private email account pleaded guilty on Wednesday to identity theft, admitting "
            "that he was responsible for a series of intrusions.")
    quote = one(statements_of(text), "responsible for a series of intrusions")
    assert (quote.kind, quote.speaker.name) == ("indirect", "The Latvian hacker")


def test_the_subject_opening_the_reported_clause_does_not_speak(statements_of):
    text = ("Voter turnout: Ruiz, whose coalition includes young people and independents, "
            "said closed primaries -- those open only to registered members -- deny many "
            "independents the right to vote.")
    quote = one(statements_of(text), "the right to vote")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Ruiz")


def test_of_two_subjects_before_the_verb_the_nearest_speaks(statements_of):
    text = ("Outside court on Friday, Inspector Tomas Berg said the harbour inquiry would "
            "reopen in March.")
    quote = one(statements_of(text), "harbour inquiry would reopen")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Tomas Berg")
