"""/wirewatch sources over signed HTTP: list, add a feed, refuse folders and bad input, remove."""

from __future__ import annotations

from storage.db import transaction
from storage.sources import add_source, list_sources
from tests.slack.conftest import run_command


def test_add_list_remove_a_feed(runtime, fake_slack, fresh_db):
    empty = run_command(runtime, fake_slack, "/wirewatch", "sources")
    assert "none yet" in empty["text"]
    added = run_command(runtime, fake_slack, "/wirewatch",
                        "sources add <https://wire.example/world.rss> --every 120")
    assert "Added feed #1" in added["text"] and "every 120 s" in added["text"]
    [row] = list_sources(fresh_db)
    assert (row.kind, row.location, row.every) == ("feed", "https://wire.example/world.rss", 120)
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources list")
    assert "https://wire.example/world.rss" in listed["text"]
    gone = run_command(runtime, fake_slack, "/wirewatch", "sources remove 1")
    assert "Removed feed #1" in gone["text"] and list_sources(fresh_db) == []
    assert all(r["response_type"] == "ephemeral" for r in fake_slack.responses())


def test_folders_and_local_files_are_refused_from_slack(runtime, fake_slack, fresh_db, tmp_path):
    for text in (f"sources add {tmp_path}", "sources add <file:///etc/passwd>",
                 "sources add <https://wire.example/rss> --every soon", "sources add",
                 "sources rename 1"):
        answer = run_command(runtime, fake_slack, "/wirewatch", text)
        assert "Usage" in answer["text"], text
    assert list_sources(fresh_db) == []
    with transaction(fresh_db):
        add_source(fresh_db, kind="folder", location=str(tmp_path))
    refused = run_command(runtime, fake_slack, "/wirewatch", "sources remove 1")
    assert "managed on the server" in refused["text"] and len(list_sources(fresh_db)) == 1


def test_a_feed_is_named_from_slack_and_listed_by_that_name(runtime, fake_slack, fresh_db):
    added = run_command(runtime, fake_slack, "/wirewatch",
                        "sources add <https://wire.example/world.rss> —name “Coast Desk” --relays")
    assert "Added feed #1" in added["text"], added["text"]
    assert ("`source:` matches it as \"Coast Desk\", or the outlet an entry names in its own "
            "&lt;source&gt;") in added["text"]
    [row] = list_sources(fresh_db)
    assert (row.location, row.name, row.relays) == ("https://wire.example/world.rss",
                                                    "Coast Desk", 1)
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources list")
    assert "matches it as \"Coast Desk\"" in listed["text"]


def test_slack_shows_an_address_in_an_error_without_its_credentials(runtime, fake_slack,
                                                                    fresh_db):
    """`/wirewatch sources add` of a feed added already answered with the address whole."""
    feed = "https://editor:SEKRETpass@wire.example/feed?apikey=SEKRETkey"
    with transaction(fresh_db):
        add_source(fresh_db, kind="feed", location=feed)
    answer = run_command(runtime, fake_slack, "/wirewatch", f"sources add <{feed}>")
    assert "already a source" in answer["text"]
    assert "SEKRET" not in answer["text"], answer["text"]
