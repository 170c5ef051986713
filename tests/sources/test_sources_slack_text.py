from datetime import UTC, datetime

from bot.sources_command import sources_text
from storage.db import transaction
from storage.sources import list_sources, record_failure


def test_add_list_remove_a_feed(fresh_db):
    assert "No sources yet" in sources_text(fresh_db, "")
    added = sources_text(fresh_db, "add <https://news.example.org/rss?a=1&b=2> 120")
    assert added.startswith("Added feed #1 https://news.example.org/rss?a=1&amp;b=2")
    assert "every 120 s" in added
    [row] = list_sources(fresh_db)
    assert row["location"] == "https://news.example.org/rss?a=1&b=2" and row["every"] == 120
    with transaction(fresh_db):
        for _ in range(3):
            record_failure(fresh_db, 1, reason="the server answered 500 <Internal>",
                           now=datetime(2026, 3, 2, tzinfo=UTC))
    listed = sources_text(fresh_db, "list")
    assert "⚠️ #1 feed" in listed and "UNHEALTHY" in listed
    assert "500 &lt;Internal&gt;" in listed
    assert sources_text(fresh_db, "remove 1").startswith("Removed feed #1")
    assert list_sources(fresh_db) == []


def test_bad_commands_get_the_reason_and_usage(fresh_db, tmp_path):
    cases = {"add": "give one feed address",
             f"add {tmp_path}": "not an http:// or https:// feed address",
             "add file:///etc/passwd": "not an http:// or https:// feed address",
             "add https://x.example/rss soon": "'soon' is not a number of seconds",
             "add https://x.example/rss 1": "polled at most every 5 s",
             "remove": "give the source number",
             "remove 42": "no source '42'",
             "frobnicate": ""}
    for text, reason in cases.items():
        answer = sources_text(fresh_db, text)
        assert reason in answer and "Usage: `/wirewatch sources" in answer, text
    assert list_sources(fresh_db) == []
