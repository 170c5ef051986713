"""A later-dated weak join: a report whose lead tells of a day after every day its story's
leads gave, joining on a little likeness, is stored as weak, so its sibling takes it out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.stories import cluster
from bot.stories.correct import LATER_DAY_JOIN, day_on, later_dated
from storage import stories as store

VOTE = """Velmora council approves the Ostrand river bridge

Velmora's city council voted on Monday to approve a new road bridge over the Ostrand river, ending two years of debate over its cost.

Mayor Idris Calloway said the bridge would open in 2029 and cut the drive between the two banks of the city by twenty minutes.

Council members who voted against it said the money should have gone to the tram network."""

LAWSUIT = """Wetland campaigners go to court over Velmora road

A residents' group filed a lawsuit on Tuesday to stop the approach road to Velmora's planned bridge, which it says would cross wetland protected since 1998.

The Friends of Ostrand Meadow said rare orchids and nesting herons would be lost to the road.

Their lawyer, Teodora Halim, said the group had warned officials of the meadow's status in writing."""

LAWSUIT_AGAIN = """Meadow campaigners sue to save Ostrand wetland

The Friends of Ostrand Meadow went to court on Tuesday to stop the approach road through the protected wetland.

Teodora Halim, the group's lawyer, told reporters the meadow had been protected since 1998 and the group had warned officials in writing.

A hearing on the lawsuit is expected next month."""

EVENTS = cluster.Events()
HOURS = (0, 23, 27)  # the vote on Monday morning; the lawsuit's reports the next day


def articles(start: datetime = datetime(2026, 5, 4, 9, tzinfo=UTC)) -> list[RawArticle]:
    return [RawArticle(text=text, origin=f"v{n}", published=(start + timedelta(hours=h))
                       .isoformat())
            for n, (text, h) in enumerate(zip((VOTE, LAWSUIT, LAWSUIT_AGAIN), HOURS, strict=True))]


def test_a_later_dated_weak_join_leaves_with_its_sibling(pipeline, fresh_db):
    vote, lawsuit, again = list(pipeline.ingest(articles()))
    assert lawsuit.verdict.story_id == vote.verdict.story_id, "the lawsuit joins, a little alike"
    assert lawsuit.moved is None
    moved = again.moved
    assert moved is not None and moved.article_id == lawsuit.article_id
    assert moved.old_story == vote.verdict.story_id
    assert again.verdict.story_id == moved.new_story != vote.verdict.story_id
    assert store.story_size(fresh_db, vote.verdict.story_id) == 1


def test_the_later_dated_join_is_stored_marked_weak_with_its_real_likeness_and_days(pipeline, fresh_db):
    vote, lawsuit = list(pipeline.ingest(articles()[:2]))
    [rows] = store.latest_joins(fresh_db, [vote.verdict.story_id]).values()
    scores = {a: (score, later) for a, score, _, later in rows}
    assert scores[vote.article_id] == (None, False)
    score, later = scores[lawsuit.article_id]
    assert later, "marked as weak for its later day"
    assert score is not None and EVENTS.weak_join <= score < LATER_DAY_JOIN, \
        "its real likeness, not one made up under the weak line"
    days = {a: found for a, (_, _, found) in
            store.article_keys(fresh_db, [vote.article_id, lawsuit.article_id]).items()}
    assert days == {vote.article_id: ["2026-05-04"], lawsuit.article_id: ["2026-05-05"]}


MONDAY, TUESDAY = date(2026, 5, 4), date(2026, 5, 5)


@pytest.mark.parametrize("score, days, story_days, weak", [
    (0.11, {TUESDAY}, {MONDAY}, True),            # a later day, a little alike
    (0.12, {TUESDAY}, {MONDAY}, False),           # alike enough: the story's own next day
    (0.11, {MONDAY}, {MONDAY, TUESDAY}, False),   # a day the story gave
    (0.11, {TUESDAY}, set(), False),              # the story's leads dated nothing
    (0.11, set(), {MONDAY}, False),               # the article's lead dates nothing
])
def test_only_a_little_alike_later_day_is_weak(score, days, story_days, weak):
    assert later_dated(score, days, story_days) is weak


@pytest.mark.parametrize("score, age_hours, weak", [
    (0.11, 24.0, True),    # a little alike, a day after the story began: dated or not
    (0.11, 23.0, False),   # the same day's news
    (0.12, 30.0, False),   # alike enough: the story's own next day
])
def test_a_little_alike_join_a_day_on_is_weak(score, age_hours, weak):
    assert day_on(score, age_hours) is weak


def test_a_little_alike_join_a_day_on_is_stored_weak_though_it_dates_nothing(pipeline, fresh_db):
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    undated = LAWSUIT.replace(" on Tuesday", "")
    vote, lawsuit = list(pipeline.ingest([
        RawArticle(text=VOTE, origin="u0", published=start.isoformat()),
        RawArticle(text=undated, origin="u1", published=(start + timedelta(hours=26)).isoformat())]))
    assert lawsuit.verdict.story_id == vote.verdict.story_id, "the lawsuit joins, a little alike"
    [rows] = store.latest_joins(fresh_db, [vote.verdict.story_id]).values()
    score, _, later = next(row[1:] for row in rows if row[0] == lawsuit.article_id)
    assert score is not None and score < LATER_DAY_JOIN
    assert later, "marked weak: a day after the story began, though its lead dates no day"
