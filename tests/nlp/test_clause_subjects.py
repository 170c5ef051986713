"""Which subject a reporting verb's words belong to when the parse hangs the speaker elsewhere
(session 39, speakers39a; issue 14): each on text written here."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of


def test_a_participle_after_a_second_clause_is_that_clauses_speaker(quotes_of):
    quotes = quotes_of(
        "Over the past two weeks, inspectors fined the ferry operator and Mayor Ines Lund "
        "dismissed her harbour chief, Tom Berg, acknowledging that many residents have lost "
        "trust in the port.")
    assert speakers_of(quotes, "lost trust in the port") == ["Ines Lund"]


def test_a_date_the_parser_left_before_the_verb_is_not_the_speaker(quotes_of):
    quotes = quotes_of(
        "Tuesday in Hull, while on the hustings for his sister, council candidate Mara Berg, "
        "former mayor Tom Berg said his sister was ready for the job.")
    assert speakers_of(quotes, "ready for the job") == ["Tom Berg"]


def test_a_person_named_after_two_joined_titles_speaks_not_the_first_title(quotes_of):
    quotes = quotes_of(
        "“Nobody expected the ferry to run on time,” said former Ohio Gov. and Democratic "
        "National Committee Chairman Ed Marsh.")
    assert speakers_of(quotes, "ferry to run on time") == ["Ed Marsh"]
