"""Slash commands over signed HTTP: topics, subscriptions, /wirewatch; each answers ephemerally."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ingest.folder import FolderWatcher
from bot.models import RawArticle
from storage.alerts import hold_alerts
from storage.db import transaction
from storage.inbox import enqueue, finish
from storage.sources import UNHEALTHY_AFTER, add_source, record_failure, source_row
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.slack.conftest import run_command
from tests.sources.feedserver import at


def test_topics_add_list_show_remove(runtime, fake_slack, fresh_db):
    added = run_command(runtime, fake_slack, "/topics", 'add “Port strike” dockworkers OR stevedores')
    assert "Tracking *Port strike*" in added["text"]
    assert "No running story matches it yet; new articles are matched as they come." \
        in added["text"]  # said, as the CLI says it, so 'No stories yet' is no surprise
    topic = get_topic(fresh_db, "port strike")
    assert topic is not None and topic.query == "dockworkers OR stevedores"
    listed = run_command(runtime, fake_slack, "/topics", "")
    assert "Port strike" in listed["text"] and "dockworkers OR stevedores" in listed["text"]
    shown = run_command(runtime, fake_slack, "/topics", "show Port strike")
    assert "dockworkers OR stevedores" in shown["text"] and "not subscribed" in shown["text"]
    again = run_command(runtime, fake_slack, "/topics", 'add "Port strike" x')
    assert again["text"] == ("Topic *Port strike* already exists. To change its query, keeping "
                             'its subscriptions: `/topics edit "Port strike" QUERY`.')
    removed = run_command(runtime, fake_slack, "/topics", "remove 'Port strike'")
    assert "Stopped tracking" in removed["text"] and get_topic(fresh_db, "Port strike") is None
    assert all(r["response_type"] == "ephemeral" for r in fake_slack.responses())


def test_subscribe_channel_and_me_then_unsubscribe(runtime, fake_slack, fresh_db):
    run_command(runtime, fake_slack, "/topics", "add Wildfire wildfire OR bushfire")
    here = run_command(runtime, fake_slack, "/subscribe", "wildfire hourly", channel="C0DESK")
    assert "This channel will now get *Wildfire* as an hourly digest" in here["text"]
    mine = run_command(runtime, fake_slack, "/subscribe", "me Wildfire", user="U0ED")
    assert "You will now get *Wildfire* as it happens" in mine["text"]
    rows = {(r.target_type, r.target_id, r.mode)
            for r in subscriptions_of(fresh_db, ["C0DESK", "U0ED"])}
    assert rows == {("channel", "C0DESK", "hourly"), ("user", "U0ED", "realtime")}
    listing = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK", user="U0ED")
    assert "Wildfire" in listing["text"] and "to you by DM" in listing["text"]
    gone = run_command(runtime, fake_slack, "/unsubscribe", "Wildfire", channel="C0DESK")
    assert "will no longer get" in gone["text"]
    assert subscriptions_of(fresh_db, ["C0DESK"]) == []


def test_subscribe_unknown_topic_lists_topics(runtime, fake_slack):
    run_command(runtime, fake_slack, "/topics", 'add "Rates" interest rates')
    answer = run_command(runtime, fake_slack, "/subscribe", "Elections daily")
    assert "No topic named “Elections”" in answer["text"] and "Rates" in answer["text"]


def test_wirewatch_help_status_and_unknown(runtime, fake_slack, fresh_db):
    assert "/wirewatch status" in run_command(runtime, fake_slack, "/wirewatch", "help")["text"]
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, next_attempt_at, created_at) VALUES (1, 1, 'C1', 'new', "
                         "'pending', 0, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
        feed = add_source(fresh_db, kind="feed", location="https://wire.example/rss")
        add_source(fresh_db, kind="feed", location="https://other.example/rss")
        for _ in range(UNHEALTHY_AFTER):
            record_failure(fresh_db, feed, reason="HTTP 500", now=datetime.now(UTC))
        quiet = add_source(fresh_db, kind="feed", location="https://quiet.example/rss")
        for article_id in (7, 8):
            queued = enqueue(fresh_db, RawArticle(text="Archive piece.", origin="quiet"),
                             source_id=quiet)
            finish(fresh_db, queued, status="stored", article_id=article_id)
            hold_alerts(fresh_db, article_id, reason="background: the feed's first poll")
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Alerts waiting to be posted: 1" in status and "nothing ingested yet" in status
    assert "Sources: 3 (1 failing or quiet)" in status
    assert "quiet.example/rss · not polled yet · stored without alerting: 2 background" \
        in status
    assert "⚠️ feed https://wire.example/rss · UNHEALTHY" in status and "HTTP 500" in status
    assert "matches it" not in status  # what `source:` matches: `/wirewatch sources` says it
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources list")["text"]
    named = "source: matches it by its title at its next poll, kept (--name chooses another)"
    assert f"quiet.example/rss · {named} · not polled yet" in listed
    unknown = run_command(runtime, fake_slack, "/wirewatch", "frobnicate")["text"]
    assert "I don't know `frobnicate`" in unknown and "/wirewatch help" in unknown


def test_status_counts_the_files_a_watched_folder_could_not_read(runtime, fake_slack, fresh_db,
                                                                 tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "minutes.docx").write_bytes(b"PK\x03\x04")
    (drop / "scan.txt").write_bytes(b"\x00\x07\x00")
    (drop / "tide.txt").write_text("Tide tables reprinted\n\nThe harbour office reprinted its "
                                   "tide tables on Thursday.\n")
    with transaction(fresh_db):
        folder = add_source(fresh_db, kind="folder", location=str(drop))
    watcher = FolderWatcher(max_bytes=1_000_000)
    for minute in (0, 1):  # a file is read once it has stopped changing
        watcher.scan(fresh_db, source_row(fresh_db, folder), now=at(minute))
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    line = next(line for line in status.splitlines() if line.startswith(f"    folder {drop}"))
    assert line.endswith(" · ⚠️ 2 files not read (`wirewatch sources list` on the server names "
                         "them and why)"), line  # the folder was "ok", nothing more
    member = run_command(runtime, fake_slack, "/wirewatch", "status", user="U0MEMBER")["text"]
    assert "Sources: 1 (0 failing or quiet)" in member and "not read" not in member, member
    assert f"folder {drop}" not in member, "ok with nothing else said to a member: counted"
