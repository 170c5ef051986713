""""Today" and "tomorrow" are the writer's days, not UTC's: an evening report in New York is
dated the next day in UTC, and its "tomorrow" is the morning rewrite's "today". Through the real
pipeline (real spaCy, a real SQLite file); invented copy."""

from datetime import date

import pytest

from bot.models import ArticleParts, DatedArticle, Entity, RawArticle, SentenceContent, Span
from bot.pipeline import Pipeline
from bot.stories import schedule

EVENING = """Lindholm dock talks break down over night pay

Talks between the Lindholm dockers' union and the port authority broke down on Tuesday after twelve hours without agreement on night shift pay.

The two sides will meet again tomorrow, union negotiator Petra Solberg said.

Cargo ships have been waiting outside the harbour since the strike began last week."""

MORNING = """Lindholm dock talks to resume after breakdown

Talks between the Lindholm dockers' union and the port authority broke down on Tuesday after twelve hours without agreement on night shift pay.

The two sides will meet again today, union negotiator Petra Solberg said.

Cargo ships have been waiting outside the harbour since the strike began last week."""


def joined(pipeline: Pipeline, evening: str, morning: str) -> str:
    """The morning rewrite's verdict, after the evening report, each dated as written."""
    first, later = pipeline.ingest([
        RawArticle(text=EVENING, origin="evening", published=evening),
        RawArticle(text=MORNING, origin="morning", published=morning)])
    assert first.verdict and later.verdict and later.verdict.story_id == first.verdict.story_id
    return later.verdict.kind


def test_an_evening_reports_tomorrow_is_the_morning_rewrites_today(pipeline):
    """8 p.m. in New York on Tuesday is 01:00 UTC on Wednesday: read in UTC, the evening's
    "tomorrow" was Thursday and the morning's "today" (Wednesday) a new day, an update."""
    assert joined(pipeline, "Tue, 02 Dec 2025 20:00:00 -0500",
                  "2025-12-03T07:30:00-05:00") == "duplicate"


def test_without_an_offset_the_days_are_read_in_utc_as_before(pipeline):
    """The same two times written without a zone are read as UTC: then 8 p.m. and 7:30 a.m.
    are on different days, and the rewrite says what the report did."""
    assert joined(pipeline, "2025-12-02 20:00", "2025-12-03 07:30") == "duplicate"


@pytest.mark.parametrize("published, offset, day", [
    ("2025-12-03T01:00:00+00:00", -300, date(2025, 12, 2)),
    ("2025-12-03T01:00:00+00:00", None, date(2025, 12, 3)),
    ("2025-12-02T20:00:00+00:00", 660, date(2025, 12, 3)),
    ("2025-12-03T01:00:00", -300, date(2025, 12, 2)),
    ("9999-12-31T23:00:00+00:00", 120, date(9999, 12, 31)),
    ("not a time", -300, None),
    (None, -300, None),
])
def test_the_articles_day_is_its_writers(published, offset, day):
    assert schedule.day_of(published, offset) == day


def test_days_read_again_from_a_stored_article_are_its_writers():
    """Rows stored before days were kept have them read from the stored text: in the
    writer's day too, or "tomorrow" would be a day late there."""
    body = "The two sides will meet again tomorrow."
    start = body.index("tomorrow")
    stored = DatedArticle(body, "2025-12-03T01:00:00+00:00",
                          ArticleParts([Span(0, len(body))],
                                       [Entity("tomorrow", "DATE", start, start + 8)]), -300)
    [row] = schedule.filled([SentenceContent(("meet",), (), False)], stored)
    assert {schedule.SCHEDULED + "2025-12-03", schedule.NAMED + "2025-12-03"} <= set(row.facts)
