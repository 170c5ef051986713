"""A CMS's JSON export whose fields are named otherwise (`headline`, `body`, `link`) is refused
saying which fields the record has and which an article's are, so the desk can rename them (the
real `wirewatch ingest`, a real SQLite file)."""

from __future__ import annotations

import json
import subprocess

from tests.hardening.conftest import REPO, cli_command, cli_env

EXPORT = [{"headline": "Harbour lights switched on for the winter festival",
           "body": "The harbour lights were switched on on Saturday evening to open the winter "
                   "festival, which runs until New Year.",
           "link": "https://cms.example.org/story/890", "date": "2026-12-05T05:03:00Z"},
          {"title": "Night buses return after the strike", "content": "Night buses run again.",
           "\u001b[2Jkey" + "x" * 80: 1}]


def test_a_record_without_text_names_its_fields_and_the_ones_read(tmp_path):
    """Before: `record has no 'text' (a non-empty string is required)`, for a file whose every
    record had its copy under `body` or `content`: nothing said where the text was expected."""
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    done = subprocess.run(cli_command("ingest", str(export)), env=cli_env(tmp_path / "w.db"),
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done
    said = done.stdout + done.stderr
    assert ("export.json[0]: record has no 'text' (a non-empty string is required; it has "
            "\"headline\", \"body\", \"link\", \"date\"; an article's fields are title, text, url, "
            "source, published)") in said, said
    assert "it has \"title\", \"content\", \"\\u001b[2Jkeyxxxxxxxxxxxx…\";" in said, said
    assert "\x1b" not in said
