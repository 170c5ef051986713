"""A new scheduled event or a moved date is a new fact ("talks will resume on Friday"), while
the same event told from another day is not ("on Monday" → "yesterday", "on Friday" →
"tomorrow"): through the real pipeline (real spaCy, a real SQLite file)."""

import json
import time
from datetime import date

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories import schedule

BREAKDOWN = """Lindholm dock talks break down over night pay

Talks between the Lindholm dockers' union and the port authority broke down on Monday after twelve hours without agreement on night shift pay.

Cargo ships have been waiting outside the harbour since the strike began last week.

Union negotiator Petra Solberg said the authority had not moved on pay."""

RESUMING = """Lindholm dock talks to resume

Talks between the dockers' union and the port authority will resume on Friday, the union said."""

REDATED = """Lindholm dock talks collapse

Talks between the Lindholm dockers' union and the port authority broke down yesterday after twelve hours without agreement on night shift pay."""

RESUMING_TOMORROW = """Lindholm dock talks to resume

Talks between the Lindholm dockers' union and the port authority will resume tomorrow, the union said."""

MOVED = """Lindholm dock talks to resume

Talks between the Lindholm dockers' union and the port authority will resume on Monday, the union said."""

TUESDAY, WEDNESDAY, THURSDAY = "2025-05-06", "2025-05-07", "2025-05-08"


def ingest(pipeline, *dated: tuple[str, str]) -> list:
    """The outcomes of (day, text) pairs, each published at noon on its day, in that order."""
    items = [RawArticle(text=text, origin=f"dated{i}", published=f"{day}T12:00:00+00:00")
             for i, (day, text) in enumerate(dated)]
    return list(pipeline.ingest(items))


def test_talks_set_to_resume_on_a_day_are_news(pipeline):
    first, later = ingest(pipeline, (TUESDAY, BREAKDOWN), (WEDNESDAY, RESUMING))
    assert later.verdict.story_id == first.verdict.story_id
    assert later.verdict.kind == "update"
    assert any("resume on Friday" in s for s in later.verdict.whats_new)


def test_the_same_breakdown_told_from_the_next_day_is_a_duplicate(pipeline):
    first, later = ingest(pipeline, (TUESDAY, BREAKDOWN), (WEDNESDAY, REDATED))
    assert later.verdict.story_id == first.verdict.story_id
    assert later.verdict.kind == "duplicate"


def test_the_same_resumption_told_from_the_next_day_is_a_duplicate(pipeline):
    outcomes = ingest(pipeline, (TUESDAY, BREAKDOWN), (WEDNESDAY, RESUMING),
                      (THURSDAY, RESUMING_TOMORROW))
    assert len({o.verdict.story_id for o in outcomes}) == 1
    assert outcomes[2].verdict.kind == "duplicate"


def test_a_resumption_moved_to_another_day_is_news(pipeline):
    outcomes = ingest(pipeline, (TUESDAY, BREAKDOWN), (WEDNESDAY, RESUMING), (THURSDAY, MOVED))
    assert len({o.verdict.story_id for o in outcomes}) == 1
    assert outcomes[2].verdict.kind == "update"
    assert any("resume on Monday" in s for s in outcomes[2].verdict.whats_new)


def scheduled(text: str, written: str) -> set[str]:
    """The days ``text`` (of Wednesday 7 May 2025) puts something on, ``written`` its date."""
    start = text.index(written)
    found = schedule.day_keys(text, [(start, start + len(written), written)], date(2025, 5, 7))
    ahead = {k[2:] for k in found if k[:2] == schedule.SCHEDULED}
    assert ahead <= {k[2:] for k in found if k[:2] == schedule.NAMED}, "a day ahead is named too"
    return ahead


def test_a_day_is_scheduled_only_after_words_of_the_future_in_its_clause():
    assert scheduled("Talks will resume on Friday.", "Friday") == {"2025-05-09"}
    assert scheduled("Talks will resume tomorrow.", "tomorrow") == {"2025-05-08"}
    assert scheduled("The vote is scheduled for May 20.", "May 20") == {"2025-05-20"}
    assert scheduled("The union said crossings would resume on Monday.", "Monday") == {
        "2025-05-12"}
    assert scheduled("Talks broke down on Monday.", "Monday") == set()
    assert scheduled("The union said on Monday that talks would resume.", "Monday") == set()
    assert scheduled("Police would not say on Monday whether talks would resume.",
                     "Monday") == set()
    assert scheduled("He was set to retire on Sunday.", "Sunday") == set()
    assert scheduled("The panel had been scheduled to meet on Friday.", "Friday") == set()
    assert scheduled("Funding would have run out on Friday.", "Friday") == set()
    assert scheduled("One will be the plan the mayor unveiled on Saturday.", "Saturday") == set()
    assert scheduled("The strike will overshadow Thursday's vote.", "Thursday") == set()
    assert scheduled("It would reverse the stance taken earlier Monday.", "earlier Monday") == set()
    assert scheduled("Talks will resume next week.", "next week") == set()


