"""Whose speech act a participle is (session 43, speakers43a; issue 14), on text written here:

- "defended her policy of letting tenants stay … by citing a survey": "by" and a participle give
  the means of the clause that governs them; a clause inside a noun's gerund ("letting tenants
  stay") is not that clause, so the one who defended cites, not the tenants;
- "a letter the campaign sent the board claiming that …": a participle right after a relative
  clause on a document gives the document's words, which are its sender's, wherever the parser
  hung the participle."""

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


def test_a_document_sent_then_a_participle_speaks_for_its_sender(quotes_of):
    quotes = quotes_of(
        "Her remarks answer a letter the Ortiz campaign sent the board on Friday claiming that "
        "the count was flawed.")
    assert _of(quotes, "claiming") == [("the Ortiz campaign", "that the count was flawed")]


def test_a_participle_after_a_relative_clause_on_a_person_is_not_moved(quotes_of):
    quotes = quotes_of(
        "Mayor Dana Ortiz thanked a clerk the campaign hired on Friday, claiming that the count "
        "was flawed.")
    assert _of(quotes, "claiming") == [("Dana Ortiz", "that the count was flawed")]
