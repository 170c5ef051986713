"""An article, story or piece a paper runs speaks for the paper (issue 14, session 52,
speakers52d); on text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

RAN_A_PIECE = ("Which brings me to the mayor. The Harbour Ledger recently ran a piece that noted "
               "his “transit plan would help wealthy commuters more than poorer ones.”")

STORY_AGAIN = ("A story by the website Harbourwatch said that more than a hundred delegates are "
               "ready to break with the mayor. The story also said that the mayor is worried.")


def test_the_paper_that_ran_the_piece(statements_of):
    speaker = one(statements_of(RAN_A_PIECE), "transit plan").speaker
    assert speaker.kind == "organisation"
    assert speaker.name is not None and speaker.name.removeprefix("The ") == "Harbour Ledger"


def test_an_article_in_a_named_paper(statements_of):
    quotes = statements_of("An article in the Harbour Ledger said that only one council member "
                           "backed the plan.")
    speaker = one(quotes, "only one council member").speaker
    assert speaker.name is not None and speaker.name.removeprefix("the ") == "Harbour Ledger"


def test_the_story_again_is_the_sites(statements_of):
    assert one(statements_of(STORY_AGAIN), "the mayor is worried").speaker.name == "Harbourwatch"


def test_an_article_in_a_month_names_no_paper(statements_of):
    quotes = statements_of("An article in March said that only one council member backed the "
                           "plan.")
    assert one(quotes, "only one council member").speaker.name != "March"
