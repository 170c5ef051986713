"""A query over a long IN list reads every row: SQLite caps one statement's parameters."""

from __future__ import annotations

from storage.db import IN_CHUNK, open_db, rows_in, transaction


def test_an_in_list_over_several_chunks_reads_every_row_with_the_later_parameters(db_path):
    db = open_db(db_path)
    with transaction(db):
        db.execute("CREATE TABLE numbers (n INTEGER PRIMARY KEY)")
        db.conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(3 * IN_CHUNK)])
    wanted = list(range(1, 3 * IN_CHUNK, 2))
    found = rows_in(db, "SELECT n FROM numbers WHERE n IN ({marks}) AND n < ? AND n > ?",
                    wanted, 2 * IN_CHUNK, 10)
    assert [n for (n,) in found] == [n for n in wanted if 10 < n < 2 * IN_CHUNK]
