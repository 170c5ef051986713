"""A headline is matched as the body is: a one-word term reaches the headline's plurals (an
irregular one too, by the lemma the body gave the word) and regular forms, and never a word a
verb's lemma links it to; a term is never found inside a longer word. Real spaCy; invented copy."""

from __future__ import annotations

import pytest

from bot.ingest.clean import clean_article
from bot.models import RawArticle
from bot.nlp.parse import parse_articles
from bot.stories.reading import extract
from bot.stories.topics import decode, encode, match_story, match_text

FILLER = "Officials gave no further details on Monday evening."


@pytest.fixture(scope="module")
def where(nlp):
    """Where a term matches an article of this headline and body: the places, new and stored."""
    def places(term: str, headline: str, body: str) -> set[str]:
        article = clean_article(RawArticle(text=f"{headline}\n\n{body}", origin="t"))
        text = match_text(extract(next(parse_articles(nlp, [article]))))
        new, stored = (match_story(term, t) for t in (text, decode(encode(text))))
        assert new == stored, "a topic added before the article and one added after agree"
        return {"title" if r.where == "title" else "body" for r in new.reasons}
    return places


@pytest.mark.parametrize("term,words", [
    ("building", "Buildings shake across the old quarter"),
    ("meeting", "Meetings on the ferry timetable run late"),
    ("spring", "Springs dry up on the moor"),
    ("woman", "Women take the first three places in the harbour swim"),
    ("mouse", "Mice found in the school kitchen"),
])
def test_a_headline_word_matches_as_the_same_word_in_the_body(where, term, words):
    """Before: the body matched each of these; the headline, none (no lemma for its words, and
    'buildings' read as 'building', which a term 'building' reads as 'build'). An irregular
    plural the body does not hold is read by ``topics.IRREGULAR_PLURALS`` (desk43)."""
    assert where(term, "A report", f"{words}.") == {"body"}
    assert where(term, words, f"{words}. {FILLER}") == {"title", "body"}
    assert where(term, words, FILLER) == {"title"}


@pytest.mark.parametrize("term,headline", [
    ("strike", "Storm struck the coast overnight"),
    ("rain", "Brain scans at the new clinic"),
    ("port", "Support for the harbour plan grows"),
])
def test_a_headline_does_not_reach_another_word(where, term, headline):
    """No match by a verb's lemma, nor inside a longer word, in the headline or the body."""
    assert where(term, headline, f"{headline}. {FILLER}") == set()
