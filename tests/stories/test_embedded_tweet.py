"""An embedded tweet in an update, through the real pipeline (real spaCy, a real SQLite file):
its words can be news, its signature (the author's handle and the tweet's date) is not. Left in
the text, the signature ran into the next paragraph's sentence, whose new "facts" (the date's
numbers) made a sentence that tells nothing new a what's-new item."""

from tests.stories.hourly import ingest_hourly

REPORT = """Ferry crews strike at Lindholm harbour

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay, stranding passengers bound for the islands.

Union negotiator Petra Solberg said on Twitter that the crews would not sail again until every missed overtime hour was paid.

The Lindholm ferry company said services would stay suspended until further notice."""

UPDATE = """Lindholm ferry crews walk out over overtime pay

Ferry crews at Lindholm harbour walked out on Monday over unpaid overtime, stranding island passengers.

We will not sail again until every missed overtime hour is paid. Our crews have worked double shifts all winter and they deserve better than promises. pic.twitter.com/Ab12Cd34Ef — Petra Solberg (@psolberg) May 5, 2025

Travellers complained that the company had told them nothing."""


def test_a_tweets_signature_makes_nothing_new_and_its_words_stay_news(pipeline):
    first, update = ingest_hourly(pipeline, REPORT, UPDATE)
    assert update.verdict.story_id == first.verdict.story_id
    said = " ".join(update.verdict.whats_new)
    assert "Travellers complained" not in said
    assert "@psolberg" not in said and "pic.twitter.com" not in said
    assert "double shifts" in said
