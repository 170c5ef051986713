"""The likeness an article joined its story with moved from the stored keys' JSON into its own
column: a database written before keeps every article's score, read as before."""

from __future__ import annotations

import json

from storage import stories as store
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import stories as schema

BEFORE = {schema.MIGRATIONS: "m009_join_score"}
HOUR = "2026-04-0{}T08:00:00+00:00".format
ROWS = [(1, 7, HOUR(1), None), (2, 7, HOUR(2), 0.4121), (3, 7, HOUR(3), 0.05), (4, 8, HOUR(3), None)]


def test_an_older_databases_join_scores_are_read_from_their_column(db_path):
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    with transaction(db):
        for article_id, story_id, seen_at, join in ROWS:
            data: dict[str, object] = {"k": {"l:quay": 1.5}, "x": ["l:quay"], "t": []}
            if join is not None:
                data["j"] = join
            db.execute("INSERT INTO story_features (article_id, story_id, seen_at, data) "
                       "VALUES (?, ?, ?, ?)", [article_id, story_id, seen_at, json.dumps(data)])
    db.close()
    db = open_db(db_path)
    assert store.latest_joins(db, [7, 8]) == {
        7: [(1, None, HOUR(1), False), (2, 0.4121, HOUR(2), False), (3, 0.05, HOUR(3), False)],
        8: [(4, None, HOUR(3), False)]}
    kept = [json.loads(row[0]) for row in db.execute("SELECT data FROM story_features")]
    assert all("j" not in data and data["x"] == ["l:quay"] for data in kept)
    db.close()
