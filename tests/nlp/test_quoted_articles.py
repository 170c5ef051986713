"""An article quoted whole, paragraph by paragraph, in straight marks (session 43,
speakers43a; issue 14), on text written here: "As the Gazette reported:" then paragraphs each
opening with a straight mark and never closing it, the last holding a curly quotation with its
own speech tag. The curly quotation is nested in the quoted article, not the article's next
paragraph, so its tag does not speak the article's paragraphs; those go with whoever the colon
introduced, each paragraph the quotation runs on into taking the speaker of the one before."""

from __future__ import annotations

from tests.nlp.conftest import speakers_of

ARTICLE = (
    "Ferry halted\n\nThe port closed the ferry route on Friday.\n\n"
    "As the Harbour Gazette reported on Friday:\n\n"
    '"The council is still unwilling to say why the ferry was stopped, citing a review by the '
    "port.\n\n"
    '"At the town hall, reporters asked Mayor Dana Ortiz about the review and its length.\n\n'
    "“I cannot talk about it while the review runs,” Ortiz said.\"\n\n"
    "The review ends in May.")


def test_a_curly_quotation_inside_a_straight_one_does_not_speak_for_it(quotes_of):
    quotes = quotes_of(ARTICLE)
    assert speakers_of(quotes, "unwilling to say") == ["the Harbour Gazette"]
    assert speakers_of(quotes, "review runs") == ["Dana Ortiz"]


def test_a_paragraph_the_quotation_runs_on_into_keeps_its_speaker(quotes_of):
    quotes = quotes_of(ARTICLE)
    assert speakers_of(quotes, "reporters asked") == ["the Harbour Gazette"]


def test_a_quotation_over_paragraphs_still_takes_its_last_paragraphs_tag(quotes_of):
    quotes = quotes_of(
        "Ferry halted\n\n“The ferry will not sail this month.\n\n"
        "“The crews need the time to mend the hull,” said Tom Berg, the harbour master.")
    assert speakers_of(quotes, "not sail") == ["Tom Berg"]
    assert speakers_of(quotes, "mend the hull") == ["Tom Berg"]
