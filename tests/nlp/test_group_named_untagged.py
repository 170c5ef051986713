""""The group said" after a body the recogniser did not tag as an organisation is that body,
not an organisation named further back (issue 14, speakers51a). Text written for the tests."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

OPENING = ("Ferry fares in Brightwater rose again in March. The Harbour Riders League said the "
           "rise was unfair.\n\n")
QUOTE = ("\n\n\"For us, the choice was between the safety of our riders and the tours,\" the "
         "group said in a statement.")


def test_the_group_is_the_untagged_body_acting_just_before(quotes_of):
    text = (OPENING + "The Tide Collective issued a statement on Tuesday saying it would stop "
            "its boat tours." + QUOTE)
    said = speakers_of(quotes_of(text), "safety of our riders")
    assert len(said) == 1 and "Tide Collective" in (said[0] or "")


def test_the_group_is_a_name_of_common_words_opening_the_sentence_before(quotes_of):
    text = ("Ferry fares in Brightwater rose again in March, the Coastal Times reported.\n\n"
            "The rise prompted Black Tide Rising, the riders' campaign, to leave the harbour "
            "board. Black Tide Rising issued a statement saying it took the step \"because the "
            "fares hurt the poorest riders.\"" + QUOTE)
    assert speakers_of(quotes_of(text), "safety of our riders") == ["Black Tide Rising"]


def test_a_person_acting_just_before_is_not_the_group(quotes_of):
    text = (OPENING + "Tomas Ferreira issued a statement on Tuesday saying he would stop his "
            "boat tours." + QUOTE)
    said = speakers_of(quotes_of(text), "safety of our riders")
    assert len(said) == 1 and "Ferreira" not in (said[0] or "")
