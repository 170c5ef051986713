"""A family word a named person owns ("her husband", "his son") is the one other person the
article names with that person's surname, before or after it, when no one was named with
that family word as their role; with two such relatives it stays as written. On text written
here."""

from __future__ import annotations

import pytest

FAMILIES = [
    pytest.param(
        "Former harbour master Thomas Greene turned 70 on Friday.\n\n"
        "If Susan Greene wins the race for mayor, her husband said he would keep working at the "
        "port.",
        "keep working at the port", "Thomas Greene", id="a_husband_named_before"),
    pytest.param(
        "As Piet Vell opened his campaign for the council, his son said the family was ready "
        "for a long fight.\n\n"
        "Jonas Vell, son of the candidate, spoke on local radio on Monday.",
        "ready for a long fight", "Jonas Vell", id="a_son_named_after"),
    pytest.param(
        "As Piet Vell opened his campaign for the council, his son said the family was ready "
        "for a long fight.\n\n"
        "Jonas Vell and Mara Vell spoke on local radio on Monday.",
        "ready for a long fight", "his son", id="two_relatives_either_may_be_meant"),
]


@pytest.mark.parametrize(("text", "words", "name"), FAMILIES)
def test_a_family_word_is_the_owners_one_relative(quotes_of, text, words, name):
    assert {q.speaker.name for q in quotes_of(text) if words in q.text} == {name}
