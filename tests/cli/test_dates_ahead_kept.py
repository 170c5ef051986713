"""A date far ahead of an article's arrival (a CMS's wrong year) leaves the article undated
whatever brought it, and is kept as written where a desk sees it: `stories timeline` (terminal
and `--json`) says when it arrived and the date it gave. Before, only a feed's queued row kept
it; `wirewatch ingest` kept none. A real SQLite file, the real spaCy model. Invented copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from storage.db import open_db
from tests.invoke import invoke

WRITTEN = (datetime.now(UTC) + timedelta(days=400)).strftime("%a, %d %b %Y 09:30:00 +0100")
KILN = {"title": "Kiln fire closes the Ostry pottery works",
        "text": "A fire in a kiln closed the Ostry pottery works on Monday, and its forty staff "
                "were sent home while inspectors checked the roof, the owners said.",
        "published": WRITTEN}


def test_a_date_far_ahead_is_kept_as_written_by_the_command_line(db_path, tmp_path):
    (tmp_path / "kiln.json").write_text(json.dumps(KILN), encoding="utf-8")
    assert invoke(db_path, "ingest", str(tmp_path / "kiln.json")).exit_code == 0
    db = open_db(db_path)
    [(published, ahead)] = db.execute("SELECT published, dated_ahead FROM articles").fetchall()
    db.close()
    assert published is None and ahead == WRITTEN
    shown = invoke(db_path, "stories", "timeline", "1").output
    assert "arrived " in shown and f"dated {WRITTEN} as written, ahead of its arrival" in shown
    [entry] = json.loads(invoke(db_path, "stories", "timeline", "1", "--json").output)["entries"]
    assert entry["dated"] is False and entry["dated_ahead"] == WRITTEN
