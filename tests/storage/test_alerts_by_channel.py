"""Whatever picks a channel's alerts finds them by an index, not by reading the whole table (a
year of alerts is about 600,000 rows): an older database gets the index when it migrates."""

from __future__ import annotations

from storage import alerts as outbox
from storage.channels import move_channel
from storage.db import open_db, transaction
from storage.migrations import MIGRATION_SETS
from storage.schema import delivery
from tests.plans import plans

BEFORE = {delivery.MIGRATIONS: "m010_alerts_by_channel"}


def old_database(path) -> None:
    """The schema before the index, with a sent, a failed and a waiting alert."""
    db = open_db(path, migrate=False)
    for migrations in MIGRATION_SETS:
        migrations.apply(db, stop_before=BEFORE.get(migrations))
    with transaction(db):
        db.table("alerts").insert_all([
            {"story_id": 1, "article_id": 1, "channel": "C0DESK", "kind": "new",
             "status": "sent", "posted_channel": "C0DESK", "ts": "1.000100",
             "created_at": "2026-03-02T09:00:00+00:00"},
            {"story_id": 1, "article_id": 2, "channel": "C0DESK", "kind": "update",
             "status": "failed", "last_error": "channel_not_found",
             "created_at": "2026-03-02T10:00:00+00:00"},
            {"story_id": 2, "article_id": 3, "channel": "C0DESK", "kind": "new",
             "status": "pending", "created_at": "2026-03-02T11:00:00+00:00"}])
    db.close()


def test_a_channels_alerts_are_found_by_index_after_the_migration(db_path):
    old_database(db_path)
    db = open_db(db_path)
    with transaction(db):
        found = plans(db, lambda: (
            outbox.refused_since(db, "C0DESK", errors=["channel_not_found"], since="2026-03-02"),
            outbox.failed_alerts(db, targets=["C0DESK", "U0ANNA"]),
            outbox.fail_pending(db, "C0DESK", error="channel gone"),
            move_channel(db, "C0DESK", "C0NEWID")), "alerts")
    reads = [step for plan in found for step in plan.splitlines()
             if "alerts" in step.split(" USING")[0]]
    assert reads and not [step for step in reads if step.startswith("SCAN")], reads
    assert db.execute("SELECT count(*) FROM alerts WHERE channel = 'C0NEWID'").fetchone()[0] == 3
