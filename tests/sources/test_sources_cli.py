import json
from datetime import UTC, datetime

from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db, transaction
from storage.sources import record_failure


def invoke(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def test_add_list_remove_feed_and_folder(db_path, tmp_path):
    added = invoke(db_path, "sources", "add", "https://news.example.org/rss", "--no-check", "--every", "60")
    assert added.exit_code == 0, added.output
    assert "added feed #1: https://news.example.org/rss (every 60 s)" in added.output
    folder = tmp_path / "drop"
    folder.mkdir()
    assert invoke(db_path, "sources", "add", str(folder)).exit_code == 0
    listed = invoke(db_path, "sources", "list")
    assert "#1 feed https://news.example.org/rss · every 60 s · not polled yet" in listed.output
    assert f"#2 folder {folder.resolve()} · every 5 s" in listed.output
    assert invoke(db_path, "sources", "remove", "1").exit_code == 0
    gone = invoke(db_path, "sources", "remove", "https://news.example.org/rss")
    assert gone.exit_code == 1 and "no source 'https://news.example.org/rss'" in gone.output
    assert invoke(db_path, "sources", "remove", str(folder)).exit_code == 0
    assert "no sources yet" in invoke(db_path, "sources", "list").output


def test_list_shows_health_and_last_error(db_path):
    invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check", "--every", "30")
    db = open_db(db_path)
    for _ in range(3):
        with transaction(db):
            record_failure(db, 1, reason="the server answered 500 Internal Server Error",
                           now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    listed = invoke(db_path, "sources", "list")
    assert "UNHEALTHY (3 failures in a row)" in listed.output
    assert "last error: the server answered 500 Internal Server Error" in listed.output
    [row] = json.loads(invoke(db_path, "sources", "list", "--json").output)
    assert row["unhealthy"] == 1 and row["health"].startswith("UNHEALTHY")


def test_bad_sources_are_refused_with_a_clear_message(db_path, tmp_path):
    cases = {"file:///etc/passwd": "not an http:// or https:// feed address",
             "ftp://example.org/feed": "not an http:// or https:// feed address",
             str(tmp_path / "missing"): "neither an http(s) feed address nor an existing folder"}
    for location, message in cases.items():
        result = invoke(db_path, "sources", "add", location)
        assert result.exit_code == 1 and message in result.output
    too_fast = invoke(db_path, "sources", "add", "https://example.org/rss", "--no-check", "--every", "1")
    assert too_fast.exit_code == 1 and "at most every 5 s" in too_fast.output
    invoke(db_path, "sources", "add", "https://example.org/rss", "--no-check")
    again = invoke(db_path, "sources", "add", "https://example.org/rss", "--no-check")
    assert again.exit_code == 1 and "already a source, #1" in again.output  # which one: was not said


def test_add_feed_explains_the_first_poll_and_alert_existing_opts_out(db_path, tmp_path):
    quiet = invoke(db_path, "sources", "add", "https://news.example.org/rss", "--no-check")
    assert quiet.exit_code == 0, quiet.output
    assert "first poll stores the entries already in the feed as background" in quiet.output
    loud = invoke(db_path, "sources", "add", "https://live.example.org/rss", "--no-check", "--alert-existing")
    assert loud.exit_code == 0 and "background" not in loud.output
    listed = invoke(db_path, "sources", "list").output
    assert "first poll will store the entries already in the feed as background" in listed
    assert "alerts on the entries already in the feed (--alert-existing)" in listed
    rows = json.loads(invoke(db_path, "sources", "list", "--json").output)
    assert [r["alert_existing"] for r in rows] == [0, 1]
    folder = tmp_path / "drop"
    folder.mkdir()
    refused = invoke(db_path, "sources", "add", str(folder), "--alert-existing")
    assert refused.exit_code == 1 and "--alert-existing is for feeds" in refused.output
    assert "--alert-existing" in invoke(db_path, "sources", "add", "--help").output


def test_bad_alert_max_age_setting_stops_the_cli_with_one_line(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"],
                                env={"WIREWATCH_ALERT_MAX_AGE_HOURS": "a week"})
    assert result.exit_code == 1
    assert "WIREWATCH_ALERT_MAX_AGE_HOURS must be a number" in result.output
