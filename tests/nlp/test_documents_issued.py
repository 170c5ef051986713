"""A document speaks for whoever a clause inside its own phrase says issued it, and "it" after
a document speaks for that document's issuer; on text written here."""

from __future__ import annotations

import pytest

SPEAKERS = [
    pytest.param(
        "Ferry fares have doubled since 2019.\n\n"
        "A study of ferry towns on the coast published in the spring by the Harwell Institute "
        "found that most routes ran at a loss.",
        "indirect", "ran at a loss", "the Harwell Institute",
        id="a_participle_the_parser_hung_inside_the_phrase_names_the_issuer"),
    pytest.param(
        "The channel has silted up again this winter.\n\n"
        "A memo the Marlow Port Authority sent to pilots on Friday warned that the channel "
        "would close for a month.",
        "indirect", "would close", "the Marlow Port Authority",
        id="a_relative_clause_names_the_issuer"),
    pytest.param(
        "Night shifts at the depot were cut in January.\n\n"
        "In a phone poll of 600 depot workers, conducted from March 3 to March 9, the Harwell "
        "Institute found that most of them wanted the night shift back.\n\n"
        "The poll also shows that younger workers want shorter shifts.",
        "indirect", "shorter shifts", "the Harwell Institute",
        id="a_date_a_poll_was_conducted_from_is_no_issuer"),
]


@pytest.mark.parametrize(("text", "kind", "words", "name"), SPEAKERS)
def test_the_document_speaks_for_its_issuer(quotes_of, only, text, kind, words, name):
    assert only(quotes_of(text), kind, words).speaker.name == name
