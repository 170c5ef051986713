"""Schema changes for stories, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

import logging

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from storage.names import visible

MIGRATIONS = Migrations("stories")
log = logging.getLogger(__name__)


@MIGRATIONS()
def m001_topics_and_stories(db: Database) -> None:
    db.table("topics").create(
        {"id": int, "name": str, "query": str, "created_at": str, "created_by": str},
        pk="id",
        not_null={"name", "query"},
    )
    db.table("topics").create_index(["name"], unique=True)
    db.table("stories").create(
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
    db.table("story_articles").create(
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
    db.table("story_articles").create_index(["article_id"], unique=True)
    db.table("story_articles").create_index(["story_id"])
    db.table("story_topics").create(
        {"story_id": int, "topic_id": int, "article_id": int, "reasons": str, "matched_at": str},
        pk=("story_id", "topic_id"),
        foreign_keys=[("story_id", "stories", "id"), ("topic_id", "topics", "id")],
    )


@MIGRATIONS()
def m002_story_index(db: Database) -> None:
    db.table("stories").add_column("last_seen", str)
    db.table("stories").create_index(["last_seen"])
    db.table("story_topics").create_index(["topic_id", "matched_at"])
    db.execute(
        "CREATE TABLE story_features (article_id INTEGER PRIMARY KEY, story_id INTEGER NOT NULL, "
        "seen_at TEXT NOT NULL, data TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX story_features_story ON story_features (story_id, seen_at)")
    db.execute(
        "CREATE TABLE story_index (key TEXT NOT NULL, story_id INTEGER NOT NULL, "
        "last_seen TEXT NOT NULL, PRIMARY KEY (key, story_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX story_index_recent ON story_index (key, last_seen)")
    db.execute(
        "CREATE TABLE feature_df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID"
    )


@MIGRATIONS()
def m003_story_sentences(db: Database) -> None:
    db.execute("ALTER TABLE story_features ADD COLUMN sentences TEXT")


@MIGRATIONS()
def m004_story_words(db: Database) -> None:
    """Each article's words and lemmas, so a topic added later matches as a new article does."""
    db.execute("ALTER TABLE story_features ADD COLUMN words TEXT")


@MIGRATIONS()
def m005_story_meaning(db: Database) -> None:
    """Each article's sentence-embedding vector (float32 bytes), found by when it was placed."""
    db.execute("CREATE TABLE story_meaning (article_id INTEGER PRIMARY KEY, "
               "seen_at TEXT NOT NULL, vector BLOB NOT NULL)")
    db.execute("CREATE INDEX story_meaning_seen ON story_meaning (seen_at)")


@MIGRATIONS()
def m006_story_compaction(db: Database) -> None:
    """When a closed story's matching data was dropped; the partial index lists only the stories
    still holding it, so each compaction reads those alone."""
    db.execute("ALTER TABLE stories ADD COLUMN compacted_at TEXT")
    db.execute("CREATE INDEX stories_uncompacted ON stories (last_seen) "
               "WHERE compacted_at IS NULL")


@MIGRATIONS()
def m007_moved_from(db: Database) -> None:
    """The story an article was in before a later correction (or a split) moved it into one of
    its own: a digest that took it as that story's news lists its own story as new later."""
    db.execute("ALTER TABLE story_articles ADD COLUMN moved_from INTEGER")


@MIGRATIONS()
def m008_moved_at(db: Database) -> None:
    """When that move was made: a digest of the period the article arrived in took it as its
    own story's news if the move came first, as the other story's news if it came later."""
    db.execute("ALTER TABLE story_articles ADD COLUMN moved_at TEXT")


@MIGRATIONS()
def m009_join_score(db: Database) -> None:
    """The likeness each article joined its story with, in its own column: read with a story's
    latest articles for every candidate, where picking it out of the stored keys' JSON cost
    twice the read. Moved out of that JSON for the articles stored before."""
    db.execute("ALTER TABLE story_features ADD COLUMN join_score REAL")
    db.execute("UPDATE story_features SET join_score = json_extract(data, '$.j'), "
               "data = json_remove(data, '$.j') WHERE json_type(data, '$.j') IS NOT NULL")


