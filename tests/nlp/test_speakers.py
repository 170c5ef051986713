"""Speaker resolution: surnames, titles, pronouns by gender and number, organisations, sources."""

import pytest


def test_surname_resolves_to_the_full_name_first_given(quotes_of, only):
    quotes = quotes_of(
        "Economy Minister Lena Vogt presented the budget on Tuesday.\n\n"
        "“We will not raise taxes on families this year,” Vogt told reporters in Bonn.")
    quote = only(quotes, "direct", "raise taxes")
    assert quote.speaker.name == "Lena Vogt"
    assert quote.speaker.role == "Economy Minister"
    assert quote.cue == "told reporters"


def test_title_resolves_to_the_person_holding_it(quotes_of, only):
    quotes = quotes_of(
        "Health Minister Piotr Nowak visited the hospital in Gdansk.\n\n"
        "“The wards need two hundred more nurses,” the minister said.")
    assert only(quotes, "direct", "nurses").speaker.name == "Piotr Nowak"


def test_she_resolves_to_the_woman_not_the_latest_man(quotes_of, only):
    quotes = quotes_of(
        "Ms Ito met Mr Harlan on Monday to discuss the merger.\n\n"
        "“I am confident we can reach a deal,” she said.")
    assert only(quotes, "direct", "confident").speaker.name == "Ito"


def test_he_resolves_to_the_man_by_gender_cue_from_the_article(quotes_of, only):
    quotes = quotes_of(
        "Sara Lindqvist, the mayor, and the city's chief engineer, Jonas Ekberg, inspected "
        "the tunnel. Ekberg said his team had found cracks.\n\n"
        "“The tunnel must close for at least a month,” he said.")
    assert only(quotes, "direct", "tunnel must close").speaker.name == "Jonas Ekberg"


def test_they_resolves_to_the_group_that_spoke_before(quotes_of, only):
    quotes = quotes_of(
        "Union leaders say the talks have stalled.\n\n"
        "“We are ready to strike,” they said in a statement.")
    quote = only(quotes, "direct", "ready to strike")
    assert quote.speaker.name == "Union leaders"
    assert quote.speaker.kind == "unnamed"
    assert quote.cue == "in a statement"


def test_unnamed_source_is_a_speaker_of_kind_unnamed(quotes_of, only):
    quote = only(quotes_of("“Nobody is at risk,” a senior official told Reuters."),
                 "direct", "Nobody")
    assert quote.speaker.name == "a senior official"
    assert quote.speaker.kind == "unnamed"
    assert quote.cue == "told Reuters"


def test_the_company_resolves_to_the_organisation_named_before(quotes_of, only):
    quotes = quotes_of(
        "Northwind Energy said it would cut 400 jobs.\n\n"
        "“This was a painful decision,” the company said in a letter to staff.")
    quote = only(quotes, "direct", "painful")
    assert quote.speaker.name == "Northwind Energy"
    assert quote.speaker.kind == "organisation"
    assert quote.cue == "in a letter to staff"


def test_according_to_names_the_speaker(quotes_of, only):
    quotes = quotes_of(
        "The bridge will reopen in May, “if the weather holds and the steel arrives”, "
        "according to Priya Raman, the project director.")
    assert only(quotes, "direct", "weather holds").speaker.name == "Priya Raman"


def test_a_document_speaks_for_its_author(quotes_of, only):
    quotes = quotes_of(
        "Trade envoy Marek Zielinski wrote to the committee last week. Zielinski's letter "
        "said the tariffs would hurt exporters in the north.")
    quote = only(quotes, "indirect", "tariffs")
    assert quote.speaker.name == "Marek Zielinski"


@pytest.mark.parametrize("between", [
    "\n\nHis rival, Piet Jansen, was elected chairman of the port board on Monday. ",
    " In that sense, Piet Jansen was not just a rival but a warning. ",
])
def test_he_added_goes_on_from_whoever_spoke_the_quote_before(quotes_of, only, between):
    quotes = quotes_of(
        "“We lost the vote by two seats,” said Tomas Berg, the union's organiser." + between +
        "“We will keep fighting for the night crews,” he added.")
    assert only(quotes, "direct", "night crews").speaker.name == "Tomas Berg"


def test_he_added_after_someone_else_reported_speaking_is_that_someone(quotes_of, only):
    quotes = quotes_of(
        "“We lost the vote by two seats,” said Tomas Berg, the union's organiser.\n\n"
        "Piet Jansen said the crews would vote again in May. “They have earned it,” he added.")
    assert only(quotes, "direct", "earned it").speaker.name == "Piet Jansen"
