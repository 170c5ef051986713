"""A verb of a flat coordination speaks with the nearest verb before it that has a subject of
its own ("dockers struck, and the union denounced the plan and said …" is the union's), where
the parser hung every verb off the first; on text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one


def test_a_third_verb_shares_the_second_verbs_subject(statements_of):
    text = ("A group of dockers called for a strike on Monday, and the regional transport "
            "union the Harbour Workers League strongly denounced the plan and said it would "
            "press for a new vote.")
    quote = one(statements_of(text), "press for a new vote")
    assert quote.kind == "indirect"
    assert (quote.speaker.name or "").endswith("Harbour Workers League"), quote.speaker


def test_a_second_verb_without_another_subject_keeps_the_first(statements_of):
    text = ("Councillor Ana Ruiz visited the north pier on Monday and said the ferries would "
            "run late all winter.")
    quote = one(statements_of(text), "ferries would run late")
    assert (quote.kind, quote.speaker.name) == ("indirect", "Ana Ruiz")
