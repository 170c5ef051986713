"""An undated article's days are counted from the day it arrived on the desk's calendar
(``WIREWATCH_TIMEZONE``), not UTC's: through the real pipeline (real spaCy, a real SQLite
file), on the real clock, in a zone whose day differs from UTC's as the test runs."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.models import RawArticle, SentenceContent
from bot.pipeline import Pipeline
from bot.stories import schedule
from storage import stories as store
from tests.stories.test_scheduled_dates import as_stored_before_days

FIRST = """Ferry talks at Orsund break down

Talks between the Orsund ferry operator and the deckhands' union broke down {before} over night shifts, leaving the island's two crossings without a timetable.

The operator and the union will resume talks on {resume} at the harbour office, a mediator said."""

REWRITE = """Orsund ferry talks to resume after collapse

Talks between the Orsund ferry operator and the deckhands' union broke down {before} over night shifts, leaving the island's two crossings without a timetable.

The operator and the union will resume talks {resume} at the harbour office, a mediator said."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def desk_zone() -> str:
    """A zone whose day is not UTC's now, by an hour at least either way: Kiritimati (UTC+14)
    is a day ahead from 10:00 UTC, Pago Pago (UTC-11) a day behind before 11:00."""
    return "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"


@pytest.fixture
def desk(fresh_db, settings, nlp) -> tuple[Pipeline, date, ZoneInfo]:
    zone = desk_zone()
    today = datetime.now(ZoneInfo(zone)).date()
    assert today != datetime.now(UTC).date()
    return Pipeline(fresh_db, replace(settings, timezone=zone), nlp=nlp), today, ZoneInfo(zone)


def first_report(pipeline: Pipeline, today: date, zone: ZoneInfo):
    """Yesterday's report on the desk's calendar, dated where it was written."""
    written = datetime.combine(today - timedelta(days=1), datetime.min.time(), zone)
    text = FIRST.format(before=f"on {WEEKDAYS[(today - timedelta(days=1)).weekday()]}",
                        resume=WEEKDAYS[(today + timedelta(days=1)).weekday()])
    raw = RawArticle(text=text, origin="first",
                     published=(written + timedelta(hours=12)).isoformat())
    return next(iter(pipeline.ingest([raw])))


def test_an_undated_rewrite_reads_tomorrow_and_yesterday_on_the_desks_day(desk):
    pipeline, today, zone = desk
    first = first_report(pipeline, today, zone)
    raw = RawArticle(text=REWRITE.format(before="yesterday", resume="tomorrow"),
                     origin="rewrite")
    rewrite = next(iter(pipeline.ingest([raw])))
    assert rewrite.verdict.story_id == first.verdict.story_id
    assert rewrite.verdict.whats_new == ()


def test_an_undated_rewrite_moving_the_talks_a_day_is_news(desk):
    pipeline, today, zone = desk
    first = first_report(pipeline, today, zone)
    later = WEEKDAYS[(today + timedelta(days=2)).weekday()]
    raw = RawArticle(text=REWRITE.format(before="yesterday", resume=f"on {later}"),
                     origin="rewrite")
    rewrite = next(iter(pipeline.ingest([raw])))
    assert rewrite.verdict.story_id == first.verdict.story_id
    assert any("resume talks" in line for line in rewrite.verdict.whats_new)


def test_an_undated_articles_days_read_again_are_counted_from_its_arrival(desk, fresh_db, nlp):
    """Rows of an undated article stored before days were kept are given its days again from
    the day it arrived on the desk's calendar, as live: the dated report restating the
    resumption a later day is then no news (it named no day before, so the day was)."""
    pipeline, today, zone = desk
    raw = RawArticle(text=REWRITE.format(before="yesterday", resume="tomorrow"), origin="undated")
    first = next(iter(pipeline.ingest([raw])))
    as_stored_before_days(fresh_db)
    again = Pipeline(fresh_db, pipeline.settings, nlp=nlp)
    text = FIRST.format(before="yesterday", resume=WEEKDAYS[(today + timedelta(days=1)).weekday()])
    written = max(datetime.now(zone) - timedelta(minutes=5),
                  datetime.combine(today, datetime.min.time(), zone))
    later = next(iter(again.ingest([RawArticle(text=text, origin="dated",
                                               published=written.isoformat())])))
    assert later.verdict is not None
    assert later.verdict.story_id == first.verdict.story_id
    assert not any("resume talks" in line for line in later.verdict.whats_new)


def test_an_article_dated_days_ahead_counts_its_days_from_its_arrival_live_and_read_again(
        desk, fresh_db):
    """A time days ahead of the article's arrival is not its own (it is placed at its arrival):
    its days are counted from the desk's day it arrived on, live and when read again from
    storage alike (before, both counted from the date ahead)."""
    pipeline, today, zone = desk
    ahead = datetime.now(zone) + timedelta(days=5)
    raw = RawArticle(text=REWRITE.format(before="yesterday", resume="tomorrow"),
                     origin="ahead", published=ahead.isoformat())
    article_id = next(iter(pipeline.ingest([raw]))).article_id
    live = store.article_sentences(fresh_db, [article_id])[article_id]
    assert _days(live) == {schedule.NAMED + (today + timedelta(days=n)).isoformat()
                           for n in (-1, 1)} | {schedule.SCHEDULED +
                                                (today + timedelta(days=1)).isoformat()}
    stored = store.dated_articles(fresh_db, [article_id])[article_id]
    dayless = [replace(row, facts=tuple(f for f in row.facts if f not in _days(live)))
               for row in live]
    assert _days(schedule.filled(dayless, stored, zone)) == _days(live)


def _days(rows: list[SentenceContent]) -> set[str]:
    return {fact for row in rows for fact in row.facts
            if fact.startswith((schedule.NAMED, schedule.SCHEDULED))}

