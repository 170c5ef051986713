"""A date a feed wrote with its zone and no time (midnight at its offset, `2026-11-20T00:00:00
+01:00`) is the day the article gave wherever a desk reads it: `stories timeline`, `who-said`
(terminal and `--json`), an alert's time, why it does not alert (too old), and its story's
last time in `stories list`, `topics show` and `topics list`, not 23:00 UTC the day before.
A real SQLite file, the real spaCy model. Invented copy."""

import json

from bot.alerts.came_from import came_when
from bot.alerts.timeline_blocks import when_text
from storage.alerts import alert_view
from storage.db import open_db
from tests.invoke import invoke

EAST = {"title": "Harbour board approves the Kellin quay extension",
        "text": "\"The quay will take the larger ferries by spring,\" said board chair Ines "
                "Marlow, after the harbour board approved the Kellin extension.",
        "published": "2026-11-20T00:00:00+01:00"}
WEST = {"title": "Orchard growers count frost damage in the Tavel valley",
        "text": "Growers in the Tavel valley said the early frost had cost them a third of the "
                "late apple crop.",
        "published": "Thu, 19 Nov 2026 00:00:00 -0500"}
TIMED = {"title": "Signal fault halts trains on the Brisk line",
         "text": "Trains on the Brisk line stopped for two hours after a signal fault near "
                 "Oldmere station, the operator said.",
         "published": "2026-11-18T00:30:00+01:00"}


def test_a_date_written_with_its_zone_reads_as_that_day(db_path, tmp_path):
    """Before: `2026-11-19 23:00 UTC` and `2026-11-19 05:00 UTC`."""
    (tmp_path / "days.json").write_text(json.dumps([EAST, WEST, TIMED]), encoding="utf-8")
    assert invoke(db_path, "topics", "add", "Harbour", "--query", "quay").exit_code == 0
    ingested = invoke(db_path, "ingest", str(tmp_path / "days.json"))
    assert ingested.exit_code == 0, ingested.output
    for given in ("2026-11-20, ", "2026-11-19, ", "2026-11-17 23:30 UTC, "):
        assert f"no alert: too old to alert: published {given}" in ingested.output, given
    listed = invoke(db_path, "stories", "list").output
    assert f"last 2026-11-20  {EAST['title']}" in listed, listed
    assert f"last 2026-11-19  {WEST['title']}" in listed, listed
    assert "(1 article, last 2026-11-20): " in invoke(db_path, "topics", "show", "Harbour").output
    assert "  latest story 2026-11-20, " in invoke(db_path, "topics", "list").output
    shown = {n: invoke(db_path, "stories", "timeline", str(n)).output for n in (1, 2, 3)}
    assert " · 2026-11-20 · " in shown[1] and "23:00" not in shown[1], shown[1]
    assert " · 2026-11-19 · " in shown[2] and "05:00" not in shown[2], shown[2]
    assert "2026-11-17 23:30 UTC" in shown[3], shown[3]
    said = invoke(db_path, "who-said", "larger ferries").output
    assert "· 2026-11-20\n" in said and "23:00" not in said, said
    [hit] = json.loads(invoke(db_path, "who-said", "larger ferries", "--json").output)["hits"]
    assert hit["published"] == "2026-11-20T00:00:00+00:00", hit
    db = open_db(db_path)
    views = [alert_view(db, story, story, "new") for story in (1, 2, 3)]
    db.close()
    assert [came_when(v) for v in views[:2]] == ["20 Nov 2026", "19 Nov 2026"]
    assert when_text(views[2].published) == "2026-11-17 23:30 UTC"
