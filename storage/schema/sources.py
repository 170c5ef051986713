"""Schema changes for sources, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("sources")


@MIGRATIONS()
def m001_sources(db: Database) -> None:
    db.table("sources").create(
        {
            "id": int,
            "kind": str,
            "location": str,
            "every": int,
            "added_at": str,
            "etag": str,
            "last_modified": str,
            "last_poll_at": str,
            "last_success_at": str,
            "last_error": str,
            "failures": int,
            "next_attempt_at": str,
            "unhealthy": int,
            "items": int,
            "last_item_at": str,
        },
        pk="id",
        not_null={"kind", "location", "every", "added_at"},
        defaults={"failures": 0, "unhealthy": 0, "items": 0},
    )
    db.table("sources").create_index(["location"], unique=True)
    db.table("feed_entries").create(
        {"source_id": int, "key": str, "link": str, "seen_at": str},
        pk=("source_id", "key"),
    )
    db.table("feed_entries").create_index(["source_id", "link"])
    db.table("seen_files").create(
        {"path": str, "size": int, "mtime_ns": int, "sha256": str, "seen_at": str,
         "articles": int, "error": str},
        pk="path",
    )
    db.table("inbox").create(
        {
            "id": int,
            "source_id": int,
            "origin": str,
            "title": str,
            "text": str,
            "url": str,
            "source": str,
            "published": str,
            "status": str,
            "article_id": int,
            "story_id": int,
            "verdict": str,
            "reason": str,
            "created_at": str,
            "processed_at": str,
        },
        pk="id",
        not_null={"origin", "status", "created_at"},
        defaults={"status": "pending"},
    )
    db.table("inbox").create_index(["status", "id"])


@MIGRATIONS()
def m002_inbox_attempts(db: Database) -> None:
    db.table("inbox").add_column("attempts", int, not_null_default=0)


@MIGRATIONS()
def m003_first_poll_backlog(db: Database) -> None:
    db.table("sources").add_column("alert_existing", int, not_null_default=0)
    db.table("sources").add_column("backlog_done_at", str)
    db.table("sources").add_column("backlog_entries", int, not_null_default=0)
    db.execute("UPDATE sources SET backlog_done_at = last_success_at "
               "WHERE last_success_at IS NOT NULL")
    db.table("inbox").add_column("background", int, not_null_default=0)


@MIGRATIONS()
def m004_allow_private(db: Database) -> None:
    """An operator may add a feed inside the newsroom's network (`sources add --allow-private`)."""
    db.table("sources").add_column("allow_private", int, not_null_default=0)


@MIGRATIONS()
def m005_inbox_backoff(db: Database) -> None:
    """A transient failure waits before its next try (seconds, doubling, up to an hour)."""
    db.table("inbox").add_column("next_attempt_at", str)


@MIGRATIONS()
def m006_page_attempts(db: Database) -> None:
    """A feed entry whose article page failed in a way that may pass waits for a later poll;
    its tries are counted here until it is stored."""
    db.table("page_attempts").create(
        {"source_id": int, "key": str, "link": str, "tries": int, "first_failed_at": str,
         "last_error": str, "background": int},
        pk=("source_id", "key"),
        not_null={"tries", "first_failed_at"},
        defaults={"tries": 0, "background": 0},
    )
    db.table("page_attempts").create_index(["source_id", "link"])


@MIGRATIONS()
def m007_validator_checks(db: Database) -> None:
    """A feed is fetched whole at least hourly, and for good once its validators lied."""
    db.table("sources").add_column("full_fetch_at", str)
    db.table("sources").add_column("validators_lie", int, not_null_default=0)


@MIGRATIONS()
def m008_xml_problems_of_removed_feeds(db: Database) -> None:
    """The XML error said for a feed removed before it went with its feed: a source given the
    same id later would never have its own errors said."""
    db.execute("DELETE FROM state WHERE substr(key, 1, 17) = 'feed_xml_problem:' AND "
               "CAST(substr(key, 18) AS INTEGER) NOT IN (SELECT id FROM sources)")


@MIGRATIONS()
def m009_entries_known_as_read(db: Database) -> None:
    """A feed entry is also known by its title, text and page, whatever its guid and link (a
    feed that stamps them anew at every poll)."""
    db.table("feed_entries").add_column("read_as", str)
    db.table("feed_entries").create_index(["source_id", "read_as"])


@MIGRATIONS()
def m010_inbox_by_source(db: Database) -> None:
    """The worker takes the inbox in turns by source: each source's queued rows in order."""
    db.table("inbox").create_index(["status", "source_id", "id"])


@MIGRATIONS()
def m011_inbox_by_caller(db: Database) -> None:
    """Callers of POST /ingest take turns too, each by its address (``caller``)."""
    db.table("inbox").add_column("caller", str)
    db.table("inbox").create_index(["status", "source_id", "caller", "id"])


@MIGRATIONS()
def m012_source_changes(db: Database) -> None:
    """Who added a source from Slack, and each change of a source's health (working to failing,
    and back), written with the poll that made it: posted once, through the outbox, to whoever
    added it and the admin channel; the outbox rows each change was queued as."""
    db.table("sources").add_column("added_by", str)
    db.table("source_changes").create(
        {"id": int, "source_id": int, "change": str, "kind": str, "location": str,
         "failures": int, "at": str, "reason": str, "last_success_at": str, "added_by": str,
         "queued_at": str},
        pk="id", not_null={"source_id", "change", "kind", "location", "failures", "at"})
    db.execute("CREATE INDEX source_changes_to_queue ON source_changes (id) "
               "WHERE queued_at IS NULL")
    db.table("source_notices").create({"alert_id": int, "change_id": int}, pk="alert_id",
                                      not_null={"change_id"})


