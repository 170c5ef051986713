"""A description of one person is an unnamed source introduced before ("a former union
leader" … "the leader") only when nothing in it says otherwise: the names before its noun
("the Senate Democratic leader") must be in the earlier phrase, and "former" in both or
neither. On text written here."""

from __future__ import annotations

import pytest

OPENING = ("A former union leader at the plant criticised the deal on Monday. Senator Mara "
           "Lind defended it.\n\n\"Nobody loses a job,\" Lind said in an interview. ")

INTRODUCED = [
    pytest.param(OPENING + "Recalling her years as a shop steward, the Senate Democratic "
                 "leader said, \"I never signed a bad contract.\"",
                 "Mara Lind", id="a_leader_named_by_the_body_she_leads"),
    pytest.param("A former union leader at the plant criticised the deal on Monday. The "
                 "council approved it anyway.\n\n\"I never signed a bad contract,\" the "
                 "former union leader said.",
                 "A former union leader at the plant", id="the_same_description_again"),
]


@pytest.mark.parametrize(("text", "name"), INTRODUCED)
def test_an_earlier_unnamed_source_is_the_description_only_when_it_agrees(
        quotes_of, only, text, name):
    assert only(quotes_of(text), "direct", "bad contract").speaker.name == name
