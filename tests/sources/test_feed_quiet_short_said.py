"""A new feed told quiet by the plainer rule for a short history says so in `sources list` and
Slack's lines in its notice's words, not as 'far longer than its usual gap', which it has too
few gaps to have; after a restart too (a real feed server on 127.0.0.1, a real SQLite file,
polls at given times)."""

from __future__ import annotations

from datetime import timedelta

from bot.cli.source_quiet import quiet_line
from bot.slack.activity_lines import source_trouble
from bot.source_notices import notice_text, queue_notices
from storage.sources import source_row
from tests.sources.test_feed_quiet import ADMINS, START, _last, desk, hours  # noqa: F401

FEW = "it brought new entries at one poll only since it was added, too few to learn its usual gap"


def test_a_new_feed_told_quiet_is_listed_in_its_notices_words(desk):  # noqa: F811
    """Before: 'no new entry in 3 days (latest …), far longer than its usual gap: …'."""
    for n in range(5):
        desk.publish(START - timedelta(hours=n))
    for moment in hours(START, 4 * 8, step=3):
        desk.poll(moment)
    assert queue_notices(desk.db, admin_channel=ADMINS) == 1
    assert FEW in notice_text(_last(desk.db))
    desk.restart()
    row, now = source_row(desk.db, desk.id), START + timedelta(days=3, hours=1)
    for said in (quiet_line(row, now=now) or "", source_trouble(row, now=now) or ""):
        assert said.startswith("no new entry in 3 days (latest "), said
        assert FEW in said and "far longer than its usual gap" not in said, said
        assert "if its site still publishes, the feed may have stopped or moved" in said, said
