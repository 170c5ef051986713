"""Words quoted in the object of a verb of wanting, backing or opposing ("seeks “a full refund”",
"opposes “any new levy”") are what the subject asks for or stands against in its own words: the
fragment keeps its kind and gets the subject as its speaker. Not when the verb is an act told in
another's reported words, nor a passive, nor a scare quote no one in the sentence owns. On text
written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words"), [
    pytest.param("Ruiz also seeks “a full refund for every family on the ferry list” from the "
                 "operator.", "a full refund for every family", id="seek"),
    pytest.param("Ruiz supports “modest rises in the harbour fees” and little else.",
                 "modest rises in the harbour fees", id="support"),
    pytest.param("Ruiz advocates a “levy on empty holiday homes” to pay for the pier.",
                 "levy on empty holiday homes", id="advocate"),
    pytest.param("At the depot Ruiz offered a defense of the “slow and steady” timetable.",
                 "slow and steady", id="offer-a-defense-of"),
])
def test_words_in_what_the_subject_wants_are_the_subjects_fragment(nlp, sentence, words):
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert (fragment.kind, fragment.speaker.name) == ("fragment", "Marta Ruiz")


@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    pytest.param("Tomas Vale said Ruiz had long supported “modest rises in the harbour fees” "
                 "in her leaflets.", "modest rises in the harbour fees", "Tomas Vale",
                 id="told-in-anothers-words-is-the-tellers"),
    pytest.param("The “slow and steady” timetable was backed by the crews at the depot.",
                 "slow and steady", None, id="a-passive-names-no-owner"),
    pytest.param("The ferry crews carried the “slow and steady” banners past the depot.",
                 "slow and steady", None, id="a-scare-quote-with-no-owner"),
])
def test_who_else_owns_words_in_what_is_wanted(nlp, sentence, words, speaker):
    """"Vale said Ruiz had supported …" is Vale's account of what Ruiz did; a passive's subject
    is the thing wanted, not who wants it; a verb that wants nothing leaves a scare quote with
    no speaker."""
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert fragment.speaker.name == speaker
