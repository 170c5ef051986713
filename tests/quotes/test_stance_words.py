"""A prefix hyphened onto a name ("pro-Reagan", "anti-Cruz") makes a word for a side, not a
person, while a name's own particle ("el-", "al-") stays in the name; on text written here
and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.speakers.names import stance_word
from tests.quotes.conftest import one, registry_of

SIDES = ("Karim el-Amin, a pro-Reagan teacher, said the port was busy. Dana Brook joined the "
         "anti-Clinton campaign last year, said Tom Berg, a pro-Cruz activist.")


def test_a_side_word_is_no_person_and_a_particle_stays(nlp):
    assert set(registry_of(nlp(SIDES)).people) == {"Karim el-Amin", "Tom Berg", "Dana Brook"}


def test_the_named_speaker_keeps_the_particle(statements_of):
    assert one(statements_of(SIDES), "port was busy").speaker.name == "Karim el-Amin"


@pytest.mark.parametrize(("text", "side"), [
    ("pro-Reagan", True), ("“Anti-Cruz", True), ("ex-Marsh", True),
    ("el-Amin", False), ("Omar al-Hadi", False), ("Jean-Luc Vale", False)])
def test_which_hyphened_words_are_sides(text, side):
    assert stance_word(text) is side
