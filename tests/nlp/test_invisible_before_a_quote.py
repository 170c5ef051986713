"""A mark nobody sees glued before a quotation mark (a zero-width space, a word joiner, a
soft hyphen, as a feed or a paste leaves it) is no part of the name the quote opens with: the
tokenizer keeps it, the mark and the first word as one token, and the person was registered
as "\\u200b“Tomas Berg" (issue 14, speakers48a). Text written for the tests."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import speakers_of


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\u00ad"],
                         ids=["zero_width_space", "word_joiner", "soft_hyphen"])
def test_the_name_a_quote_opens_with_is_keyed_without_the_marks(quotes_of, mark):
    text = ("The ferry board met on Monday.\n\n"
            f"{mark}“Tomas Berg will run the winter crossings,” the board said in a "
            "statement.\n\n"
            "Berg, a pilot for 30 years, said he was ready for the job.")
    [name] = speakers_of(quotes_of(text), "ready for the job")
    assert name in {"Tomas Berg", "Berg"}  # the recogniser takes "Tomas" in or not by mark
