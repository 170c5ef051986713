"""Words quoted under a participle on a document someone issued ("issued a statement calling
the levy “…”", "put out a statement describing the pier as “…”") are the issuer's, as the reported
clause of "issued a statement saying …" is; a document no one is said to issue gives them no
speaker. On text written here and the real spaCy model."""

from __future__ import annotations

import pytest

from bot.nlp.quotes import quotes_in_doc
from tests.quotes.conftest import one

INTRO = "Councillor Marta Ruiz spoke after the vote in Halden on Monday. "


@pytest.mark.parametrize(("sentence", "words"), [
    pytest.param("Hours later, she issued a statement calling the harbour levy “a tax on every "
                 "fishing family.”", "a tax on every fishing family", id="issued-calling"),
    pytest.param("On Friday she put out a statement describing the new timetable as “a slap in "
                 "the face for the islands.”", "a slap in the face for the islands",
                 id="put-out-describing"),
])
def test_words_under_an_issued_documents_participle_are_the_issuers(statements_of, sentence,
                                                                    words):
    quote = one(statements_of(INTRO + sentence), words)
    assert (quote.kind, quote.speaker.name) == ("mixed", "Marta Ruiz")


def test_a_document_issued_by_no_one_named_gives_no_speaker(nlp):
    """"A statement calling the levy “…” was read out": nobody is said to have issued it."""
    text = INTRO + ("A statement calling the harbour levy “a tax on every fishing family” was "
                    "read out at the quay.")
    fragment = one(quotes_in_doc(nlp(text)), "a tax on every fishing family", "fragment")
    assert fragment.speaker.name is None
