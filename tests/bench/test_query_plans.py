"""The audit of the periodic queries runs on a small year, and none of them reads a table of
the year whole but the counts `/wirewatch status` gives (``bench.query_plans``). A real SQLite
file."""

from __future__ import annotations

import io

from bench.busy_year import SIZES, build
from bench.query_plans import QUERIES, audit
from storage.db import open_db


def test_no_periodic_query_reads_a_table_of_the_year_whole(db_path):
    db = open_db(db_path)
    build(db, **SIZES["smoke"])
    printed = io.StringIO()
    found = audit(db, out=printed)
    db.close()
    assert list(found) == [name for name, _ in QUERIES]
    scanning = {name for name, (_, scans) in found.items() if scans}
    assert scanning <= {"status: whole read", "status: /wirewatch status, an admin's"}, scanning
    for name in scanning:
        for sql, step in found[name].scans:
            assert sql.startswith("SELECT count(*)"), (sql, step)
    assert "== sender: next alert a channel" in printed.getvalue()
