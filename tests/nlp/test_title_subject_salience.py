"""A title as a sentence's subject ("the mayor praised …") is a mention of the one person who
holds it, for salience as the name would be: "Mayor Okafor", whose sex no first name shows,
is not outweighed for the "he" after it by a man whose name only names a room. On text
written here."""

from __future__ import annotations

import pytest

TITLED = [
    pytest.param(
        "Mayor Okafor opened the new ferry terminal in Dunmore on Monday.\n\n"
        "Speaking to reporters in the Tomas Berg reading room, the mayor praised the crews "
        "who built it.\n\n"
        "He did not mention the delays. But the hold-ups were plainly in his thoughts when he urged "
        "residents to \u201cbe patient a little longer.\u201d",
        "be patient", "Okafor", id="the_mayor_over_a_room_named_for_a_man"),
    pytest.param(
        "Governor Lind signed the harbour bill in Kelso on Friday.\n\n"
        "Standing beside the Ivo Marsh memorial fountain, the governor thanked the dock "
        "workers.\n\n"
        "He did not speak of the cost. But it was on his mind as he told the crowd that the "
        "port would \u201cpay its own way.\u201d",
        "pay its own way", "Lind", id="the_governor_beside_a_fountain_named_for_a_man"),
]


@pytest.mark.parametrize(("text", "words", "name"), TITLED)
def test_a_title_subject_counts_for_its_one_holder(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "fragment", words).speaker.name == name
