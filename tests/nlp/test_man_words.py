"""A noun made with "-man" or "-woman" describes a man or a woman named before; on text
written here."""

from __future__ import annotations


def test_the_radioman_is_the_man_named_just_before(quotes_of, only):
    quotes = quotes_of(
        "In a post on Friday, Tom Vale wrote: \"I could not disagree with her more, but she "
        "knows the harbour better than any of us.\"\n\n"
        "The radioman pointed out that the mayor had once backed the same ferry cuts she now "
        "opposes.")
    assert only(quotes, "indirect", "ferry cuts").speaker.name == "Tom Vale"


def test_a_word_ending_in_man_that_names_no_one_has_no_sex():
    from bot.nlp.speakers.names import gender_of_words
    assert gender_of_words(["anchorwoman"]) == "f"
    assert gender_of_words(["human"]) is None
    assert gender_of_words(["German"]) is None
