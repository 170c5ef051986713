"""A verb in the past before a weekday puts what it tells on the last day of that name, read
off the parse's tags (VBD, or a participle with "have"), so any verb works, not only the ones a
list knows ("tore", "hid"): through the real pipeline (real spaCy, a real SQLite file)."""

from spacy.attrs import TAG

from bot.models import RawArticle
from bot.stories.features import PAST
from bot.stories.reading import tense_flags

WALKOUT = """Ferry crews strike on Skarsund crossings

SKARSUND, May 5 (Wirewatch Wire) - Ferry crews on the Skarsund crossings went on strike on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

A storm tore the roof off the ticket office on Saturday, the ferry operator said.

Fjordlink chief executive Halvard Brenne said the company regretted the disruption to passengers."""

ENDED = """Skarsund ferry strike ends

The Skarsund ferry strike ended on Tuesday night when crews voted to accept the operator's offer. Ferries resumed sailing on Wednesday morning."""

MONDAY_EVENING, WEDNESDAY_MORNING = "2025-05-05T20:00:00+00:00", "2025-05-07T06:00:00+00:00"


def test_a_day_after_a_past_saturday_is_news_though_no_list_knows_the_verb(pipeline):
    """Saturday's storm was the Saturday gone, so Tuesday's vote is after every day the story
    named; read as the Saturday to come (the verb unknown), Tuesday was no later day."""
    items = [RawArticle(text=WALKOUT, origin="walkout", published=MONDAY_EVENING),
             RawArticle(text=ENDED, origin="ended", published=WEDNESDAY_MORNING)]
    first, update = pipeline.ingest(items)
    assert update.verdict.story_id == first.verdict.story_id
    assert any("crews voted to accept" in line for line in update.verdict.whats_new)


def past_words(nlp, text: str) -> list[str]:
    doc = nlp(text)
    flags = tense_flags(doc, doc.to_array([TAG]).astype("uint64"))
    return [token.text for token, flag in zip(doc, flags, strict=True) if flag & PAST]


def test_the_parse_tells_a_verb_in_the_past_by_its_tag_or_its_have(nlp):
    assert "shut" in past_words(nlp, "Protesters shut the harbour gates at dawn.")
    assert "closed" in past_words(nlp, "The ticket office had been closed since the storm.")
    assert past_words(nlp, "The ticket office is closed.") == []
    assert past_words(nlp, "The ticket office is closed and talks will resume.") == []
    assert past_words(nlp, "The delayed vote will be held on Monday.") == []
