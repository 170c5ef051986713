"""`wirewatch status` read from a database whose runs and feeds a test wrote (real SQLite): a run
killed without a word is told from one running, a failing feed is named with what to do."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from storage.db import open_db, transaction
from storage.runs import heartbeat, run_started, run_stopped, slack_noted
from storage.sources import add_source, record_failure, remember_file
from storage.topics import insert_topic
from tests.invoke import invoke


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def a_stopped_run_and_a_killed_one(db, now: datetime) -> None:
    """A run stopped two hours ago, and one gone silent ten minutes ago without a word, whose
    Slack stopped answering (inside the caller's transaction)."""
    run_started(db, "aaaa1111", pid=41, host="desk-1", mode="HTTP events",
                at=_iso(now - timedelta(hours=3)))
    run_stopped(db, "aaaa1111", at=_iso(now - timedelta(hours=2)))
    run_started(db, "bbbb2222", pid=42, host="desk-1", mode="Socket Mode",
                at=_iso(now - timedelta(hours=1)))
    heartbeat(db, "bbbb2222", at=_iso(now - timedelta(minutes=10)))
    slack_noted(db, "bbbb2222", answers=False, since=_iso(now - timedelta(minutes=20)),
                why="cannot reach Slack: Connection refused")


def test_a_killed_run_a_stopped_run_and_a_failing_feed_are_each_said(db_path):
    """Before: no such command."""
    now = datetime.now(UTC)
    db = open_db(db_path)
    with transaction(db):
        a_stopped_run_and_a_killed_one(db, now)
        feed = add_source(db, kind="feed", location="https://news.example.org/wire.xml")
    for _ in range(3):
        with transaction(db):
            record_failure(db, feed, reason="HTTP 500", now=now)
    db.close()
    said = invoke(db_path, "status").output
    assert ("run bbbb2222 · pid 42 on desk-1 · Socket Mode · not running: last heartbeat 10 minutes "
            "ago and it never said it stopped") in said, said
    assert "Slack: not reachable from " in said and "Connection refused" in said, said
    assert "run aaaa1111 · pid 41 on desk-1 · HTTP events · stopped " in said, said
    assert "Sources: 1 (1 failing or quiet)" in said, said
    assert "feed https://news.example.org/wire.xml · UNHEALTHY" in said, said
    assert "Alerts waiting to be posted: 0\nFailed alerts: 0" in said, said
    assert "Last article: nothing ingested yet" in said, said
    as_json = json.loads(invoke(db_path, "status", "--json").output)
    assert [run["state"] for run in as_json["runs"]] == ["silent", "stopped"], as_json
    assert as_json["sources"][0]["trouble"], as_json


def test_a_folder_s_files_it_could_not_read_are_counted_with_where_to_see_them(db_path, tmp_path):
    """Before: `/wirewatch status` in Slack counted them; `wirewatch status` on the server said
    nothing of them (the folder read `ok`, its refused files only in the run's log)."""
    now = datetime.now(UTC)
    folder = tmp_path / "inbox"
    db = open_db(db_path)
    with transaction(db):
        add_source(db, kind="folder", location=str(folder))
        for name, why in (("notes.txt", "empty file"), ("scan.txt", "binary file, not text")):
            remember_file(db, path=str(folder / name), size=0, mtime_ns=0, sha256=name,
                          articles=0, error=why, now=now)
    db.close()
    said = invoke(db_path, "status").output
    assert (f"  folder {folder} · not polled yet · 2 files not read (`wirewatch sources list` names them "
            "and why)") in said, said
    source = json.loads(invoke(db_path, "status", "--json").output)["sources"][0]
    assert source["unreadable_files"] == 2, source


def test_topics_to_mend_are_said_with_where_to_see_why(db_path):
    """Before: status said nothing of a stored topic that matches nearly every article ('NOT
    strike', 'ferry OR NOT strike') or one no longer read ('ferry -strike': it matches
    nothing); only `topics list` marked the last. A topic read as before is not named."""
    db = open_db(db_path)
    with transaction(db):
        insert_topic(db, name="Strikes", query="NOT strike")
        insert_topic(db, name="Night ferries", query="ferry -strike")
        insert_topic(db, name="Dams", query="dam OR reservoir")
    lines = invoke(db_path, "status").output.splitlines()
    said = [line for line in lines if line.startswith("Topics to mend")]
    assert said == ["Topics to mend (2): Night ferries matches nothing: its query is no longer "
                    "read; Strikes matches nothing: its query would match nearly every article "
                    "(wirewatch topics list says why and the edit that mends each)"], lines
    listed = json.loads(invoke(db_path, "status", "--json").output)["topics_to_mend"]
    assert [(t["name"], t["instead"]) for t in listed] == [
        ("Night ferries", None), ("Strikes", "port AND NOT strike")], listed
    invoke(db_path, "topics", "edit", "Night ferries", "ferry AND NOT strike")
    invoke(db_path, "topics", "edit", "Strikes", "strike")
    assert "Topics to mend" not in invoke(db_path, "status").output


def test_a_feed_named_by_its_host_is_said_in_the_json_status_too(db_path):
    """`status` said a feed its first poll named by its host, its title being another feed's
    name; `status --json` left it out. Now the same fields as `sources list --json`: ``name``
    and ``named_instead`` (null for a feed named by its title)."""
    db = open_db(db_path)
    with transaction(db):
        add_source(db, kind="feed", location="https://coast.example/rss", name="Coast Desk")
        second = add_source(db, kind="feed", location="https://mirror.example/rss")
        db.table("sources").update(second, {"name": "mirror.example", "named_instead":
                                            "its title \"Coast Desk\" is feed #1's name"})
    db.close()
    assert 'named "mirror.example" by its host' in invoke(db_path, "status").output
    listed = json.loads(invoke(db_path, "status", "--json").output)["sources"]
    assert [(row["name"], row["named_instead"]) for row in listed] == [
        ("Coast Desk", None),
        ("mirror.example", "its title \"Coast Desk\" is feed #1's name")], listed
