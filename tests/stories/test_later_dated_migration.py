"""A later-dated join is stored with its real likeness and a mark; one stored before the mark
(at a made-up likeness just under the weak line) is still read as weak."""

from __future__ import annotations

import json

from bot.stories import cluster
from bot.stories.correct import Member, weak_pair
from storage import stories as store
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import stories as schema

BEFORE = {schema.MIGRATIONS: "m011_later_dated"}
PLACED = "2026-04-02T08:00:00+00:00"
KEYS = {"l:ferry": 2.0, "e:halden": 3.0, "l:strike": 2.0}
FOUNDER = {"l:bridge": 3.0, "e:halden": 1.0, "l:toll": 2.0}


def test_a_join_stored_before_the_mark_is_still_weak(db_path):
    db = open_db(db_path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    made_up = round(cluster.Events().weak_join * 0.999, 4)
    with transaction(db):
        for article_id, join in ((1, None), (2, made_up)):
            db.execute("INSERT INTO story_features (article_id, story_id, seen_at, data, "
                       "join_score) VALUES (?, 7, ?, ?, ?)",
                       [article_id, PLACED, json.dumps({"k": {}, "x": [], "t": []}), join])
    db.close()
    db = open_db(db_path)
    assert store.latest_joins(db, [7]) == {7: [(1, None, PLACED, False),
                                               (2, made_up, PLACED, False)]}
    members = (Member(1, FOUNDER, None, 9.0), Member(2, KEYS, made_up, 8.0))
    pair = weak_pair(KEYS, {7: members}, cluster.Events())
    assert pair is not None and pair.article_id == 2
    db.close()
