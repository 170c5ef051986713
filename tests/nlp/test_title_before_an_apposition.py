"""A title written before a name that also has an apposition ("harbour director Hal Brenner,
a veteran engineer,") is still one of that person's roles: "the director" later in a
sentence that names him after the subject before is he, not that subject. With no one so
titled in between, the subject before keeps the description. On text written here."""

from __future__ import annotations

import pytest

TITLED = [
    pytest.param(
        "The council blamed delays at the port on harbour director Hal Brenner, a veteran "
        "engineer, and on the weather.\n\n"
        "\"The cranes have been idle for a month,\" Mira Solvang, a council member, said on "
        "Monday. \"Nobody told us why.\"\n\n"
        "When reporters asked Brenner about the cranes, the director said that new parts "
        "would arrive in May.",
        "new parts", "Hal Brenner", id="the_title_before_his_apposition"),
    pytest.param(
        "Mira Solvang, the harbour director, spoke at the council on Monday.\n\n"
        "\"The cranes have been idle for a month,\" Solvang said. \"Nobody told us why.\"\n\n"
        "When reporters asked about the cranes, the director said that new parts would "
        "arrive in May.",
        "new parts", "Mira Solvang", id="the_subject_before_when_no_one_else_holds_it"),
]


@pytest.mark.parametrize(("text", "words", "name"), TITLED)
def test_a_title_before_a_name_with_an_apposition_counts(quotes_of, only, text, words, name):
    assert only(quotes_of(text), "indirect", words).speaker.name == name
