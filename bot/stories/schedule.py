"""The days a sentence schedules something for ("talks will resume on Friday"), as calendar
dates counted from the article's own day: the same event told from another day ("tomorrow" a
day later) is then the same day, and a new or moved date a day the story never had."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.ingest import date_words
from bot.models import DatedArticle, SentenceContent
from bot.models.times import utc_time
from bot.stories.saying import DECLINING, ONLY_SAYING, every_form

WEEKDAYS = tuple(day.casefold() for day in date_words.WEEKDAYS)
MONTHS = tuple(month.casefold() for month in date_words.ENGLISH[1:])
WORD = re.compile(r"[a-z]+|\d+")
FUTURE = re.compile(
    r"\b(?:will|shall|would|due|scheduled|rescheduled|set (?:to|for)|expected|plans? to|"
    r"planned|postponed|delayed|adjourned|pushed back|brought forward|"
    r"(?:agreed|promised|vowed|pledged|is|are) to)\b|['’]ll\b", re.IGNORECASE)
"""Words before a date that put it ahead ("will resume on", "is due on", "set for", "agreed to
meet again on"); "said on Monday" and "broke down on Monday" do not. Read where no parse is at
hand (rows stored before days were kept, ``filled``); with one, ``bot.stories.plans``."""
SAYING = re.compile(r"\b(?:" + "|".join(every_form(ONLY_SAYING | DECLINING)) + r")\b",
                    re.IGNORECASE)
"""A verb of saying between the future words and the date dates the saying, not the event:
"would not say on Monday whether …" (those of ``saying.ONLY_SAYING``: the others are as often
the event itself, "will report on Friday")."""
BREAK = re.compile(r"[,;:—()\"“”]")
PAST_PLAN = re.compile(r"\b(?:was|were|had been)\s+(?:\w+\s+)?$", re.IGNORECASE)
"""Before words of the future, a plan from before the news: "was set to retire Sunday", "had
been scheduled to open the inquiry Friday"."""
GONE = frozenset({"earlier", "last", "ago", "past", "previous"})
"""A date's words that place it before the article ("earlier Monday"), whatever comes before."""
DONE = re.compile(
    r"\b(?!(?:be|been|being|is|are|get|got|have|has|had|the|a|an|its|his|her|their|"
    r"newly|recently|long|much|most|more|highly|widely)\s)\w+\s+\w{3,}ed\b", re.IGNORECASE)
"""After words of the future, a verb in the past names something done before: "One will be the
proposal the president unveiled Saturday" (not "will be released on", "will meet the newly
elected mayor on", "will hold a delayed vote on")."""
POSSESSIVE = re.compile(r"['’]s\b")
"""A date naming an event the story has ("Thursday's hearing"), not putting one on a day."""
UNREAL = re.compile(r"\s*have\b", re.IGNORECASE)
"""After "would", one that did not happen: "would have expired Friday"."""
PAST = re.compile(
    r"\b(?:(?!hundred\b)[a-z]{2,}(?<!e)ed|[a-z]+ied|agreed|freed|went|came|took|gave|made|"
    r"said|told|held|met|left|lost|won|began|broke|fell|rose|sank|shot|struck|ran|sold|paid|"
    r"fought|caught|brought|bought|found|stood|spoke|wrote|drove|flew|grew|knew|threw|chose|"
    r"froze|led|fled|sent|spent|built|felt|kept|became|withdrew|saw|did)\b", re.IGNORECASE)
"""A verb in the past in a date's clause, read off the words where no parse is at hand (rows
stored before days were kept, ``filled``): what it tells happened on the last of a weekday's
name ("walked off the job on Monday"), not the next. With the parse, its tags say it
(``bot.stories.reading.tense_flags``), of any verb."""
SPACED = re.compile(r"\S+")
RELATIVE = {"today": (0,), "tonight": (0,), "this morning": (0,), "this afternoon": (0,),
            "this evening": (0,), "tomorrow": (1,), "yesterday": (-1,)}
"""Days named from the article's own, by how many days away they are."""
WINDOW = 8
"""How many words before the date the future words are looked for, within its clause."""
LOOK_BACK = 200
"""How many characters before a date hold its WINDOW words (bounded, so a sentence of many dates
costs in proportion to its length)."""
AHEAD = 60
"""Days into the next year a date without a year may reach (in December, "on January 5")."""
SCHEDULED = "w:"
"""The key of a day something is put on ahead of the article (what may be news)."""
NAMED = "v:"
"""The key of a day a sentence names in any way ("on Monday", "yesterday", "will resume on
Friday"): a scheduled day the story named in any form is no new date."""
SOON = range(-1, 6)
"""Days from the article's a weekday with words of the future is read in: "will meet on
Thursday" published on a Friday is a report written the day before, not next week's meeting
(which would be "next Thursday")."""
LATELY = range(-6, 1)
"""Days from the article's a weekday said without them may also be (what happened "on Monday")."""
LEAD_SENTENCES = 2
"""The sentences an article's event days are read from: its lead tells what happened, and when."""
FUTURE_SLACK = timedelta(days=1)
"""How far ahead of its arrival an article's time may be and still be its own (a clock or zone
set wrong by hours); further, it is no time: the article is placed, and its days counted, at
its arrival."""
STREAM_START = datetime(1970, 1, 1, tzinfo=UTC)
"""A replay's clock before its first dated record: an undated record that comes first is placed
there, alone (the wall clock's time would put it years from the stream, and the stream's clock
with it), not by when it is replayed."""


def own_time(value: str | None, *, now: datetime | None) -> datetime | None:
    """The article's own time, unless it is missing, unreadable or in the future (past
    FUTURE_SLACK of ``now``, its arrival; None: a replay's record, which arrives when it is
    dated, so is never ahead of its arrival)."""
    if not value:
        return None
    try:
        when = utc_time(value)
    except (ValueError, OverflowError):
        return None
    return None if now is not None and when > now + FUTURE_SLACK else when


def day_of(published: str | None, offset: int | None = None) -> date | None:
    """The article's own day, or None when it has none: the date of its time (which cleaning
    has put in UTC) where it was written, ``offset`` minutes east of UTC, so an evening report
    in the Americas is on its writer's day, not the next; in UTC when no offset is known."""
    if not published:
        return None
    try:
        when = utc_time(published)
    except (ValueError, OverflowError):
        return None
    if offset is None:
        return when.date()
    try:
        return (when + timedelta(minutes=offset)).date()
    except OverflowError:  # the writer's day past the calendar's last: the one in UTC
        return when.date()


def desk_day(arrived: str | None, zone: tzinfo) -> date | None:
    """The day an undated article arrived on, on the desk's calendar (``WIREWATCH_TIMEZONE``):
    a file dropped at 21:00 in New York on a Tuesday tells of that Tuesday, not UTC's
    Wednesday."""
    if not arrived:
        return None
    try:
        return utc_time(arrived).astimezone(zone).date()
    except (ValueError, OverflowError):
        return None


def day_keys(text: str, dates: Iterable[tuple[int, int, str]], today: date | None,
             past: Sequence[int] | None = None,
             planned: Collection[int] | None = None) -> set[str]:
    """The keys of the days ``text`` names, counted from the article's ``today``: each of
    ``dates`` is a date's (start, end, text) in ``text``. A date in a plan ("will resume on
    Friday") is a day ahead, SCHEDULED; any other is one of the days it may be (a weekday: the
    last or the next of its name; only the last after a verb in the past), NAMED only. Where
    the parse is at hand it says both: ``planned``, the starts of the dates it puts ahead
    (``bot.stories.plans``), and ``past``, its verbs' starts in ``text``; without it, the
    words before the date are read (FUTURE, PAST)."""
    if today is None:
        return set()
    found = set()
    for start, end, written in dates:
        words = WORD.findall(written.lower())
        named = _named(words, today)
        if named == []:  # no day ahead either ("last year", "2024"): its clause is not read
            continue
        ahead = not GONE.intersection(words) and not POSSESSIVE.match(text, end) and \
            (start in planned if planned is not None else
             _ahead(text[max(0, start - LOOK_BACK):start]))
        try:
            days = (_days(words, today, ahead) if ahead or named is None else
                    _lately(named, today) if _past(text, start, past) else named)
        except (OverflowError, ValueError):
            continue
        for day in days:
            found.add(NAMED + day.isoformat())
            if ahead and (day - today).days >= SOON.start:
                found.add(SCHEDULED + day.isoformat())
    return found


def told(keys: Iterable[str]) -> set[str]:
    """The days (ISO) that day ``keys`` tell of: named (NAMED), not put ahead (SCHEDULED)."""
    found = set(keys)
    return {key[len(NAMED):] for key in found
            if key.startswith(NAMED) and SCHEDULED + key[len(NAMED):] not in found}


def event_days(keys: Iterable[str], today: date | None) -> frozenset[date]:
    """The days a lead's day ``keys`` tell of (``told``), no later than the article's own day
    (none when it has none)."""
    if today is None:
        return frozenset()
    return frozenset(day for day in map(date.fromisoformat, told(keys)) if day <= today)


def undated(rows: list[SentenceContent]) -> bool:
    """Whether an article's stored sentences keep no day: stored before days were kept (or
    naming none, which reading them again finds)."""
    return not any(fact[:2] in (SCHEDULED, NAMED) for row in rows for fact in row.facts)


def filled(rows: list[SentenceContent], article: DatedArticle,
           zone: tzinfo | None = None) -> list[SentenceContent]:
    """The stored sentences with the days their dates name, read from the stored text and
    dates: rows stored before days were kept would else let a day the story named count as
    news once more. An undated article's day is the one it arrived on (when stored) on the
    desk's calendar, ``zone``, as when it was seen live (None: a replay's, which has none).
    Each row is its sentence's (the blank ones were never stored); if the counts differ, the
    first row keeps all the article's days (the story's, taken together, are what a new day
    is checked against)."""
    today = stored_day(article, zone)
    spans = [s for s in article.parts.sentences if article.body[s.start:s.end].strip()]
    found = [day_keys(article.body[s.start:s.end],
                      [(d.start - s.start, d.end - s.start, d.text)
                       for d in article.parts.entities if s.start <= d.start < s.end], today)
             for s in spans]
    if len(found) != len(rows):
        found = [set().union(*found)] + [set()] * (len(rows) - 1)
    return [replace(row, facts=tuple(sorted({*row.facts, *days}))) if days else row
            for row, days in zip(rows, found, strict=False)]


def stored_day(article: DatedArticle, zone: tzinfo | None) -> date | None:
    """The day a stored article's days are counted from, as when it was seen live: its own
    time's, unless it has none its arrival may take (missing, or past FUTURE_SLACK of it),
    then the day it arrived on the desk's calendar, ``zone`` (None: a replay's, no arrival)."""
    arrived = desk_day(article.ingested, zone) if zone is not None else None
    if arrived is not None and article.ingested and \
            own_time(article.published, now=utc_time(article.ingested)) is None:
        return arrived
    return day_of(article.published, article.published_offset) or arrived


def _named(words: list[str], today: date) -> list[date] | None:
    """The days the date's words name when not ahead (None for a day no calendar has): when
    none, none ahead either."""
    try:
        return _days(words, today, False)
    except (OverflowError, ValueError):
        return None


def _ahead(before: str) -> bool:
    """Whether the clause's last few words before a date put it in the future (not "was set
    to", a plan from before the news, nor "would have", one that did not happen)."""
    window = " ".join(BREAK.split(before)[-1].split()[-WINDOW:])
    found = list(FUTURE.finditer(window))
    if not found:
        return False
    last, after = found[-1], window[found[-1].end():]
    return not (PAST_PLAN.search(window[:last.start()]) or SAYING.search(after)
                or DONE.search(after) or (last.group().lower() == "would" and UNREAL.match(after)))


def _past(text: str, start: int, past: Sequence[int] | None) -> bool:
    """Whether the clause's last few words before the date at ``start`` hold a verb in the
    past: one of ``past`` (the parse's), or, with none, one PAST reads."""
    clause = BREAK.split(text[max(0, start - LOOK_BACK):start])[-1]
    words = list(SPACED.finditer(clause))[-WINDOW:]
    if past is None:
        return bool(PAST.search(" ".join(w.group() for w in words)))
    begin = start - len(clause) + (words[0].start() if words else len(clause))
    return any(begin <= at < start for at in past)


def _lately(named: list[date], today: date) -> list[date]:
    """Of a date's days, those not after the article's own (a weekday's last of its name)."""
    return [day for day in named if day <= today] or named


def _days(words: list[str], today: date, ahead: bool) -> list[date]:
    """The days the date's words may name, counted from ``today``: none for a period ("next
    week", "in June") or more than one day; OverflowError or ValueError for a day no calendar
    has ("February 30", a year of twenty digits, the day after 31 December 9999)."""
    months = [MONTHS.index(w) + 1 for w in words if w in MONTHS]
    if months:
        day = _calendar(months[0], [int(w) for w in words if w.isdigit()], today, ahead)
        return [day] if len(months) == 1 and day is not None else []
    weekdays = [WEEKDAYS.index(w) for w in words if w in WEEKDAYS]
    if len(weekdays) == 1:
        offsets = [*SOON] if ahead else [*SOON, *LATELY]
        return sorted({today + timedelta(days=n) for n in offsets
                       if (today.weekday() + n) % 7 == weekdays[0]})
    if weekdays:
        return []
    return [today + timedelta(days=n) for n in RELATIVE.get(" ".join(words), ())]


def _calendar(month: int, numbers: list[int], today: date, ahead: bool) -> date | None:
    """"May 20", "20 May", "May 20, 2026": a day of a month, in the article's year unless it
    says another (or, ahead, is a day of January already gone in December)."""
    days = [n for n in numbers if 1 <= n <= 31]
    years = [n for n in numbers if n > 1900]
    if len(days) != 1 or len(years) > 1:
        return None
    day = date(years[0] if years else today.year, month, days[0])
    if ahead and not years and day < today and \
            (day.replace(year=today.year + 1) - today).days <= AHEAD:
        day = day.replace(year=today.year + 1)
    return day
