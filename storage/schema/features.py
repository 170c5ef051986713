"""Schema changes for quote alerts, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("features")


@MIGRATIONS()
def m001_quote_alerts(db: Database) -> None:
    db.table("quote_subscriptions").create(
        {"id": int, "query": str, "target_type": str, "target_id": str, "mode": str,
         "created_by": str, "created_at": str},
        pk="id", not_null={"query", "target_type", "target_id", "mode"},
    )
    db.table("quote_subscriptions").create_index(["query", "target_type", "target_id"], unique=True)
    db.table("quote_alert_items").create(
        {"alert_id": int, "quote_id": int, "subscription_id": int},
        pk=("alert_id", "quote_id"),
    )
    # A quote alert shares the outbox with the story alert of the same article and channel.
    db.execute('DROP INDEX IF EXISTS "idx_alerts_story_id_channel_article_id"')
    db.table("alerts").create_index(["story_id", "channel", "article_id", "kind"], unique=True)


@MIGRATIONS()
def m002_never_duplicate_sources(db: Database) -> None:
    db.table("sources").add_column("never_duplicate", int, not_null_default=0)


@MIGRATIONS()
def m003_quote_digests(db: Database) -> None:
    db.table("quote_subscriptions").add_column("last_digest_at", str)
    db.table("quote_digest_items").create(
        {"subscription_id": int, "quote_id": int, "created_at": str},
        pk=("subscription_id", "quote_id"), not_null={"created_at"},
    )
    db.table("quote_digest_items").create_index(["subscription_id", "created_at"])


@MIGRATIONS()
def m004_important_stories(db: Database) -> None:
    db.table("important_stories").create(
        {"story_id": int, "channel": str, "marked_by": str, "marked_at": str},
        pk=("story_id", "channel"),
    )


@MIGRATIONS()
def m005_paused_quote_subscriptions(db: Database) -> None:
    """A channel Slack refuses pauses its quote subscriptions with its topic subscriptions."""
    db.table("quote_subscriptions").add_column("paused_at", str)
    db.table("quote_subscriptions").add_column("paused_reason", str)


@MIGRATIONS()
def m006_quote_subscription_notify(db: Database) -> None:
    """Who a channel's quote subscription pings: a JSON list of Slack user and group ids."""
    db.table("quote_subscriptions").add_column("notify", str)
