"""A record's fields under another common name (`headline`, `link`, `published_at`) are read by
the watched folder and `POST /ingest` as by `wirewatch ingest`; the fields read under no name
are said once per file (the log) or request (the answer's `not_read`)."""

import http.client
import json
import logging

from bot.ingest.field_names import ALIASES
from bot.ingest.folder import FolderWatcher
from storage.inbox import pending
from tests.sources.conftest import TOKEN
from tests.sources.stories import BRIDGE, FERRY
from tests.sources.test_watch_folder_security import scan
from tests.stopping import LAST_RESORT_S


def test_a_watched_folder_reads_a_lines_export_under_other_names(fresh_db, source, drop, caplog):
    """Before: each line was queued with its text only, no title, link or time, and no word."""
    lines = [{"headline": FERRY[0], "body": FERRY[1], "permalink": "https://cms.example.org/f",
              "published_at": "2026-12-04T07:30:00Z", "byline": "A desk writer"},
             {"headline": BRIDGE[0], "content": BRIDGE[1], "link": "https://cms.example.org/b",
              "byline": "Another", "section": "Roads"}]
    (drop / "export.jsonl").write_text("\n".join(json.dumps(line) for line in lines),
                                       encoding="utf-8")
    watcher = FolderWatcher(max_bytes=1_000_000)
    scan(watcher, fresh_db, source, 0)
    with caplog.at_level(logging.WARNING):
        assert scan(watcher, fresh_db, source, 1).articles == 2
    queued = sorted((r.article.title, r.article.url, r.article.published)
                    for r in pending(fresh_db, limit=10))
    assert queued == sorted([(FERRY[0], "https://cms.example.org/f", "2026-12-04T07:30:00Z"),
                             (BRIDGE[0], "https://cms.example.org/b", None)])
    said = [r.getMessage() for r in caplog.records if "fields not read" in r.getMessage()]
    assert len(said) == 1 and "export.jsonl: fields not read: byline, section (" in said[0], said


def post(port, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=LAST_RESORT_S)
    conn.request("POST", "/ingest", body=json.dumps(body).encode(),
                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    response = conn.getresponse()
    answer = json.loads(response.read())
    conn.close()
    return response.status, answer


def test_post_ingest_reads_other_names_and_answers_which_were_not_read(endpoint):
    """Before: stored with the time it arrived and no link, its answer saying nothing."""
    port, dbs = endpoint
    status, answer = post(port, [{"headline": FERRY[0], "text": FERRY[1],
                                  "link": "https://cms.example.org/f", "author": "A desk writer",
                                  "publishedAt": "2026-12-04T07:30:00Z"},
                                 {"text": BRIDGE[1], "publishedAt": True}])
    assert status == 200, answer
    assert answer["not_read"] == ["author"], answer
    assert answer["results"][1]["reason"] == "field 'publishedAt' must be a string"
    stored = dbs.get()["articles"].get(answer["results"][0]["article_id"])
    assert (stored["title"], stored["url"], stored["published"]) == (
        FERRY[0], "https://cms.example.org/f", "2026-12-04T07:30:00+00:00")


def test_a_request_whose_every_field_is_read_has_no_not_read(endpoint):
    port, _ = endpoint
    status, answer = post(port, {"title": FERRY[0], "text": FERRY[1],
                                 "url": "https://cms.example.org/f"})
    assert status == 200 and "not_read" not in answer, answer


def test_post_ingest_usage_names_the_other_names_it_reads(endpoint):
    """A sender whose export says `body` and `pubDate` reads in the usage that those are read.
    Before: the usage named only the five fields' own names."""
    port, _ = endpoint
    status, answer = post(port, {"headline": FERRY[0], "summary": FERRY[1]})
    assert status == 400 and "record has no 'text'" in answer["error"], answer
    for field, names in ALIASES.items():
        assert f'"{field}"' in answer["usage"], answer["usage"]
        for name in names[1:]:
            assert f'"{name}"' in answer["usage"], (name, answer["usage"])
    assert "docs/sources.md" in answer["usage"]
