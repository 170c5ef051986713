"""A report no rule gives an issuer is that of the body the article names whose word owns
such a report elsewhere: "a congressional report" after "“The committee's report …,” said
X, who chairs the Senate Committee on …" is the committee's (issue 14, speakers49b). Text
written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

OPENING = ("Hackers broke into the port's computers three times, according to a congressional "
           "report released on Wednesday.\n\n")
LATER = "\n\nThe report said that staff had hidden the breaches from inspectors."


def test_a_report_is_the_body_whose_report_its_chair_quotes(quotes_of):
    text = OPENING + ("“The committee's interim report shows how careless the port has been,” "
                      "said Ana Ruiz, a senator from Ohio who chairs the Senate Committee on "
                      "Ports and Harbours." + LATER)
    quotes = quotes_of(text)
    assert speakers_of(quotes, "Hackers broke") == ["the Senate Committee on Ports and Harbours"]
    assert speakers_of(quotes, "hidden the breaches") == [
        "the Senate Committee on Ports and Harbours"]
    assert speakers_of(quotes, "how careless") == ["Ana Ruiz"]


def test_a_report_no_body_owns_stays_as_written(quotes_of):
    text = OPENING + ("“This report shows how careless the port has been,” said Ana Ruiz, a "
                      "senator from Ohio who chairs the Senate Committee on Ports and "
                      "Harbours." + LATER)
    assert speakers_of(quotes_of(text), "Hackers broke") == ["a congressional report"]
