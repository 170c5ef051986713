"""Schema changes for core, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.models.articles import longest_paragraph_key

MIGRATIONS = Migrations("core")

@MIGRATIONS()
def m001_core(db: Database) -> None:
    db.table("articles").create(
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
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["url"])
    db.table("sentences").create(
        {"article_id": int, "idx": int, "start": int, "end": int},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("entities").create(
        {"id": int, "article_id": int, "start": int, "end": int, "label": str, "text": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("entities").create_index(["article_id"])
    db.table("entities").create_index(["label", "text"])


@MIGRATIONS()
def m002_published_offset(db: Database) -> None:
    """The offset an article's time was written in (its writer's day); NULL for rows before:
    their days are read in UTC, as they were."""
    db.table("articles").add_column("published_offset", int)


@MIGRATIONS()
def m003_served_requests(db: Database) -> None:
    """Slack requests already served, each kept until its signature could no longer pass (a
    replay within Slack's five minutes is answered without acting again, after a restart too)."""
    db.table("served_requests").create({"key": str, "until": int}, pk="key",
                                       not_null={"until"})
    db.table("served_requests").create_index(["until"])


@MIGRATIONS()
def m004_served_claims(db: Database) -> None:
    """An event being acted on (its claim: which running app took it, and when) or acted on
    (no owner): Slack's resend of one whose first delivery was never acted on (the process
    died, or its answer failed) is acted on, not ignored."""
    db.table("served_requests").add_column("owner", str)
    db.table("served_requests").add_column("claimed_at", int)


@MIGRATIONS()
def m005_dates_ahead(db: Database) -> None:
    """A date given far ahead of an article's arrival, as written: the article is undated, and
    a desk still sees what it said (before, only a feed's queued row kept it)."""
    db.table("articles").add_column("dated_ahead", str)


@MIGRATIONS()
def m006_articles_by_title(db: Database) -> None:
    """Articles by title: one sent again without a link (a file) is looked for among those of
    its title, its source and no link (``storage.articles.unlinked``)."""
    db.table("articles").create_index(["title"])


@MIGRATIONS()
def m007_articles_by_longest_paragraph(db: Database) -> None:
    """Articles without a link by their longest paragraph: one sent again under a new title is
    found (``storage.articles.unlinked_alike``); those stored before are keyed here, a thousand
    bodies at a time (not all held at once)."""
    db.table("articles").add_column("longest_key", str)
    last = 0
    while rows := db.execute("SELECT id, body FROM articles WHERE url IS NULL AND id > ? ORDER "
                             "BY id LIMIT 1000", [last]).fetchall():
        db.conn.executemany("UPDATE articles SET longest_key = ? WHERE id = ?",
                            [(longest_paragraph_key(body), id_) for id_, body in rows])
        last = rows[-1][0]
    db.table("articles").create_index(["longest_key"])
