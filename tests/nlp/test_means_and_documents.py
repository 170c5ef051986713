"""Whose speech act a participle is (session 43, speakers43a; issue 14), on text written here:

- "defended her policy of letting tenants stay … by citing a survey": "by" and a participle give
  the means of the clause that governs them; a clause inside a noun's gerund ("letting tenants
  stay") is not that clause, so the one who defended cites, not the tenants."""

from __future__ import annotations


def _of(quotes, verb: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.text) for q in quotes if q.verb == verb]


def test_by_citing_after_a_gerunds_clause_goes_with_the_governing_subject(quotes_of):
    quotes = quotes_of(
        "Mayor Dana Ortiz defended her policy of letting tenants stay in the towers by citing "
        "a survey done by the housing board.")
    assert _of(quotes, "citing") == [("Dana Ortiz", "a survey done by the housing board")]


def test_by_citing_after_a_finite_clause_keeps_that_clauses_subject(quotes_of):
    quotes = quotes_of(
        "After the storm, Tom Berg won the council vote on the towers by citing a survey done "
        "by the housing board.")
    assert _of(quotes, "citing") == [("Tom Berg", "a survey done by the housing board")]
