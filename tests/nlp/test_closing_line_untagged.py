"""An op-ed's closing line names its writer even where the recogniser tags the name an
organisation (issue 14, speakers49a): "Paul Harlan Ridley, a … law professor, is a member of …"
signs the piece by its known first name, so the writer's own "I predict" is theirs. Text
written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

OP_ED = (
    "The harbour toll went up again this year.\n\n"
    "The council spends the money on consultants, and the ferries still run late. Its "
    "members seem to think nobody notices. This, I predict, will not last past the next "
    "election.\n\n")
PREDICTED = "will not last past the next election"


def test_a_closing_name_tagged_an_organisation_still_signs_the_piece(quotes_of, nlp):
    closing = ("Paul Harlan Ridley, a University of Halden law professor, is a member of "
               "the Halden Herald's Board of Contributors.")
    assert [e.label_ for e in nlp(closing).ents if e.text == "Paul Harlan Ridley"] == ["ORG"]
    assert speakers_of(quotes_of(OP_ED + closing), PREDICTED) == ["Paul Harlan Ridley"]


def test_a_closing_line_opening_on_a_body_names_no_writer(quotes_of):
    closing = ("Halden Ferry Partners, a group of harbour firms, is a member of the "
               "regional transport forum.")
    assert speakers_of(quotes_of(OP_ED + closing), PREDICTED) in ([], [None])
