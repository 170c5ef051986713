"""A paper is named as one by its newsroom: "X columnist", "X's editors", "the X editorial
board", "X ran an editorial"; "the paper" that speaks later is it. On text written here and the
real spaCy model."""

from __future__ import annotations

import pytest

QUOTE = "\n\n“The ferry timetable needs a rethink,” "


@pytest.mark.parametrize("before", [
    "Harbour Lantern columnist Ines Calder wrote about the ferry on Monday.",
    "The Harbour Lantern ran an editorial on the ferry on Monday.",
    "The Harbour Lantern editorial board met the ferry company on Monday.",
])
def test_the_paper_is_the_one_its_newsroom_names(quotes_of, only, before):
    speaker = only(quotes_of(f"{before}{QUOTE}the paper said."), "direct",
                   "timetable needs").speaker
    assert (speaker.name, speaker.kind) == ("Harbour Lantern", "organisation")


def test_a_person_who_hired_an_editor_is_no_paper(quotes_of, only):
    speaker = only(quotes_of(f"Ines Calder hired a new editor on Monday.{QUOTE}the paper said."),
                   "direct", "timetable needs").speaker
    assert speaker.name != "Ines Calder"
