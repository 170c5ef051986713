"""A he/she that is a verb's subject is never the person the same verb names as its object:
"She asked Kerr what …" is someone other than Kerr, however recently Kerr was the subject. On
text written here."""

from __future__ import annotations

ASKED = ("Lena Voss has written for the county weekly for a decade. On Friday, Mayor Anna Kerr "
         "held her first press conference since the flood.\n\n"
         "She asked Kerr what the town would do about the bridge.")


def test_the_asker_is_not_the_one_asked(quotes_of, only):
    assert only(quotes_of(ASKED), "indirect", "about the bridge").speaker.name == "Lena Voss"


ASKED_HIM = ("Martin Reyes has worked as a nurse at the clinic for years. Dr. Paul Gantz, its "
             "director, met the staff on Monday, and Gantz praised the nurses.\n\n"
             "He asked Gantz why the night shift had been cut.")


def test_the_asker_is_not_the_man_asked(quotes_of, only):
    assert only(quotes_of(ASKED_HIM), "indirect", "night shift").speaker.name == "Martin Reyes"


def test_the_one_asked_still_answers_for_himself(quotes_of, only):
    text = ASKED_HIM + "\n\n\"We will look at the rota,\" Gantz said."
    assert only(quotes_of(text), "direct", "the rota").speaker.name == "Paul Gantz"
