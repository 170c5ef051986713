""""“…,” she said" whose "she" no rule resolves (no woman named) is never given to a man the
article names, by his first name or by "Mr.", whom the text around would give it (issue 14,
speakers50e). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

FINED = "Tomas Berg was fined on Monday for building a boathouse too close to the canal.\n\n"
TITLED = ("Mr. Berg was fined on Monday for building a boathouse too close to the canal. He "
          "paid the fine the same day.\n\n")


def test_she_is_not_the_man_named_by_his_first_name(quotes_of):
    text = (FINED + "The magistrate asked who had approved the drawings. “That was an error,” "
            "she said.")
    assert speakers_of(quotes_of(text), "That was an error") == [None]


def test_she_is_not_the_man_named_as_mister(quotes_of):
    text = TITLED + "“That was an error,” she said."
    assert speakers_of(quotes_of(text), "That was an error") == [None]


def test_he_still_goes_to_the_man(quotes_of):
    text = FINED + "“That was an error,” he said."
    assert speakers_of(quotes_of(text), "That was an error") == ["Tomas Berg"]


def test_an_untagged_quote_still_goes_to_the_man_before_it(quotes_of):
    text = FINED + "“That was an error.”"
    assert speakers_of(quotes_of(text), "That was an error") == ["Tomas Berg"]
