"""Every schema change, in order. Add new migrations at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("wirewatch")


@MIGRATIONS()
def m001_core(db: Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "content_hash": str,
            "url": str,
            "title": str,
            "body": str,
            "source": str,
            "published": str,
            "dateline": str,
            "byline": str,
            "origin": str,
            "ingested_at": str,
        },
        pk="id",
        not_null={"content_hash", "title", "body", "ingested_at"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["url"])
    db["sentences"].create(
        {"article_id": int, "idx": int, "start": int, "end": int},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["entities"].create(
        {"id": int, "article_id": int, "start": int, "end": int, "label": str, "text": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["entities"].create_index(["article_id"])
    db["entities"].create_index(["label", "text"])


@MIGRATIONS()
def m002_quotes(db: Database) -> None:
    db["quotes"].create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "speaker": str,
            "speaker_kind": str,
            "speaker_role": str,
            "verb": str,
            "cue": str,
            "confidence": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["quotes"].create_index(["article_id"])
    db["quotes"].create_index(["speaker"])
    db["quotes"].enable_fts(
        ["text", "speaker"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


@MIGRATIONS()
def m003_topics_and_stories(db: Database) -> None:
    db["topics"].create(
        {"id": int, "name": str, "query": str, "created_at": str, "created_by": str},
        pk="id",
        not_null={"name", "query"},
    )
    db["topics"].create_index(["name"], unique=True)
    db["stories"].create(
        {
            "id": int,
            "title": str,
            "summary": str,
            "created_at": str,
            "updated_at": str,
            "article_count": int,
        },
        pk="id",
    )
    db["story_articles"].create(
        {
            "id": int,
            "story_id": int,
            "article_id": int,
            "verdict": str,
            "whats_new": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("story_id", "stories", "id"), ("article_id", "articles", "id")],
    )
    db["story_articles"].create_index(["article_id"], unique=True)
    db["story_articles"].create_index(["story_id"])
    db["story_topics"].create(
        {"story_id": int, "topic_id": int, "article_id": int, "reasons": str, "matched_at": str},
        pk=("story_id", "topic_id"),
        foreign_keys=[("story_id", "stories", "id"), ("topic_id", "topics", "id")],
    )


@MIGRATIONS()
def m004_delivery(db: Database) -> None:
    db["subscriptions"].create(
        {
            "id": int,
            "topic_id": int,
            "target_type": str,
            "target_id": str,
            "mode": str,
            "created_by": str,
            "created_at": str,
            "last_digest_at": str,
        },
        pk="id",
        foreign_keys=[("topic_id", "topics", "id")],
    )
    db["subscriptions"].create_index(["topic_id", "target_type", "target_id"], unique=True)
    db["alerts"].create(
        {
            "id": int,
            "story_id": int,
            "article_id": int,
            "channel": str,
            "kind": str,
            "status": str,
            "attempts": int,
            "next_attempt_at": str,
            "created_at": str,
            "sent_at": str,
            "ts": str,
            "thread_ts": str,
            "last_error": str,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0},
    )
    db["alerts"].create_index(["story_id", "channel", "article_id"], unique=True)
    db["alerts"].create_index(["status", "next_attempt_at"])
    db["state"].create({"key": str, "value": str}, pk="key")
