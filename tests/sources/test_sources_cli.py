import json
import re
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from bot.cli import cli
from bot.ingest.feeds import poll_feed
from bot.ingest.folder import FolderWatcher
from storage.db import open_db, transaction
from storage.quiet_feeds import note_quiet
from storage.sources import record_failure, record_success, source_row
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss


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
    assert "#1 feed https://news.example.org/rss · every 60 s · not polled yet · 0 items\n" \
        in listed.output  # was "not polled yet · last poll never": the same said twice
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


def test_list_says_a_wait_already_over_is_due_now_not_a_time_past(db_path):
    """Before: 'next try after 2026-03-02T09:00:30…', a time already past, as if still to come."""
    invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check", "--every", "30")
    db = open_db(db_path)
    with transaction(db):
        record_failure(db, 1, reason="the server answered 503 Service Unavailable",
                       now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    past = invoke(db_path, "sources", "list").output
    assert "    failing since 2026-03-02 09:00 UTC; next try: due now (at the next poll of a " \
        "running wirewatch run, or as one starts)" in past and "next try after" not in past
    with transaction(db):
        record_failure(db, 1, reason="the server answered 503 Service Unavailable",
                       now=datetime.now(UTC))
    coming = invoke(db_path, "sources", "list").output
    assert "; next try in " in coming, coming
    assert "due now" not in coming


def test_list_says_since_when_a_feed_failed_or_brought_nothing_new(db_path):
    """Before: a feed that died overnight said 'failing (3 in a row)' with no word of when it
    last worked, and one answering every poll with nothing new for days said 'ok'; then when
    it last worked, but not what to do, which Slack says."""
    for name in ("died", "quiet", "busy", "never"):
        invoke(db_path, "sources", "add", f"https://wire.example/{name}", "--no-check")
    now = datetime.now(UTC)
    db = open_db(db_path)
    with transaction(db):
        record_success(db, 1, now=now - timedelta(days=2, hours=1), items=3)
        record_success(db, 2, now=now - timedelta(days=3, hours=1), items=2)
        record_success(db, 2, now=now - timedelta(minutes=4))
        note_quiet(db, source_row(db, 2), at=now.isoformat(), usual="12 hours")
        record_success(db, 3, now=now - timedelta(minutes=4), items=1)
        for failed_at in (now - timedelta(hours=9), now - timedelta(hours=2)):
            record_failure(db, 1, reason="connection refused", now=failed_at)
        record_failure(db, 4, reason="connection refused", now=now)
    listed = invoke(db_path, "sources", "list").output
    died, quiet, busy, never = listed.split("\n#")
    worked = (source_row(db, 1).last_success_at or "").replace("T", " ")[:16]
    assert f"    last worked {worked} UTC, 2 days ago: open its address in a browser; if the " \
        "feed moved, `wirewatch sources remove 1` and add its new address\n" in died, died
    assert "    no new entry in 3 days (latest " in quiet and " UTC, 3 days ago), far longer " \
        "than its usual gap: if its site still publishes, the feed may have stopped or moved; " \
        "open it in a browser" in quiet
    assert "worked" not in busy and "no new entry" not in busy
    assert "    has not worked since it was added, 20" in never and "no new entry" not in never
    assert "`wirewatch sources remove 4`" in never, never


def test_bad_sources_are_refused_with_a_clear_message(db_path, tmp_path):
    cases = {"file:///etc/passwd": "not an http:// or https:// feed address",
             "ftp://example.org/feed": "not an http:// or https:// feed address",
             str(tmp_path / "missing"): "does not exist: create it first (mkdir -p "}
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


def test_files_a_folder_could_not_read_are_listed_with_why(db_path, tmp_path):
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02")
    (folder / "sub" / "bad.json").write_text("{bad")
    (folder / "ok.txt").write_text("Ferry strike\n\nFerry crews stopped work on Monday.\n")
    (tmp_path / "drop2").mkdir()
    (tmp_path / "drop2" / "other.docx").write_bytes(b"PK")
    invoke(db_path, "sources", "add", str(folder))
    invoke(db_path, "sources", "add", str(tmp_path / "drop2"))
    db = open_db(db_path)
    watcher = FolderWatcher(max_bytes=1_000_000)
    for source_id in (1, 2):
        for minute in (0, 1):  # a file is read once it has stopped changing
            watcher.scan(db, source_row(db, source_id), now=at(minute))
    listed = invoke(db_path, "sources", "list").output.splitlines()
    start = listed.index("    3 files not read (each is read again once it changes):")
    assert sorted(listed[start + 1:start + 4]) == [  # were only logged, once, by the run
        "      bad.json: malformed JSON at line 1 column 2: Expecting property name enclosed "
        "in double quotes",
        "      bin.txt: binary file, not text",
        "      notes.docx: unsupported file type '.docx' (use .txt, .html, .json or .jsonl)"]
    assert "    1 file not read (each is read again once it changes):" in listed
    as_json = json.loads(invoke(db_path, "sources", "list", "--json").output)
    assert [row["unreadable_files"] for row in as_json] == [3, 1]


def test_a_feed_moved_for_good_is_listed_with_the_address_it_moved_from(db_path, server):
    """`sources list` showed only the new address: the desk saw an address it never added."""
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(rss([Item("urn:1", "Ferry crews vote", "Crews voted.")]))
    assert invoke(db_path, "sources", "add", server.url("/old"), "--no-check",
                  "--allow-private").exit_code == 0
    db = open_db(db_path)
    fetcher = loopback_fetcher()
    assert poll_feed(db, source_row(db, 1), fetcher=fetcher, now=at(1)).queued == 1
    db.close()
    listed = invoke(db_path, "sources", "list").output
    assert f"#1 feed {server.url('/new')} · " in listed
    assert (f"    moved for good from {server.url('/old')} at {at(1):%Y-%m-%d %H:%M} UTC"
            " (a permanent redirect); what it had delivered stays seen") in listed
    [row] = json.loads(invoke(db_path, "sources", "list", "--json").output)
    assert row["moved_from"] == server.url("/old")
    assert invoke(db_path, "sources", "remove", "1").exit_code == 0
    invoke(db_path, "sources", "add", server.url("/new"), "--no-check", "--allow-private")
    assert "moved for good" not in invoke(db_path, "sources", "list").output


def test_list_says_since_when_a_feed_fails_and_its_next_try_as_the_run_does(db_path):
    """Before: 'next try after 2026-12-06 02:16 UTC', with no word of since when it failed,
    in other words than the run's first lines say it."""
    invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check", "--every", "30")
    db = open_db(db_path)
    first = datetime.now(UTC) - timedelta(hours=3)
    with transaction(db):
        record_failure(db, 1, reason="the server answered 503 Service Unavailable", now=first)
        record_failure(db, 1, reason="the server answered 503 Service Unavailable",
                       now=datetime.now(UTC))
    listed = invoke(db_path, "sources", "list").output
    after = datetime.fromisoformat(source_row(db, 1).next_attempt_at or "").astimezone(UTC)
    day = "" if after.date() == datetime.now(UTC).date() else f"{after:%Y-%m-%d} "
    assert re.search(rf"\n    failing since {first:%Y-%m-%d %H:%M} UTC; next try in \d+ "
                     rf"(?:second|minute)s? \(at {day}{after:%H:%M:%S} UTC\)\n", listed), listed
    assert "next try after" not in listed
