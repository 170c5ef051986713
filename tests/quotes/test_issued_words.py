"""Words quoted under a participle on a document someone issued ("issued a statement calling
the levy “…”", "put out a statement describing the pier as “…”") are the issuer's, as the reported
clause of "issued a statement saying …" is; a document no one is said to issue gives them no
speaker. On text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words", "speaker"), [
    pytest.param("Hours later, she issued a statement calling the harbour levy “a tax on every "
                 "fishing family.”", "a tax on every fishing family", "Marta Ruiz",
                 id="issued-calling"),
    pytest.param("On Friday she put out a statement describing the new timetable as “a slap in "
                 "the face for the islands.”", "a slap in the face for the islands", "Marta Ruiz",
                 id="put-out-describing"),
    pytest.param("A statement calling the harbour levy “a tax on every fishing family” was read "
                 "out at the quay.", "a tax on every fishing family", None,
                 id="issued-by-no-one-named"),
])
def test_words_under_an_issued_documents_participle_are_the_issuers(nlp, sentence, words,
                                                                    speaker):
    fragment = one(quotes_in_doc(nlp(INTRO + sentence)), words, "fragment")
    assert fragment.speaker.name == speaker
