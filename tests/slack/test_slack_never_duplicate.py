"""/wirewatch sources add URL --never-duplicate from Slack."""

from __future__ import annotations

from storage.sources import source_row
from tests.slack.conftest import run_command


def test_slack_adds_a_never_duplicate_feed(runtime, fake_slack, fresh_db):
    answer = run_command(runtime, fake_slack, "/wirewatch",
                         "sources add <https://own.example/rss> --never-duplicate")
    assert "Added feed #1 https://own.example/rss" in answer["text"]
    assert "Never a duplicate: its articles always alert" in answer["text"]
    assert source_row(fresh_db, 1).never_duplicate == 1
    plain = run_command(runtime, fake_slack, "/wirewatch", "sources add https://wire.example/rss")
    assert "Never a duplicate" not in plain["text"]
    assert source_row(fresh_db, 2).never_duplicate == 0
