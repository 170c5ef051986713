"""A letter someone is said to have written or sent to someone speaks for them (issue 14,
speakers48a): "Berg wrote to the council … “…,” the letter read." is Berg's, as the gold's
convention gives a letter to who issued it. Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of


def test_the_letter_after_someone_wrote_to_someone_is_theirs(quotes_of):
    text = ("Tomas Berg wrote to the harbour council on Monday about the closure of the north "
            "pier.\n\n"
            "“The crews were never consulted, and the council knew it,” the letter read.")
    assert speakers_of(quotes_of(text), "never consulted") == ["Tomas Berg"]


def test_the_email_after_someone_wrote_to_tenants_is_theirs(quotes_of):
    text = ("Mara Lind, the port's finance director, wrote to every tenant last week, weeks "
            "before the vote.\n\n"
            "The email said that rents would rise in spring.")
    assert speakers_of(quotes_of(text), "rents would rise") == ["Mara Lind"]


def test_sending_something_else_is_no_letter(quotes_of):
    text = ("Tomas Berg sent two tugs to the north pier on Monday.\n\n"
            "“The crews were never consulted,” the letter read.")
    assert speakers_of(quotes_of(text), "never consulted") != ["Tomas Berg"]
