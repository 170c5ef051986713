"""A description speaks for the name set beside the same description earlier, and a document
a description owns speaks for what that description means; on text written here."""

from __future__ import annotations

import pytest

SPEAKERS = [
    pytest.param(
        "The couple were flying home to Leeds after a week in Lisbon, their daughter's school, "
        "Hartwell Academy, confirmed on Friday. Ana Ruiz, who taught music at the school, had "
        "been ill for months.\n\n"
        "The school said it would hold a service for the couple next week.",
        "indirect", "hold a service", "Hartwell Academy",
        id="the_school_is_the_name_set_beside_their_daughters_school"),
    pytest.param(
        "The couple were flying home to Leeds after a week in Lisbon, their daughter's school, "
        "Hartwell Academy, confirmed on Friday. Ana Ruiz, who taught music at the school, had "
        "been ill for months.\n\n"
        "According to the school's website, the service will be held in the chapel next week.",
        "indirect", "held in the chapel", "Hartwell Academy",
        id="the_schools_website_speaks_for_the_school_named_beside_it"),
]


@pytest.mark.parametrize(("text", "kind", "words", "name"), SPEAKERS)
def test_the_description_speaks_for_the_name_beside_it(quotes_of, only, text, kind, words, name):
    assert only(quotes_of(text), kind, words).speaker.name == name
