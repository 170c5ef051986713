"""A negated verb of belief still gives its subject's view ("she does not think the ferry will
run" is her view that it will not), where a negated verb of saying reports nothing; on text
written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


def test_a_negated_think_is_the_subjects_view(statements_of):
    text = INTRO + "She does not think the ferry will run again before spring."
    quote = one(statements_of(text), "the ferry will run again")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Marta Ruiz")


def test_a_contracted_negation_of_believe_is_the_subjects_view(statements_of):
    text = INTRO + "Ruiz doesn't believe the harbour fees will fall this year."
    quote = one(statements_of(text), "the harbour fees will fall")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Marta Ruiz")


def test_a_negated_say_reports_nothing(reported):
    text = INTRO + "Ruiz did not say the pier would close."
    assert not [q for q in reported(text) if "pier would close" in q.text]
