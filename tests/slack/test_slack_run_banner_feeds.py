"""`wirewatch run`'s first lines say what a feed's first poll will do with what it already
carries, and, with Slack, where a feed that stops working or goes quiet is told (a real SQLite
file, the Runner against the fake Slack Web API)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.config import Settings
from bot.runner import Runner
from bot.slack.runtime import SlackRuntime
from storage.db import open_db, transaction
from storage.sources import add_source, record_backlog, record_success

FEED = "https://wire.example/desk.xml"
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def banner(settings: Settings, nlp, *, slack: bool) -> list[str]:
    factory = (lambda routes: SlackRuntime(settings)) if slack else None
    runner = Runner(settings, nlp=nlp, slack_factory=factory)
    try:
        if runner.slack is not None:
            runner.slack.start()
        return runner.describe()
    finally:
        runner.stop()


def test_a_feed_not_polled_yet_says_what_its_first_poll_does_then_nothing(settings, nlp):
    """Before: `feed #1: URL (every 300 s)`, and nothing of the no-alert first poll until
    its log line."""
    db = open_db(settings.db_path)
    with transaction(db):
        source = add_source(db, kind="feed", location=FEED)
    lines = banner(settings, nlp, slack=False)
    at = lines.index(f"feed #1: {FEED} (every 300 s)")
    assert lines[at + 1].startswith("  first poll as this run starts: what the feed already "
                                    "carries is stored as background (no alerts"), lines
    with transaction(db):
        record_success(db, source, now=NOW, items=3)
        record_backlog(db, source, entries=3, done=True, now=NOW)
    db.close()
    assert not any("first poll" in line for line in banner(settings, nlp, slack=False))


def test_with_slack_the_banner_says_where_feed_notices_go(slack_settings, fake_slack, nlp):
    """Before: nothing said that, without WIREWATCH_ADMIN_CHANNEL, a feed added on the server
    that stops working is told to nobody."""
    db = open_db(slack_settings.db_path)
    with transaction(db):
        add_source(db, kind="feed", location=FEED)
    db.close()
    alone = banner(slack_settings, nlp, slack=True)
    assert any(line.startswith("feed notices (one stops working or goes quiet, and when it is "
                               "back): only to whoever added the feed") for line in alone), alone
    fake_slack.add_channel("C0ADMIN")
    told = banner(replace(slack_settings, admin_channel="C0ADMIN"), nlp, slack=True)
    assert "feed notices (one stops working or goes quiet, and when it is back): to C0ADMIN " \
        "(WIREWATCH_ADMIN_CHANNEL) and whoever added the feed with /wirewatch sources add" in told
    assert not any("feed notices" in line for line in banner(slack_settings, nlp, slack=False))
