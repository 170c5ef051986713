"""What happened on a day after every day the story named is news, told in the story's own
words or not ("The strike ended on Tuesday night when crews voted …" after Monday's walkout),
while a rewrite dating the story's quotes afresh ("… said on Wednesday") is not: through the
real pipeline (real spaCy, a real SQLite file)."""

from bot.models import RawArticle
from bot.stories.novelty import _event_day

WALKOUT = """Ferry crews strike on Skarsund crossings

SKARSUND, May 5 (Wirewatch Wire) - Ferry crews on the Skarsund crossings went on strike on Monday over pay and rest breaks, stranding hundreds of commuters on the island.

The Maritime Crews Union said its 240 members would stay out until the operator, Fjordlink, improved its pay offer.

Fjordlink chief executive Halvard Brenne said the company regretted the disruption to passengers."""

ENDED = """Skarsund ferry strike ends

The Skarsund ferry strike ended on Tuesday night when crews voted to accept the operator's offer. Ferries resumed sailing on Wednesday morning."""

REDATED = """Skarsund ferry strike continues

Fjordlink chief executive Halvard Brenne said on Wednesday that the company regretted the disruption to passengers on the Skarsund crossings, where ferry crews went on strike on Monday over pay and rest breaks."""

MONDAY_EVENING, WEDNESDAY_MORNING = "2025-05-05T20:00:00+00:00", "2025-05-07T06:00:00+00:00"


def ingest(pipeline, *timed: tuple[str, str]) -> list:
    items = [RawArticle(text=text, origin=f"later{i}", published=when)
             for i, (when, text) in enumerate(timed)]
    return list(pipeline.ingest(items))


def test_a_strike_ended_by_a_vote_and_sailings_resumed_are_news(pipeline):
    first, update = ingest(pipeline, (MONDAY_EVENING, WALKOUT), (WEDNESDAY_MORNING, ENDED))
    assert update.verdict.story_id == first.verdict.story_id
    assert update.verdict.kind == "update"
    news = update.verdict.whats_new
    assert any("crews voted to accept" in s for s in news)
    assert any("resumed sailing on Wednesday morning" in s for s in news)


def test_a_quote_dated_afresh_is_no_news(pipeline):
    first, rewrite = ingest(pipeline, (MONDAY_EVENING, WALKOUT), (WEDNESDAY_MORNING, REDATED))
    assert rewrite.verdict.story_id == first.verdict.story_id
    assert rewrite.verdict.kind == "duplicate"


def test_the_day_of_a_saying_or_in_a_quote_tells_no_event():
    assert _event_day("The harbour reopened on Thursday after the repairs.")
    assert _event_day("Also on Friday, the mayor signed the order.")
    assert not _event_day("The mayor said on Friday that the harbour would stay shut.")
    assert not _event_day("The mayor on Friday said the harbour would stay shut.")
    assert not _event_day("The union told reporters at the quay on Monday it would not give in.")
    assert not _event_day('"We sail again tomorrow," the skipper said.')
