""""He told the council that …": the that-clause after the one told is what was said, even when
the parser hung the narrative before a dash on the same verb as a second clause. On text
written here."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

TOLD_AFTER_A_DASH = ("Tomas Berg runs the ferry line. Berg looks tired these days — he told the "
                     "paper that the strike had worn him out.")


def test_the_clause_after_the_one_told_is_what_was_said(quotes_of, only):
    quote = only(quotes_of(TOLD_AFTER_A_DASH), "indirect", "worn him out")
    assert quote.text == "that the strike had worn him out"
    assert quote.speaker.name == "Tomas Berg"


def test_the_narrative_before_the_dash_is_not_reported(quotes_of):
    assert speakers_of(quotes_of(TOLD_AFTER_A_DASH), "looks tired") == []


def test_told_after_a_comma_reports_the_clause_after_the_one_told(quotes_of, only):
    text = ("Tomas Berg runs the ferry line. The line is losing money, he told reporters on "
            "Monday that the fares would rise.")
    quotes = quotes_of(text)
    assert only(quotes, "indirect", "fares would rise").speaker.name == "Tomas Berg"
    assert speakers_of(quotes, "losing money") == []


def test_told_with_no_clause_before_still_reports_its_clause(quotes_of, only):
    text = "Tomas Berg runs the ferry line. Berg told the committee on Tuesday that fares would rise."
    quote = only(quotes_of(text), "indirect", "fares would rise")
    assert (quote.text, quote.speaker.name) == ("that fares would rise", "Tomas Berg")