@MIGRATIONS()
def m010_continues(db: Database) -> None:
    """The earlier story a new one takes up again (a running issue back after a quiet spell):
    its first alert links the earlier thread."""
    db.execute("ALTER TABLE stories ADD COLUMN continues INTEGER")


@MIGRATIONS()
def m011_later_dated(db: Database) -> None:
    """A join kept as weak for its later days (``bot.stories.correct.later_dated``), marked as
    such beside its real likeness, which was stored before as a made-up one just under the weak
    line; those rows stay weak by their score, as before."""
    db.execute("ALTER TABLE story_features ADD COLUMN later_dated INTEGER")


@MIGRATIONS()
def m012_running_stories(db: Database) -> None:
    """The stories that continue each running story (``stories.continues`` names its root):
    an article starting an event reads the running story's latest articles through them."""
    db.execute("CREATE INDEX stories_continues ON stories (continues) "
               "WHERE continues IS NOT NULL")


@MIGRATIONS()
def m013_visible_topic_names(db: Database) -> None:
    """Topic names stored with characters nobody sees (a zero-width space, a bidi override)
    looked like another topic's; stored without them now, as a name typed is read. A name that
    would then be another's, or nothing, keeps a visible mark of its own ("Ukraine (topic 7)")."""
    rows = db.execute("SELECT id, name FROM topics ORDER BY id").fetchall()
    taken = {name.casefold() for _, name in rows}
    for topic_id, name in rows:
        shown = visible(name)
        if shown == name:
            continue
        if not shown or shown.casefold() in taken:
            shown = f"{shown} (topic {topic_id})".lstrip()
        db.execute("UPDATE topics SET name = ? WHERE id = ?", [shown, topic_id])
        taken.add(shown.casefold())
        log.warning("topic %d was named %s, with characters nobody sees; now named %s",
                    topic_id, ascii(name), ascii(shown))


@MIGRATIONS()
def m014_moved_out(db: Database) -> None:
    """The reports moved out of each story: its timeline names where they went, and its Unmute
    the mutes the moves kept (``storage.mutes.carried_mutes``), without reading every row."""
    db.execute("CREATE INDEX story_articles_moved_from ON story_articles (moved_from) "
               "WHERE moved_from IS NOT NULL")


@MIGRATIONS()
def m015_folded_into(db: Database) -> None:
    """The earlier story a later one was folded into when an article tied the two
    (``bot.stories.correct.tied_fold``), when, and by which article: its articles are the
    earlier story's since, its alerts already posted stay in its own thread, and that article's
    alert says the two were joined."""
    db.execute("ALTER TABLE stories ADD COLUMN folded_into INTEGER")
    db.execute("ALTER TABLE stories ADD COLUMN folded_at TEXT")
    db.execute("ALTER TABLE stories ADD COLUMN folded_by INTEGER")
    db.execute("CREATE INDEX stories_folded ON stories (folded_into) "
               "WHERE folded_into IS NOT NULL")


@MIGRATIONS()
def m016_folded_from(db: Database) -> None:
    """The story each report was in when that story was folded into an earlier one: a guest
    whose channels followed the folded story, not the one holding it, reads its own reports
    (``storage.timeline.folded_timeline``). Folds made before it are not told apart."""
    db.execute("ALTER TABLE story_articles ADD COLUMN folded_from INTEGER")


@MIGRATIONS()
def m017_latest_first(db: Database) -> None:
    """The latest article and the latest stories read by index: `/wirewatch status` asked for
    the article stored last and `stories list` for the latest stories by sorting the whole
    table (30 and 27 ms at 100,000 articles and 5,000 stories, measured), an index each reads
    only the rows shown (``bench.query_plans``)."""
    db.execute("CREATE INDEX articles_ingested ON articles (ingested_at)")
    db.execute("CREATE INDEX stories_latest ON stories (coalesce(last_seen, created_at))")


@MIGRATIONS()
def m018_articles_by_id(db: Database) -> None:
    """m017's index of articles by time dropped: the article stored last is the one of the
    highest id (``storage.totals``), and with both m017 indexes written on every article the
    story step read 6.1 to 7.0 ms at 100,000 archived against 4.2 without (``bench.story_cost``)."""
    db.execute("DROP INDEX IF EXISTS articles_ingested")
