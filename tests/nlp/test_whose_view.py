"""Whose view a sentence gives, and whom a quotation names: a "for" phrase opening a sentence
("For Vera Ostrom, …, knocking on doors is …") makes the he/she of the quotation after it that
person, not the organiser quoted before nor the writer the sentence's own subject names; and a
name inside what others say in a quotation ("they say Piet Berg should quit") may be the
speaker's own. On text written here."""

from __future__ import annotations

import pytest

VIEWS = [
    pytest.param(
        "Senator Ilse Brandt opened her campaign office in Dunmore last week. Brandt has "
        "visited the town four times, and Brandt spoke at the library on Monday. \"We start "
        "here,\" said Nadia Lenz, her local organiser.\n\n"
        "For Vera Ostrom, a retired nurse and one of the volunteers at the office, knocking on "
        "doors twice a week is a way to give back.\n\n"
        "\"I do it for my grandchildren,\" she said.",
        "my grandchildren", "Vera Ostrom", id="a_volunteer_whose_view_is_given_not_the_organiser"),
    pytest.param(
        "Professor Aldo Ferrante wrote last month that the city budget was a mess. Ferrante "
        "argued that the council had wasted money on consultants, and Ferrante blamed the "
        "mayor.\n\n"
        "For Tomas Greer, Ferrante is ignoring how much the consultants saved.\n\n"
        "\"The numbers tell a different story,\" he said.",
        "different story", "Tomas Greer", id="the_critic_whose_view_is_given_not_its_subject"),
]


@pytest.mark.parametrize(("text", "words", "name"), VIEWS)
def test_the_person_a_fronted_for_phrase_names_speaks_next(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "direct", words).speaker.name == name


SAID_OF_HIM = ("Councillor Piet Berg lost the vote on the harbour plan last week, but he has not "
               "given up. Mayor Olaf Lund asked him to step aside on Monday.\n\n"
               "Berg is now touring the wards to rally his supporters.\n\n")


def test_a_speaker_may_quote_what_others_say_of_him(quotes_of, only):
    text = SAID_OF_HIM + ("\"Plenty of people in this town, they say Piet Berg should quit and "
                          "go home,\" he said at a meeting on Tuesday.")
    assert only(quotes_of(text), "direct", "should quit").speaker.name == "Piet Berg"


def test_a_name_in_what_the_speaker_says_himself_is_someone_else(quotes_of, only):
    text = SAID_OF_HIM + ("\"I told them Olaf Lund had lost his nerve,\" he said at a meeting "
                          "on Tuesday.")
    assert only(quotes_of(text), "direct", "lost his nerve").speaker.name == "Piet Berg"
