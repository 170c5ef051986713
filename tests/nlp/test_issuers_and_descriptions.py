"""Who a document or a description speaks for: whoever a clause inside the document's phrase
says issued it, the name set beside the same description earlier, and a man or a woman a
"-man" or "-woman" noun describes; on text written here."""

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
    pytest.param(
        "The couple were flying home to Leeds after a week in Lisbon, their daughter's school, "
        "Hartwell Academy, confirmed on Friday. Ana Ruiz, who taught music at the school, had "
        "been ill for months.\n\n"
        "The school said it would hold a service for the couple next week.",
        "indirect", "hold a service", "Hartwell Academy",
        id="the_school_is_the_name_set_beside_their_daughters_school"),
    pytest.param(
        "The couple were flying home to Leeds after a week in Lisbon, their daughter's school, "
        "Hartwell Academy, confirmed on Friday. Ana Ruiz, who taught music at the school, had "
        "been ill for months.\n\n"
        "According to the school's website, the service will be held in the chapel next week.",
        "indirect", "held in the chapel", "Hartwell Academy",
        id="the_schools_website_speaks_for_the_school_named_beside_it"),
    pytest.param(
        "In a post on Friday, Tom Vale wrote: \"I could not disagree with her more, but she "
        "knows the harbour better than any of us.\"\n\n"
        "The radioman pointed out that the mayor had once backed the same ferry cuts she now "
        "opposes.",
        "indirect", "ferry cuts", "Tom Vale",
        id="the_radioman_is_the_man_named_just_before"),
]


@pytest.mark.parametrize(("text", "kind", "words", "name"), SPEAKERS)
def test_the_speaker_is_the_one_meant(quotes_of, only, text, kind, words, name):
    assert only(quotes_of(text), kind, words).speaker.name == name


def test_a_word_ending_in_man_that_names_no_one_has_no_sex():
    from bot.nlp.speakers.names import gender_of_words
    assert gender_of_words(["anchorwoman"]) == "f"
    assert gender_of_words(["human"]) is None
    assert gender_of_words(["German"]) is None