def test_a_weekday_is_read_as_the_days_it_may_name():
    wednesday = date(2025, 5, 7)
    days = schedule.day_keys
    assert days("Talks resume on Monday.", [(16, 22, "Monday")], wednesday) == {
        "v:2025-05-05", "v:2025-05-12"}
    assert days("Talks broke down on Monday.", [(20, 26, "Monday")], wednesday) == {
        "v:2025-05-05"}  # a verb in the past: the last Monday only (both, before)
    assert days("Crews walked out on Monday.", [(20, 26, "Monday")], wednesday) == {
        "v:2025-05-05"}
    assert days("A hundred crews on Monday.", [(19, 25, "Monday")], wednesday) == {
        "v:2025-05-05", "v:2025-05-12"}
    assert days("They met yesterday.", [(9, 18, "yesterday")], wednesday) == {"v:2025-05-06"}
    assert days("Talks will resume on Thursday.", [(21, 29, "Thursday")], wednesday) == {
        "v:2025-05-08", "w:2025-05-08"}
    assert days("Talks will resume on Friday.", [(21, 27, "Friday")], None) == set()


def test_an_article_dated_at_the_calendars_end_is_stored_with_no_day_ahead(pipeline):
    first, later = ingest(pipeline, ("9999-12-31", BREAKDOWN), ("9999-12-31", RESUMING_TOMORROW))
    assert first.verdict is not None and later.verdict is not None
    assert later.verdict.story_id == first.verdict.story_id


def test_a_date_past_the_calendars_ends_names_no_day():
    wednesday = date(2025, 5, 7)
    text = "The vote is due on May 5, 99999999999999999999."
    start = text.index("May")
    assert schedule.day_keys(text, [(start, len(text) - 1, text[start:-1])], wednesday) == set()
    assert schedule.day_keys("Talks will resume tomorrow.", [(18, 26, "tomorrow")],
                             date.max) == set()
    assert schedule.day_keys("Talks broke down on Friday.", [(20, 26, "Friday")],
                             date.min) == set()
    assert schedule.day_keys("Talks will resume on Monday.", [(21, 27, "Monday")],
                             date.min) == {"v:0001-01-01", "w:0001-01-01"}


def test_a_sentence_of_thousands_of_dates_is_read_in_proportion_to_its_length():
    text = " ".join(["talks will resume on Friday"] * 8000)
    dates = [(start, start + 6, "Friday") for start in range(21, len(text), 28)]
    assert all(text[start:end] == "Friday" for start, end, _ in dates)
    began = time.process_time()
    found = schedule.day_keys(text, dates, date(2025, 5, 7))
    assert found == {"v:2025-05-09", "w:2025-05-09"}
    assert time.process_time() - began < 3, "each date read only the words just before it"


def test_a_date_naming_no_day_gives_no_key_whatever_its_clause_says():
    """The edges of reading the clause only for a date that names a day (either way)."""
    assert scheduled("Talks will resume in 2026.", "2026") == set()
    assert schedule.day_keys("Talks will resume next week.", [(18, 27, "next week")],
                             date(2025, 5, 7)) == set()
    leap_winter = date(2024, 12, 20)
    assert schedule.day_keys("They met on February 29.", [(12, 23, "February 29")],
                             leap_winter) == {"v:2024-02-29"}
    assert schedule.day_keys("They will meet on February 29.", [(18, 29, "February 29")],
                             leap_winter) == set()
    assert schedule.day_keys("Talks will resume on Friday.", [(21, 27, "Friday")],
                             date.min) == {"v:0001-01-05", "w:0001-01-05"}


def as_stored_before_days(db) -> None:
    """The story tables as a database written before days were kept: no day keys."""
    rows = db.execute("SELECT article_id, sentences FROM story_features").fetchall()
    for article_id, sentences in rows:
        days = (schedule.SCHEDULED, schedule.NAMED)
        kept = [[row[0], [f for f in row[1] if f[:2] not in days], *row[2:]]
                for row in json.loads(sentences)]
        db.execute("UPDATE story_features SET sentences = ? WHERE article_id = ?",
                   [json.dumps(kept), article_id])
    db.conn.commit()


def test_a_day_named_before_an_upgrade_is_not_news_once_more(fresh_db, settings, nlp):
    """Sentences stored before days were kept have their days read again from the stored text
    and dates when their story is first touched."""
    stored = ingest(Pipeline(fresh_db, settings, nlp=nlp), (TUESDAY, BREAKDOWN),
                    (WEDNESDAY, RESUMING))
    as_stored_before_days(fresh_db)
    [later] = ingest(Pipeline(fresh_db, settings, nlp=nlp), (THURSDAY, RESUMING_TOMORROW))
    assert later.verdict.story_id == stored[0].verdict.story_id
    assert later.verdict.kind == "duplicate", "Friday was news once more"
