"""A quote tagged "it stated" whose "it" no rule resolves is never given to a speaker named
after it; the text before it may still say whose it is; on text written here and the real
spaCy model."""

from __future__ import annotations

from tests.quotes.conftest import one

MEETING = "Residents of the harbour district met in the old school hall on Monday evening.\n\n"
LEAFLET = ("“No family will be moved before the spring, and every tenant will be offered a "
           "flat nearby,” it stated.\n\n")


def test_an_it_that_names_no_one_does_not_take_the_next_speaker(statements_of):
    text = (MEETING + "A leaflet handed out at the door seemed meant to calm them.\n\n" +
            LEAFLET + "Councillor Marta Ruiz said the promise came too late.")
    quote = one(statements_of(text), "No family will be moved")
    assert quote.speaker.name is None


def test_an_it_after_a_paragraph_naming_its_writer_is_the_writers(statements_of):
    text = (MEETING + "Housing officer Tomas Berg handed out a leaflet at the door.\n\n" +
            LEAFLET + "Councillor Marta Ruiz said the promise came too late.")
    quote = one(statements_of(text), "No family will be moved")
    assert quote.speaker.name == "Tomas Berg"
