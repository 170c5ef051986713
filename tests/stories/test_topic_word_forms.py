"""A topic's word reaches the same word's inflections, never another word that a crude suffix
strip makes look the same: a desk following "care" is not alerted on cars, "fire" is not "fir",
"news" is not "new". A headline-only irregular plural matches as the body does. Both paths (a
new article, and a topic added over stored ones) agree. Real spaCy; invented copy."""

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


@pytest.mark.parametrize("term,sentence", [
    ("care", "The maker recalled forty thousand cars over a faulty brake."),
    ('"health care"', "Health cars went on show at the motor fair."),
    ("cars", "Nurses said care on the ward had improved."),
    ("fire", "A fir fell across the road in the gale."),
    ("fir", "Crews put out a fire at the mill."),
    ("news", "A new bridge opens over the estuary in spring."),
])
def test_a_word_does_not_reach_another_word_by_a_shared_stem(where, term, sentence):
    """Before: each matched ('care' and 'cars' both 'car'; 'fire' 'fir'; 'news' 'new')."""
    assert where(term, sentence, f"{sentence} {FILLER}") == set()
    assert where(term, "A report", sentence) == set()


@pytest.mark.parametrize("term,sentence", [
    ("strike", "Striking dockers blocked the gates before dawn."),
    ("strikes", "Dock workers voted to strike from Monday."),
    ("striking", "Two strikes closed the container terminal."),
    ("policy", "The council published three new policies on housing."),
    ("policies", "The housing policy was published on Friday."),
    ("care", "Nurses said the caring staff were overworked."),
    ("fire", "Two barns were fired in the night."),
    ('"health care"', "Health care workers marched on the ministry."),
])
def test_a_word_still_reaches_its_inflections(where, term, sentence):
    assert "body" in where(term, "A report", sentence)


@pytest.mark.parametrize("term,headline", [
    ("child", "Children rescued from the flooded river"),
    ("mouse", "Mice found in the school kitchen"),
    ("woman", "Women take the first three places in the harbour swim"),
    ("crisis", "Two housing crises in a decade"),
])
def test_a_headline_only_irregular_plural_matches_as_the_body_does(where, term, headline):
    """Before: no match (the headline is not parsed, and the body did not hold the word)."""
    assert where(term, headline, FILLER) == {"title"}