@MIGRATIONS()
def m013_entry_titles(db: Database) -> None:
    """A feed entry's title, beside its link: a new guid at a seen link is that entry edited
    only when its title reads as the one seen there (a "latest" feed links every entry to one
    page over time)."""
    db.table("feed_entries").add_column("title", str)


@MIGRATIONS()
def m014_entry_pages(db: Database) -> None:
    """A feed entry's page (its link without the query) and its words: a new entry at a seen
    page under a seen title whose words are nearly the same is that entry stamped or edited (a
    feed writing "updated 3 minutes ago", a new guid and a `?ts=` link at every poll), when the
    entry was seen or last found stamped lately (``stamped_at``)."""
    db.table("feed_entries").add_column("page", str)
    db.table("feed_entries").add_column("words", str)
    db.table("feed_entries").add_column("stamped_at", str)
    db.table("feed_entries").create_index(["source_id", "page", "title"])


@MIGRATIONS()
def m015_page_attempt_titles(db: Database) -> None:
    """A waiting entry's title: a new guid at its link counts its tries with it only when its
    title reads as the same entry (an edit), not another entry linked to that page."""
    db.table("page_attempts").add_column("title", str)


@MIGRATIONS()
def m016_entry_titles(db: Database) -> None:
    """Seen entries by title: an entry a feed posts again at a new link under a new id is known
    by its title and words whatever its page (``storage.sources.words_under_title``)."""
    db.table("feed_entries").create_index(["source_id", "title"])


@MIGRATIONS()
def m017_quiet_feeds(db: Database) -> None:
    """When a working feed was told quiet far longer than its usual gap (None: not quiet), and
    its entries by when each was first seen: the gaps its history is learned from."""
    db.table("sources").add_column("quiet_at", str)
    db.table("feed_entries").create_index(["source_id", "seen_at"])


@MIGRATIONS()
def m018_quiet_short(db: Database) -> None:
    """For a feed told quiet by the plainer rule of a short history, its notice's words on it:
    `sources list` and Slack say them, not a usual gap it has too few gaps to have."""
    db.table("sources").add_column("quiet_short", str)


@MIGRATIONS()
def m019_inbox_by_source_time(db: Database) -> None:
    """A feed's queued entries by when they came: a new feed's dates (the plainer quiet rule's
    habit) were read by scanning the whole inbox (`bench.inbox_dates`)."""
    db.table("inbox").create_index(["source_id", "created_at"])


@MIGRATIONS()
def m020_folder_links(db: Database) -> None:
    """The files a watched folder first saw as hard links, by inode and size, kept across a
    restart (``storage.folder_links``): a refused link renamed or touched by then was read."""
    db.table("folder_links").create(
        {"dev": int, "ino": int, "first_ctime_ns": int, "size": int, "source_id": int},
        pk=("dev", "ino"), not_null={"first_ctime_ns"})


@MIGRATIONS()
def m021_folder_link_births(db: Database) -> None:
    """When each remembered hard link was made, where the system tells it: a new file given
    its freed inode at the same size was refused as the link (``storage.folder_links``)."""
    db.table("folder_links").add_column("born_ns", int)


@MIGRATIONS()
def m022_failing_since(db: Database) -> None:
    """When a source's failing spell began (its first failure since it last worked): a run
    starting while a feed fails says since when, as well as how many tries (``failures``).
    None for a spell begun before this column: its start was never kept."""
    db.table("sources").add_column("failing_since", str)


@MIGRATIONS()
def m023_unvouched_links(db: Database) -> None:
    """A feed entry's link to another host than the feed's, its page not fetched from there
    (``RawArticle.link_vouched``): ``source:`` does not read its host. NULL for every article
    stored before: read as before."""
    db.table("inbox").add_column("link_unvouched", int)
    db.table("articles").add_column("link_unvouched", int)
    db.execute("CREATE INDEX idx_inbox_unvouched ON inbox (source_id) WHERE link_unvouched = 1")


@MIGRATIONS()
def m024_source_names(db: Database) -> None:
    """The name ``source:`` matches a feed's articles by (security47b): the operator's
    (``--name``), else the feed's title at its first poll from now on, kept (``name`` NULL until
    then); an entry's own ``<source>`` is matched only for a feed that ``relays``. A feed
    stored before whose inbox holds entries under several names relayed them: it keeps doing
    so. ``vouched_source``: the name matched where the shown one is the entry's own (NULL: the
    shown one, as for every article stored before)."""
    db.table("sources").add_column("name", str)
    db.table("sources").add_column("relays", int, not_null_default=0)
    db.execute("UPDATE sources SET relays = 1 WHERE kind = 'feed' AND (SELECT count(DISTINCT "
               "source) FROM inbox WHERE inbox.source_id = sources.id) > 1")
    db.table("inbox").add_column("vouched_source", str)
    db.table("articles").add_column("vouched_source", str)


@MIGRATIONS()
def m025_paused_feeds(db: Database) -> None:
    """Why a feed is not fetched (NULL: it is): one stored before its address was read as a
    browser reads it (security48c) whose reading a new feed could not be added at
    (``bot.ingest.stored_addresses``); kept, never fetched, said in `sources list` and status.
    ``named_instead``: why a feed's first poll named it by its host (its title was another
    feed's name), said in status and the sources' lists until it is renamed."""
    db.table("sources").add_column("paused", str)
    db.table("sources").add_column("named_instead", str)
