"""`wirewatch ingest` says why each stored article posts nothing."""

from __future__ import annotations

import json

from tests.cli.test_cli import invoke
from tests.conftest import write


def test_ingest_gives_one_reason_line_per_silent_article(db_path, tmp_path):
    invoke(db_path, "topics", "add", "Dams", "dam OR reservoir")
    old = {"title": "Reservoir level falls", "published": "2024-03-01T09:00:00+00:00",
           "text": "The reservoir above the valley fell to a third of its capacity this week."}
    write(tmp_path / "old.json", json.dumps(old))
    write(tmp_path / "fresh.txt", "Dam opens\n\nThe new dam on the river opened on Friday.")
    write(tmp_path / "other.txt", "Choir wins prize\n\nThe town choir won the regional prize.")
    result = invoke(db_path, "ingest", str(tmp_path / "old.json"), str(tmp_path / "fresh.txt"),
                    str(tmp_path / "other.txt"))
    lines = result.output.splitlines()
    reasons = [line.strip() for line in lines if line.startswith("           no alert: ")]
    assert len(reasons) == 2, result.output
    assert reasons[0].startswith("no alert: too old to alert: published 2024-03-01 09:00 UTC")
    assert reasons[0].endswith("(limit 72 h) (WIREWATCH_ALERT_MAX_AGE_HOURS)")
    assert reasons[1] == "no alert: no tracked topic matches this story"
    fresh = lines.index(next(line for line in lines if "fresh.txt" in line))
    assert not lines[fresh + 1].startswith("           no alert")
