"""A newsroom's second day, in Slack: what `topics list` and `sources list` tell the desk at
the terminal, `/topics`, `/wirewatch status` and App Home tell it where it lives (signed
requests over real HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.sources import add_source, record_failure, record_success
from tests.slack.conftest import app_home, run_command
from tests.slack.world import add_article, add_story

NOW = datetime.now(UTC)


def _topics_a_week_on(db) -> None:
    """Two topics added eight days ago: one matched a story nine hours ago, one never."""
    with transaction(db):
        weather = add_topic(db, name="Hail damage", query="hail AND orchard*")
        add_topic(db, name="Tram bridge", query='"tram bridge" AND clos*')
        db.execute("UPDATE topics SET created_at = ?", [(NOW - timedelta(days=8)).isoformat()])
    article = add_article(db, title="Orchards in the Venn valley count hail damage")
    add_story(db, article_id=article, title="Orchards in the Venn valley count hail damage",
              topic_ids=(weather,), at=(NOW - timedelta(hours=9)).isoformat())


def test_topics_say_when_each_last_had_a_story_or_that_none_matched(runtime, fake_slack,
                                                                    fresh_db):
    """Before: `/topics` and App Home listed a topic that matched nothing for a week as they
    list one alerting every hour: its name and query."""
    _topics_a_week_on(fresh_db)
    listed = run_command(runtime, fake_slack, "/topics", "")["text"]
    hail, bridge = listed.split("• ")[1:]
    assert "latest story <!date^" in hail and "days ago" not in hail, hail
    assert ("no story matched in the 8 days since it was added: `/topics add` alone opens a "
            "form that previews what a query matches, then an admin changes it: "
            '`/topics edit "Tram bridge" QUERY`') in bridge, bridge
    sections = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
                if b["type"] == "section"]
    [hail_home] = [s for s in sections if s.startswith("*Hail damage*")]
    assert "latest story <!date^" in hail_home, hail_home
    [quiet] = [s for s in sections if "Tram bridge" in s]
    assert "no story matched in the 8 days since it was added" in quiet, quiet
    assert '/topics edit "Tram bridge" QUERY' in quiet, quiet


def _feeds_the_morning_after(db) -> None:
    """A feed that died overnight, one answering every poll with nothing new for three days,
    and one that works."""
    with transaction(db):
        for name in ("died", "frozen", "busy"):
            add_source(db, kind="feed", location=f"https://wire.example/{name}")
        record_success(db, 1, now=NOW - timedelta(days=2, hours=1), items=3)
        record_success(db, 2, now=NOW - timedelta(days=3, hours=1), items=2)
        record_success(db, 2, now=NOW - timedelta(minutes=4))
        record_success(db, 3, now=NOW - timedelta(minutes=4), items=1)
        for hours in (9, 5, 2):
            record_failure(db, 1, reason="connection refused", now=NOW - timedelta(hours=hours))


def test_status_and_app_home_name_the_feeds_that_fail_or_bring_nothing(runtime, fake_slack,
                                                                       fresh_db):
    """Before: `/wirewatch status` said 'UNHEALTHY (3 failures in a row)' with no word of
    since when or what to do, the frozen feed 'ok'; App Home said nothing of either."""
    _feeds_the_morning_after(fresh_db)
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    [died] = [line for line in status.splitlines() if "wire.example/died" in line]
    [frozen] = [line for line in status.splitlines() if "wire.example/frozen" in line]
    [busy] = [line for line in status.splitlines() if "wire.example/busy" in line]
    assert "last worked <!date^" in died and ", 2 days ago: open its address in a browser; if " \
        "the feed moved, `/wirewatch sources remove 1` and add its new address" in died, died
    assert "no new entry in 3 days (latest <!date^" in frozen and "the feed may have stopped " \
        "or moved; open it in a browser" in frozen, frozen
    assert "worked" not in busy and "no new entry" not in busy, busy
    assert "• Sources: 3 (1 unhealthy, 1 with nothing new in a day or more)" in status, status
    home = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
            if b["type"] == "section"]
    [feeds] = [s for s in home if s.startswith("*Feeds to look at*")]
    assert "wire.example/died" in feeds and "last worked <!date^" in feeds, feeds
    assert "wire.example/frozen" in feeds and "no new entry in 3 days" in feeds, feeds
    assert "wire.example/busy" not in feeds, feeds
