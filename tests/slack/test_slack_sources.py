"""/wirewatch sources over signed HTTP: add a feed, list it, remove it."""

from storage.sources import list_sources
from tests.slack.conftest import run_command


def test_wirewatch_sources_add_list_remove(runtime, fake_slack, fresh_db):
    added = run_command(runtime, fake_slack, "/wirewatch",
                        "sources add <https://wire.example/rss> 60")
    assert added["text"].startswith("Added feed #1 https://wire.example/rss")
    assert list_sources(fresh_db)[0]["every"] == 60
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources")["text"]
    assert "#1 feed https://wire.example/rss: not polled yet, every 60 s" in listed
    refused = run_command(runtime, fake_slack, "/wirewatch", "sources add /etc")["text"]
    assert "not an http:// or https:// feed address" in refused
    assert run_command(runtime, fake_slack, "/wirewatch", "sources remove 1")["text"].startswith(
        "Removed feed #1")
    assert list_sources(fresh_db) == []
