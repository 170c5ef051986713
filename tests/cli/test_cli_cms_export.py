"""A CMS's JSON export whose fields are named otherwise (`headline`, `body`, `link`, `pubDate`):
the common names of each field are read, checked as the field's own, and the fields read under
no name are said once per file; a record with no text under any name is refused saying which
fields it has (the real `wirewatch ingest`, a real SQLite file)."""

from __future__ import annotations

import json
import subprocess

from sqlite_utils import Database

from tests.hardening.conftest import REPO, cli_command, cli_env
from tests.stopping import LAST_RESORT_S

EXPORT: list[dict[str, object]] = [
    {"headline": "Harbour lights switched on for the winter festival",
     "body": "The harbour lights were switched on on Saturday evening to open the winter "
             "festival, which runs until New Year, the festival's organisers said.",
     "link": "https://cms.example.org/story/890", "pubDate": "2026-12-04T18:03:00Z",
     "author": "Desk writer", "tags": ["harbour"]},
    {"title": "Night buses return after the strike", "summary": "Night buses run again.",
     "\u001b[2Jkey" + "x" * 80: 1}]


def ingest(tmp_path, records, name="export.json"):
    export = tmp_path / name
    export.write_text(json.dumps(records), encoding="utf-8")
    return subprocess.run(cli_command("ingest", str(export)), env=cli_env(tmp_path / "w.db"),
                          cwd=REPO, capture_output=True, text=True,
                          timeout=LAST_RESORT_S)


def stored(tmp_path) -> list[dict]:
    return list(Database(tmp_path / "w.db")["articles"].rows)


def test_fields_under_common_names_are_read_and_the_rest_said_once(tmp_path):
    """Before: the first record was refused (`record has no 'text'`) though its copy was under
    `body`; given `text`, it was stored without its link and with its arrival time, silently."""
    done = ingest(tmp_path, EXPORT)
    said = done.stdout + done.stderr
    [article] = stored(tmp_path)
    assert article["title"] == "Harbour lights switched on for the winter festival", article
    assert article["url"] == "https://cms.example.org/story/890"
    assert article["published"] == "2026-12-04T18:03:00+00:00"
    assert said.count("fields not read: author, tags (") == 1, said


def test_a_record_without_text_under_any_name_names_its_fields(tmp_path):
    done = ingest(tmp_path, EXPORT)
    assert done.returncode == 1, done
    said = done.stdout + done.stderr
    assert ("export.json[1]: record has no 'text' (a non-empty string is required; it has "
            "\"title\", \"summary\", \"\\u001b[2Jkeyxxxxxxxxxxxx…\"; an article's fields are "
            "title, text, url, source, published)") in said, said
    assert "\x1b" not in said


def test_the_canonical_name_wins_and_an_alias_is_checked_as_the_field(tmp_path):
    """`url` and `link` both given: `url` is the article's; `link` is said as not read. A
    `pubDate` too short to be a time, or a `link` that is an object, fails as `published` or
    `url` would, naming the field as sent."""
    body = str(EXPORT[0]["body"])
    records = [{"text": body, "url": "https://cms.example.org/a",
                "link": "https://elsewhere.example/a", "date": "2026-12-04T18:00:00Z", "published": "2026-12-04T17:00:00Z"},
               {"text": body + " Again.", "pubDate": 20261},
               {"text": body + " Once more.", "link": {"href": "https://cms.example.org/b"}}]
    done = ingest(tmp_path, records)
    said = done.stdout + done.stderr
    [article] = stored(tmp_path)
    assert (article["url"], article["published"]) == ("https://cms.example.org/a",
                                                      "2026-12-04T17:00:00+00:00")
    assert "fields not read: link, date (" in said, said
    assert "export.json[1]: field 'pubDate' is 20261, which is no Unix time" in said, said
    assert "export.json[2]: field 'link' must be a string" in said, said


def test_a_text_that_is_there_but_no_text_is_said_as_it_is(tmp_path):
    """Before: `{"text": 5}` was refused as `record has no 'text' (…; it has "text"; …)`: the
    record has it, and the line said both. Now what the field holds, and the good record of the
    same file is stored."""
    done = ingest(tmp_path, [{"title": "Harbour board meets", "text": 5},
                             {"title": "Ferry timetable", "text": "   "},
                             {"title": "Night buses return", "text": "Night buses run again "
                              "from Monday, the operator said."}])
    said = done.stdout + done.stderr
    assert done.returncode == 1, done
    assert ("export.json[0]: field 'text' is a number, not text (a non-empty string is "
            "required)") in said, said
    assert ("export.json[1]: field 'text' is blank, not text (a non-empty string is "
            "required)") in said, said
    assert [row["title"] for row in stored(tmp_path)] == ["Night buses return"]
