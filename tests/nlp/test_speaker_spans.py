"""A speaker a desk reads is a name or a short description: a date or time closing the
phrase says when, not who, and is cut off (issue 14, descriptions34); on text written here
and the real spaCy model."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("body", "contains", "speaker"), [
    ("A county audit on Wednesday said the ferry depot had lost money for three years.",
     "lost money", "A county audit"),
    ("Disclosures filed on Sunday night showed the harbour fund had doubled since spring.",
     "had doubled", "Disclosures"),
    ("The first timetable published Thursday says the ferry will run every hour.",
     "every hour", "The first timetable"),
])
def test_a_date_closing_the_speakers_phrase_is_cut_off(quotes_of, only, body, contains,
                                                         speaker):
    assert only(quotes_of(body), "indirect", contains).speaker.name == speaker


def test_a_date_inside_the_phrase_and_an_age_stay(quotes_of, only):
    body = ("Figures released Friday by the harbour board show the catch fell by a third. "
            "Anglers 18 to 35 years old said the quotas were unfair.")
    quotes = quotes_of(body)
    assert only(quotes, "indirect", "catch fell").speaker.name == \
        "Figures released Friday by the harbour board"
    assert only(quotes, "indirect", "quotas were").speaker.name == "Anglers 18 to 35 years old"
