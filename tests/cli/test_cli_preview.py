"""`wirewatch topics preview QUERY`: what a query would have matched, and why, adding nothing."""

from __future__ import annotations

import json

from tests.cli.test_cli import invoke
from tests.conftest import write


def test_preview_lists_matching_recent_stories_with_reasons(db_path, tmp_path):
    write(tmp_path / "dam.txt", "Dam opens on the Tarn\n\nThe new dam on the river opened on "
          "Friday after six years of work.")
    write(tmp_path / "choir.txt", "Choir wins prize\n\nThe town choir won the regional prize.")
    invoke(db_path, "ingest", str(tmp_path))
    result = invoke(db_path, "topics", "preview", "dam OR reservoir")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 story of the last 7 days would have matched dam OR reservoir"
    assert lines[1].startswith("  story ") and lines[1].endswith(": Dam opens on the Tarn")
    assert lines[2] == "    matched: dam in title"
    as_json = json.loads(invoke(db_path, "topics", "preview", "--json", "choir").output)
    assert [hit["title"] for hit in as_json] == ["Choir wins prize"]
    assert "no topics yet" in invoke(db_path, "topics", "list").output


def test_preview_refuses_a_bad_query_with_its_position(db_path):
    result = invoke(db_path, "topics", "preview", "dam AND (reservoir")
    assert result.exit_code == 1
    assert "bad query:" in result.output and "^" in result.output


def test_stories_timeline_shows_each_article_in_order(db_path, tmp_path):
    write(tmp_path / "a.txt", "Dam opens on the Tarn\n\nThe new dam on the river Tarn opened on "
          "Friday after six years of work. It holds back the river above the town.")
    invoke(db_path, "ingest", str(tmp_path / "a.txt"))
    result = invoke(db_path, "stories", "timeline", "dam", "opens")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Dam opens on the Tarn (story ") and lines[1].startswith("Now: ")
    assert lines[2].endswith(" · first report: Dam opens on the Tarn")
    assert invoke(db_path, "stories", "timeline", "volcano").exit_code == 1
