"""A party's or a people's word is no one's name, and a name's key carries no punctuation
the recogniser kept before it; on text written here and the real spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one, registry_of

PARTY_WORD = ("The harbour clerk of nearly ten years, a registered Republican who asked not to be "
              "named, said the count had been fair. “Nobody cheated,” the clerk said.")

DOTTED_TITLES = ("Retired Army Col. Dana Brook, who served two tours, spoke at the rally. "
                 "“We were lied to,” Brook said. Lt. Omar Feld agreed with him.")


def test_a_party_word_beside_a_person_noun_is_no_person(statements_of):
    speaker = one(statements_of(PARTY_WORD), "count had been fair").speaker
    assert (speaker.name, speaker.kind) == ("The harbour clerk", "unnamed")


def test_a_title_s_dot_split_off_is_not_in_the_name(nlp):
    people = set(registry_of(nlp(DOTTED_TITLES)).people)
    assert people == {"Dana Brook", "Omar Feld"}


def test_a_name_signing_a_line_is_keyed_without_its_dash(nlp):
    registry = registry_of(nlp(DOTTED_TITLES))
    assert registry.register("-Dana Brook").name == "Dana Brook"
    assert registry.register("—Ines Calder").name == "Ines Calder"


def test_a_mark_alone_taken_for_a_name_is_kept_as_written_not_a_crash(nlp):
    registry = registry_of(nlp(DOTTED_TITLES))
    assert registry.register(" - ").name == "-"
    assert registry.register("Dana Brook").name == "Dana Brook"
