"""storage.channels.move_channel on a real SQLite file: a row dropped because the new id already
has its twin leaves nothing pointing at it, and the old id is remembered."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models.quotes import QuotePick
from storage.channels import move_channel, moved_to
from storage.db import transaction
from storage.quote_subscriptions import keep_for_digest, queue_quote_alert, subscribe_quotes

OLD, NEW = "G0DESK", "C0DESK"
WHEN = "2026-11-24T05:00:00+00:00"
QUERY = 'person:"Ada Brandt"'


def _subscription(db: Database, target: str) -> int:
    subscribe_quotes(db, query=QUERY, target_type="channel", target_id=target, mode="hourly",
                     created_by="U1", at=WHEN)
    return int(db.execute("SELECT id FROM quote_subscriptions WHERE target_id = ?",
                          [target]).fetchone()[0])


def _orphans(db: Database) -> dict[str, int]:
    """Rows that name an alert or a quote subscription that is not there."""
    checks = {
        "alert items without alert": "SELECT count(*) FROM quote_alert_items i WHERE NOT EXISTS "
                                     "(SELECT 1 FROM alerts a WHERE a.id = i.alert_id)",
        "alert items without subscription": "SELECT count(*) FROM quote_alert_items i WHERE NOT "
        "EXISTS (SELECT 1 FROM quote_subscriptions s WHERE s.id = i.subscription_id)",
        "digest items without subscription": "SELECT count(*) FROM quote_digest_items i WHERE "
        "NOT EXISTS (SELECT 1 FROM quote_subscriptions s WHERE s.id = i.subscription_id)",
    }
    return {name: db.execute(sql).fetchone()[0] for name, sql in checks.items()}


def test_a_clash_on_the_new_id_leaves_no_orphan_rows(fresh_db: Database) -> None:
    with transaction(fresh_db):
        old_sub, new_sub = _subscription(fresh_db, OLD), _subscription(fresh_db, NEW)
        keep_for_digest(fresh_db, [QuotePick(1, old_sub), QuotePick(2, old_sub)], WHEN)
        keep_for_digest(fresh_db, [QuotePick(2, new_sub)], WHEN)
        # the same article's quote alert queued on both ids: the old one is dropped
        for target, sub in ((OLD, old_sub), (NEW, new_sub)):
            queue_quote_alert(fresh_db, story_id=7, article_id=70, target=target,
                              items=[QuotePick(3, sub)], at=WHEN)
        # one only the old id has: it moves, and its items follow the kept subscription
        moving = queue_quote_alert(fresh_db, story_id=8, article_id=80, target=OLD,
                                   items=[QuotePick(4, old_sub)], at=WHEN)
    assert _orphans(fresh_db) == dict.fromkeys(_orphans(fresh_db), 0)

    with transaction(fresh_db):
        move_channel(fresh_db, OLD, NEW)

    assert _orphans(fresh_db) == dict.fromkeys(_orphans(fresh_db), 0)
    assert [r[0] for r in fresh_db.execute("SELECT id FROM quote_subscriptions")] == [new_sub]
    held = fresh_db.execute("SELECT subscription_id, quote_id FROM quote_digest_items "
                            "ORDER BY quote_id").fetchall()
    assert held == [(new_sub, 1), (new_sub, 2)], "quotes held for the digest are not lost"
    assert fresh_db.execute("SELECT subscription_id FROM quote_alert_items WHERE alert_id = ?",
                            [moving]).fetchall() == [(new_sub,)]
    assert fresh_db.execute("SELECT count(*) FROM alerts WHERE channel = ?",
                            [NEW]).fetchone()[0] == 2
    assert moved_to(fresh_db, OLD) == NEW
    assert moved_to(fresh_db, NEW) is None


def test_a_channel_moved_twice_maps_its_first_id_to_the_last(fresh_db: Database) -> None:
    with transaction(fresh_db):
        move_channel(fresh_db, OLD, NEW)
        move_channel(fresh_db, NEW, "C0LAST")
    assert moved_to(fresh_db, OLD) == moved_to(fresh_db, NEW) == "C0LAST"


def test_of_an_alert_on_both_ids_the_one_slack_has_is_kept(fresh_db: Database) -> None:
    with transaction(fresh_db):
        for article, channel, status, ts in (
                (70, OLD, "sent", "1700000000.000100"), (70, NEW, "pending", None),
                (80, OLD, "pending", None), (80, NEW, "sending", None)):
            fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                             "attempts, ts, created_at) VALUES (7, ?, ?, 'update', ?, 0, ?, ?)",
                             [article, channel, status, ts, WHEN])
        move_channel(fresh_db, OLD, NEW)
    assert fresh_db.execute("SELECT article_id, channel, status, ts FROM alerts ORDER BY "
                            "article_id").fetchall() == [
        (70, NEW, "sent", "1700000000.000100"),  # posted under the old id: it is the thread
        (80, NEW, "sending", None),  # in flight under the new id: the old, waiting one goes
    ]
