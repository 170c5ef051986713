""""The panel" is the one committee, commission or board the article named before it; on
text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_a_memo_from_the_panel_is_the_committee_named_before(statements_of):
    text = ("Senator Ana Ruiz, who chairs the Senate Committee on Harbour Safety, said on "
            "Monday that the inquiry was nearly done.\n\n"
            "“We have heard from almost every witness,” Ruiz said in a statement.\n\n"
            "Tuesday's memo from the panel appeared meant to answer its critics.\n\n"
            "“So far, 40 of the 52 witnesses had never spoken to any inquiry,” it stated.\n\n"
            "A minority aide said the new interviews repeated old accounts.")
    quote = one(statements_of(text), "40 of the 52 witnesses")
    assert quote.speaker.name == "the Senate Committee on Harbour Safety"


def test_the_panel_is_no_body_when_two_committees_were_named(statements_of):
    text = ("The Senate Committee on Harbour Safety and the House Committee on Ports met "
            "together on Monday.\n\n"
            "The panel said in a statement that the inquiry would go on until May.")
    quote = one(statements_of(text), "the inquiry would go on")
    assert quote.speaker.name not in {"the Senate Committee on Harbour Safety",
                                      "the House Committee on Ports"}
