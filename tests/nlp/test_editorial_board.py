"""An editorial board speaks for the paper the article names as running it; on text written
here and the real spaCy model."""

from __future__ import annotations

QUOTE = "\n\n“The mayor has kept every promise,” "


def test_the_editorial_is_the_paper_whose_editors_wrote_it(quotes_of, only):
    speaker = only(quotes_of("The editors of The Harbour Courier aimed their Friday editorial "
                             f"at the mayor, Ana Ruiz.{QUOTE}the editorial said."),
                   "direct", "kept every promise").speaker
    assert (speaker.name, speaker.kind) == ("The Harbour Courier", "organisation")


def test_a_school_board_is_no_editorial_board(quotes_of, only):
    speaker = only(quotes_of(f"The school board met on Monday.{QUOTE}the board said."),
                   "direct", "kept every promise").speaker
    assert speaker.name == "The school board"
