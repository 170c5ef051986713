"""A friend named after the place they are a friend at ("said his best friend at Halsey, Brian
Mott,"): the parser hangs the name on the place and the recogniser may read place and name as
one organisation, or the name alone as one. "Friend" is no job or title, so the name beside the
place was not taken for the person the subject is, and the description was printed whole (once
with the place inside the name). A known first name and a surname count, a place does not. On
text written here."""

from __future__ import annotations

import pytest

LEDE = "Ivo Marsh grew up in Dunmore and left for college at eighteen.\n\n"

NAMED = [
    pytest.param("his best friend at Halsey, Brian Mott", "Brian Mott",
                 id="place_and_name_read_as_one_body"),
    pytest.param("his old friend from Garvey, Martin Ossel", "Martin Ossel",
                 id="the_name_read_as_a_body"),
    pytest.param("his teammate at Ashcombe, Peter Vane", "Peter Vane",
                 id="the_name_read_as_a_person"),
]


@pytest.mark.parametrize(("described", "name"), NAMED)
def test_a_friend_named_beside_the_place_speaks_by_name(quotes_of, only, described, name):
    text = LEDE + f"''He always wanted his own way,'' said {described}, who remembered him " \
        "well."
    assert only(quotes_of(text), "direct", "own way").speaker.name == name


def test_a_place_beside_the_place_is_no_name(quotes_of, only):
    text = LEDE + ("''He always wanted his own way,'' said his best friend at the mill in "
                   "Harlow, Kentucky, who remembered him well.")
    speaker = only(quotes_of(text), "direct", "own way").speaker
    assert speaker.kind == "unnamed"
    assert speaker.name is not None and speaker.name.startswith("his best friend at the mill")
