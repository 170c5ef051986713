"""An editorial board speaks for the paper the article names as running it; on text written
here and the real spaCy model."""

from __future__ import annotations

import pytest

QUOTE = "\n\n“The mayor has kept every promise,” "


@pytest.mark.parametrize(("before", "tag", "paper"), [
    ("A headline from the Harbour Courier editorial board drew fire on Wednesday.",
     "the editorial board writes.", "Harbour Courier"),
    ("The pro-Ruiz Harbour Courier, the county's largest newspaper, has run a string of "
     "editorials backing the mayor.", "the editorial board wrote.", "Harbour Courier"),
    ("The Harbour Courier's editorial board endorsed the mayor on Sunday.",
     "the board wrote.", "Harbour Courier"),
])
def test_the_editorial_board_is_the_paper_named_as_running_it(quotes_of, only, before, tag,
                                                              paper):
    speaker = only(quotes_of(f"{before}{QUOTE}{tag}"), "direct", "kept every promise").speaker
    assert (speaker.name, speaker.kind) == (paper, "organisation")


def test_the_editorial_is_the_paper_whose_editors_wrote_it(quotes_of, only):
    speaker = only(quotes_of("The editors of The Harbour Courier aimed their Friday editorial "
                             f"at the mayor, Ana Ruiz.{QUOTE}the editorial said."),
                   "direct", "kept every promise").speaker
    assert (speaker.name, speaker.kind) == ("The Harbour Courier", "organisation")


def test_a_school_board_is_no_editorial_board(quotes_of, only):
    speaker = only(quotes_of(f"The school board met on Monday.{QUOTE}the board said."),
                   "direct", "kept every promise").speaker
    assert speaker.name == "The school board"
