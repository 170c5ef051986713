"""`topics show`, `topics preview`, `stories list` and `sources list` print their times as
`stories timeline` does (`2026-12-05 04:50 UTC`), not as stored (`2026-12-05T04:50:43.512+00:00`):
one terminal, one way to write a time. A real SQLite file, the real spaCy model. Invented copy."""

import json
import re
from datetime import UTC, datetime

from storage.db import open_db, transaction
from storage.sources import record_backlog, record_failure
from tests.invoke import invoke

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
MINUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
ARTICLE = {"title": "Ferry crews strike on the Marrow Sound crossing",
           "text": "Ferry crews on the Marrow Sound crossing walked off the job on Monday in a "
                   "dispute over night shifts, their union said."}


def test_topics_show_and_preview_print_a_story_s_last_time_as_the_timeline(db_path, tmp_path):
    """Before: `story 1 (1 article, last 2026-12-05T07:50:43+00:00)`."""
    (tmp_path / "ferry.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "topics", "add", "ferry").exit_code == 0
    assert invoke(db_path, "ingest", str(tmp_path / "ferry.json")).exit_code == 0
    for args in (("topics", "show", "ferry"), ("topics", "preview", "ferry")):
        printed = invoke(db_path, *args).output
        [line] = [line for line in printed.splitlines() if line.startswith("  story 1 ")]
        assert MINUTE.search(line) and not ISO.search(line), line


def test_stories_list_prints_a_story_s_last_time_as_the_timeline(db_path, tmp_path):
    """Before: `#1  1 article  last 2026-12-05T07:50:43+00:00  Ferry crews strike …`."""
    (tmp_path / "ferry.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "ferry.json")).exit_code == 0
    [line] = invoke(db_path, "stories", "list").output.splitlines()
    assert line.startswith("#1  1 article  last ") and line.endswith(ARTICLE["title"]), line
    assert MINUTE.search(line) and not ISO.search(line), line


def test_sources_list_prints_its_times_as_the_timeline(db_path):
    """Before: `last poll 2026-12-05T07:51:02+00:00`, `next try after 2026-12-05T07:56:02…`."""
    invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check")
    db = open_db(db_path)
    with transaction(db):
        record_failure(db, 1, reason="the server answered 503 Service Unavailable",
                       now=datetime.now(UTC))
    db.close()
    listed = invoke(db_path, "sources", "list").output
    assert " · last poll " in listed and "    failing since " in listed, listed
    assert "; next try in " in listed, listed
    assert not ISO.search(listed) and len(MINUTE.findall(listed)) >= 2, listed


def test_sources_list_prints_a_feed_s_first_poll_time_as_the_timeline(db_path):
    """Before: `first poll 2026-12-06T15:03:03+00:00: 1 existing entry stored as background`
    under a `last poll 2026-12-06 15:03 UTC` on the line above it."""
    invoke(db_path, "sources", "add", "https://wire.example/feed", "--no-check")
    db = open_db(db_path)
    with transaction(db):
        record_backlog(db, 1, entries=1, done=True, now=datetime.now(UTC))
    db.close()
    listed = invoke(db_path, "sources", "list").output
    [line] = [line for line in listed.splitlines() if line.startswith("    first poll ")]
    assert line.endswith(": 1 existing entry stored as background, no alerts"), line
    assert MINUTE.search(line) and not ISO.search(line), line
