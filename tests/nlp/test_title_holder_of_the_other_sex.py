"""A title's one holder, or the last person named with it, is not who "the candidate" means
when the sentence goes on about the description with a "her" (or "his") of the other sex:
"the candidate said …, recalling advice from her mother" after a man titled "candidate" is
the woman the story is about. A "his" that fits leaves the title's holder. On text written
here."""

from __future__ import annotations

import pytest

HOLDERS = [
    pytest.param(
        "Republican candidate Tom Vale spent the weekend at county fairs.\n\n"
        "Ana Ruiz drew a large crowd in Harbour City on Sunday. She spoke for an hour.\n\n"
        "Ruiz has answered questions from voters online every week since May. In the latest "
        "video the candidate said that schools need more money, recalling advice from her "
        "mother.",
        "schools need more money", "Ana Ruiz", id="her_after_a_man_holds_the_title"),
    pytest.param(
        "Ana Ruiz drew a large crowd in Harbour City on Sunday. She spoke for an hour.\n\n"
        "Republican candidate Tom Vale spent the weekend at county fairs. In a radio "
        "interview the candidate said that farms need cheaper loans, recalling advice from "
        "his father.",
        "farms need cheaper loans", "Tom Vale", id="his_fits_the_holder"),
]


@pytest.mark.parametrize(("text", "words", "name"), HOLDERS)
def test_a_title_going_on_with_the_other_sex_is_not_its_holder(quotes_of, only, text, words,
                                                               name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name
