"""The registry keeps the names that are a body's as people register, so the doubtful names and
salience read one set instead of asking every name again."""

from __future__ import annotations

from bot.nlp.speakers.body_names import body_name
from tests.quotes.conftest import registry_of


def test_bodies_are_the_body_names_among_people_registered_and_lengthened(nlp):
    reg = registry_of(nlp("The ferry left the harbour on time."))
    for name in ("Kessler Center", "Mira Kovac", "Tom House", "Dunmore"):
        reg.register(name)
    reg.lengthen("Dunmore", "Dunmore Library")
    assert reg.bodies == {"Kessler Center", "Dunmore Library"}
    assert reg.bodies == {name for name in reg.people if body_name(name)}


def test_a_building_tagged_a_person_is_doubtful_and_never_a_mention(nlp):
    reg = registry_of(nlp("Harlow Tower stood empty, the Kessler Center said on Friday."))
    assert reg.bodies == {"Harlow Tower"}
    assert "Harlow Tower" in reg.doubtful
    assert all(m.key != "Harlow Tower" for m in reg.mentions)
