"""`sources list`, `/wirewatch status` and App Home call a feed quiet by the rule that tells it
(its own usual gap, ``sources.quiet_at``), not after one day; and a feed told quiet that then
failed and comes back with entries is told once (a real feed server on 127.0.0.1, a real
SQLite file, polls at given times)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.cli.source_quiet import quiet_line
from bot.ingest.feeds import poll_feed
from bot.slack.activity_lines import source_trouble
from bot.source_notices import notice_text, queue_notices
from storage.sources import source_row
from tests.sources.feedserver import Route
from tests.sources.test_feed_quiet import ADMINS, START, Desk, _last, hours, weekly_backlog


@pytest.fixture
def desk(server, db_path, fresh_db):
    made = Desk(server, db_path, fresh_db)
    yield made
    made.db.close()


def _weekly(desk: Desk) -> datetime:
    """Four weeks of one entry a week after three in its first poll, polled every six hours;
    when the last came."""
    weekly_backlog(desk)
    for week in range(4):
        desk.publish(START + timedelta(days=7 * week))
        for moment in hours(START + timedelta(days=7 * week), 7 * 4, step=6):
            desk.poll(moment)
    return START + timedelta(days=21)


def test_a_weekly_feed_is_called_quiet_where_it_is_told_not_after_a_day(desk):
    """Before: three days after its weekly entry, `sources list` and Slack said 'no new entry
    in 3 days … the feed may have stopped' of a feed whose notice rightly said nothing."""
    last = _weekly(desk)
    for moment in hours(last + timedelta(days=2), 5, step=6):
        desk.poll(moment)
    row, now = source_row(desk.db, desk.id), last + timedelta(days=3, hours=1)
    assert quiet_line(row, now=now) is None and source_trouble(row, now=now) is None
    for moment in hours(last + timedelta(days=14), 8, step=6):
        desk.poll(moment)
    assert len(desk.changes("quiet")) == 1
    row, now = source_row(desk.db, desk.id), last + timedelta(days=16)
    said = quiet_line(row, now=now) or ""
    assert said.startswith("no new entry in 16 days (latest ") and ", far longer than its " \
        "usual gap: if its site still publishes, the feed may have stopped or moved" in said
    assert "no new entry in 16 days (latest <!date^" in (source_trouble(row, now=now) or "")


def test_a_working_feed_that_never_brought_an_entry_says_so_plainly(desk):
    """An empty feed has no history to judge: how long, and no word of it having stopped."""
    desk.poll(START)
    row = source_row(desk.db, desk.id)
    plain = quiet_line(row, now=datetime.fromisoformat(row.added_at) + timedelta(days=4)) or ""
    assert plain.startswith("no entry in the 4 days since it was added (too few to learn how "
                            "often it brings one)") and "stopped" not in plain, plain


def test_a_quiet_feed_that_failed_and_comes_back_with_entries_is_told_once(desk):
    """Told quiet, then failing (three polls answering 503, told), then back with a new
    entry: told it works again, as its failing notice promised. Before: 'brings new entries
    again' in place of that, and the log said both for the one poll."""
    last = _weekly(desk)
    for moment in hours(last + timedelta(days=14), 8, step=6):
        desk.poll(moment)
    assert len(desk.changes("quiet")) == 1
    desk.server.routes["/notices"] = Route(b"busy", status=503, content_type="text/plain")
    failed = last + timedelta(days=17)
    for moment in hours(failed, 3, step=6):
        result = poll_feed(desk.db, source_row(desk.db, desk.id), fetcher=desk.fetcher,
                           now=moment)
        assert result.error is not None
    assert len(desk.changes("failing")) == 1
    back = failed + timedelta(days=1)
    desk.publish(back)
    desk.poll(back)
    told = [row[0] for row in desk.db.execute(
        "SELECT change FROM source_changes WHERE at >= ? ORDER BY id", [failed.isoformat()])]
    assert told == ["failing", "back"], told
    queue_notices(desk.db, admin_channel=ADMINS)
    said = notice_text(_last(desk.db))
    assert said.startswith(f"✅ The feed #{desk.id} {desk.server.url('/notices')} works "
                           "again"), said
    assert source_row(desk.db, desk.id).quiet_at is None
