"""An acronym no body's name spells out stands for the one person whose role ends in words
with its initials: "the IG report" after "the authority's inspector general, Mara Lind" is
hers (issue 14, speakers49b). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

REPORT = ("The port authority misled tenants about its records, a review found.\n\n"
          "The IG report found that staff had never searched the director's files. ")


def test_the_initials_of_one_persons_title_are_hers(quotes_of):
    text = REPORT + ("The authority's inspector general, Mara Lind, said her office would "
                     "publish a second review in spring.")
    assert speakers_of(quotes_of(text), "never searched") == ["Mara Lind"]


def test_initials_two_people_hold_are_neither(quotes_of):
    text = REPORT + ("The authority's inspector general, Mara Lind, and the city's inspector "
                     "general, Tomas Berg, said their offices would publish a second review.")
    assert speakers_of(quotes_of(text), "never searched") == ["IG"]


def test_initials_a_body_spells_out_are_the_body(quotes_of):
    text = REPORT.replace("The port authority", "The Inland Grain board") + (
        "The Inland Grain board's inspector general, Mara Lind, said her office would publish "
        "a second review.")
    assert speakers_of(quotes_of(text), "never searched") == ["Inland Grain"]
