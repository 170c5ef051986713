"""A word in lower case before a document's noun is never its issuer's name, even where the
tagger took it for a proper noun ("the white paper" is no paper of "white"): the document
goes to whoever issued it (issue 14, speakers50b). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

PAPER = ("Norway is handing members of parliament a long white paper on its fishing rules.\n\n"
         "For a government not known for its openness, the white paper is unusually plain and "
         "detailed. It lists the steps the government has taken to protect the northern seas."
         "\n\nFor instance, the paper notes the coast guard inspects 9,000 of the country's "
         "11,000 boats.")


def test_a_white_paper_speaks_for_its_issuer_not_for_white(quotes_of):
    assert speakers_of(quotes_of(PAPER), "coast guard inspects") == ["Norway"]
