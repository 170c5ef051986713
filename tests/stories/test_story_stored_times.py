"""The story stage reads every stored time with the one reader (``bot.models.times.utc_time``):
a naive time is UTC, as storage writes them, whatever the machine's zone. Before, an undated
article's arrival stored naive was read as the machine's local time (its desk day a day early
on a machine five hours east of UTC), a story's start or an article's join time stored naive
raised TypeError against the aware time of the article being placed, and the running stories'
window kept the newest story's own offset while it is compared as text with UTC times. Each
case runs in a child Python with TZ=EAST-5, on a real SQLite file where the time is stored."""

from __future__ import annotations

import pytest

from tests.east_of_utc import east_of_utc

HEAD = """
import sys
from datetime import UTC, datetime
from storage.db import open_db, transaction
db = open_db(sys.argv[1])
now = datetime(2026, 12, 6, 4, 50, tzinfo=UTC)
"""


def test_an_undated_articles_arrival_stored_naive_is_its_utc_day(tmp_path):
    """Arrived at 02:00 UTC on the 6th: read as local time it was 21:00 UTC on the 5th."""
    script = HEAD + """
from bot.stories.schedule import desk_day
print(desk_day("2026-12-06T02:00:00", UTC), desk_day("2026-12-06T02:00:00+00:00", UTC))
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2026-12-06 2026-12-06"]


def test_a_story_start_and_a_join_stored_naive_are_hours_before_the_article(tmp_path):
    """Before: TypeError (an aware time less a naive one), and the article was not placed."""
    script = HEAD + """
from bot.stories.stage import _hours, _member
print(_hours(now, "2026-12-06T02:50:00"))
print(_member(7, {"k": 1.0}, (0.5, "2026-12-06T03:50:00", False), now).hours_before)
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2.0", "1.0"]


@pytest.mark.parametrize("latest", ["2026-12-06T04:00:00", "2026-12-06T09:00:00+05:00"])
def test_the_running_stories_window_is_written_in_utc(tmp_path, latest):
    """Stored story times are compared as text, so the window's start is written as they are."""
    script = HEAD + f"""
from bot.stories.tracking import running_since
from storage.stories import create_story
with transaction(db):
    create_story(db, title="t", summary=[], seen_at="{latest}", now="{latest}")
print(running_since(db, quiet_hours=6))
"""
    assert east_of_utc(script, tmp_path / "w.db") == ["2026-12-05T22:00:00+00:00"]
