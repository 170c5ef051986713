"""A desk with nothing wrong gets a short `/wirewatch status`: the feeds are counted, not each
listed "ok" (`/wirewatch sources` lists them), as `wirewatch status` on the server does (signed
requests over real HTTP, a real SQLite file, the fake Slack Web API, the CLI on the same file)."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import transaction
from storage.sources import add_source, record_success
from tests.invoke import invoke
from tests.slack.conftest import run_command


def test_a_desk_whose_feeds_all_work_is_told_in_one_line(runtime, fake_slack, fresh_db,
                                                         db_path):
    now = datetime.now(UTC)
    with transaction(fresh_db):
        for path in ("city", "sport"):
            feed = add_source(fresh_db, kind="feed", location=f"https://wire.example/{path}")
            record_success(fresh_db, feed, now=now)
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    cli = invoke(db_path, "status").output
    for said in (status, cli):
        assert "Sources: 2 (0 failing or quiet)" in said, said
        assert "wire.example" not in said, said
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources")["text"]
    assert "wire.example/city" in listed and "wire.example/sport" in listed, listed


def test_a_working_folder_is_listed_by_wirewatch_sources(runtime, fake_slack, fresh_db,
                                                         tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with transaction(fresh_db):
        folder = add_source(fresh_db, kind="folder", location=str(inbox))
        record_success(fresh_db, folder, now=datetime.now(UTC))
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Sources: 1 (0 failing or quiet)" in status and str(inbox) not in status, status
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources")["text"]
    assert f"folder {inbox}" in listed, listed
