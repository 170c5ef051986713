"""A charge, blame or praise made in the active voice is given with the one it is made against
("criticised [the board for ignoring the warnings]"), as a judging verb's quoted words are given
with its object; in the passive, or with no object before the charge, the charge alone. The
speaker is the one who made it. On text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import one

OPENING = "Councillor Marta Ruiz spoke at the harbour board's meeting in Halden on Monday.\n\n"


@pytest.mark.parametrize(("sentence", "words"), [
    pytest.param("Ruiz criticised the harbour board for ignoring the warnings of its own "
                 "engineers.",
                 "the harbour board for ignoring the warnings of its own engineers",
                 id="criticise"),
    pytest.param("Ruiz blamed the ferry operator for the closure of the northern pier.",
                 "the ferry operator for the closure of the northern pier", id="blame"),
    pytest.param("Ruiz praised the volunteers for what they had done during the floods.",
                 "the volunteers for what they had done during the floods", id="praise"),
])
def test_an_active_charge_is_given_with_the_one_charged(reported, sentence, words):
    quote = one(reported(OPENING + sentence), "for ")
    assert (quote.text, quote.speaker.name) == (words, "Marta Ruiz")


def test_a_passive_charge_is_the_charge_alone_and_the_agents(reported):
    text = (OPENING + "The levy was criticised by the Halden Dockers Union for ignoring the "
            "warnings of its own engineers.")
    quote = one(reported(text), "ignoring the warnings")
    assert (quote.text, quote.speaker.name) == (
        "ignoring the warnings of its own engineers", "the Halden Dockers Union")
