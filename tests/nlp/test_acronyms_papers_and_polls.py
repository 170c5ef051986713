"""Who speaks for an acronym, a newspaper and a poll: an acronym the article sets beside a
body's name ("the Farmers' Alliance Party, or FAP", "(CFU)") stays that body's when a longer
name ending in it ("Young FAP") is named later; "the newspaper" is the paper whose editors the
text names, tagged or not; a paper named like a document ("The Harbour Post") issues the poll
it conducted. On text written here."""

from __future__ import annotations

import pytest

SPEAKERS = [
    pytest.param(
        "In the 1990s the rural Farmers' Alliance Party, or FAP, began to campaign on water "
        "rights.\n\n"
        "In 2013, the FAP youth wing, Young FAP, went further. The Young FAP launched a "
        "petition of its own.\n\n"
        "Now the FAP is campaigning against plans to sell the dams, arguing that prices would "
        "rise.",
        "that prices would rise", "Farmers' Alliance Party",
        id="an_acronym_given_after_or_is_the_party_not_its_youth_wing"),
    pytest.param(
        "Dockers founded the Coastal Ferry Workers' Union (CFU) in 1961.\n\n"
        "Last spring its youth section, Young CFU, staged a strike of its own.\n\n"
        "On Monday the CFU said that the ferries would run again on Friday.",
        "would run again", "Coastal Ferry Workers' Union",
        id="an_acronym_in_brackets_is_the_union_not_its_youth_section"),
]


@pytest.mark.parametrize(("text", "words", "name"), SPEAKERS)
def test_the_acronym_speaks_for_the_name_it_stands_for(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name


PAPERS = [
    pytest.param(
        "A week after the storm, a Harwell newspaper urged the governor to visit the coast.\n\n"
        "That angered the editors of The Lantern, who ran a front-page editorial on Sunday.\n\n"
        "The newspaper said that the governor had waited too long.",
        "waited too long", "Lantern",
        id="the_editors_of_a_name_make_it_the_newspaper"),
    pytest.param(
        "A week after the storm, a Harwell newspaper urged the governor to visit the coast.\n\n"
        "The Lantern's editors ran a front-page editorial on Sunday.\n\n"
        "The newspaper said that the governor had waited too long.",
        "waited too long", "Lantern",
        id="a_names_editors_make_it_the_newspaper"),
    pytest.param(
        "A week after the storm, a Harwell newspaper urged the mayor to visit the coast.\n\n"
        "That did not sit well with the editors of The Clarion, who aimed their Friday "
        "editorial at the mayor.\n\n"
        "The newspaper said that the mayor had waited too long.",
        "waited too long", "Clarion",
        id="a_paper_the_recogniser_missed_is_still_the_newspaper"),
]


@pytest.mark.parametrize(("text", "words", "name"), PAPERS)
def test_the_newspaper_is_the_one_whose_editors_are_named(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name


def test_a_paper_named_like_a_document_issues_the_poll_it_conducted(quotes_of, only):
    text = ("Five things to watch before the vote.\n\n"
            "The last time The Harbour Post conducted a poll of all 50 states was in 1992, a "
            "year when the governor won 39 of them.\n\n"
            "Ana Ruiz leads Tom Vale by double digits in all five coastal states, according to "
            "the new poll.")
    quote = only(quotes_of(text), "indirect", "double digits")
    assert quote.speaker.name == "The Harbour Post"
