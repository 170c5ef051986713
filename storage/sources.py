"""Sources (feeds, watched folders), their health, and what each has already delivered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bot.models import BadInput, SeenFile, Source
from bot.models.times import utc_time
from bot.models.web_link import browser_slashes, web_link
from storage.backoff import Backoff
from storage.db import insert_row, row_id
from storage.names import visible
from storage.quiet_feeds import gaps_key
from storage.source_notices import failing_noted, note_change
from storage.state import get_state, set_state

KINDS = ("feed", "folder")
DEFAULT_EVERY = {"feed": 300, "folder": 5}
MIN_EVERY = {"feed": 5, "folder": 1}
UNHEALTHY_AFTER = 3
NAME_CHARS = 200
"""The longest name an operator may give a feed: as long as an outlet's name is kept."""
NOT_CHECKED = "; its check when added failed"
"""Said after "not polled yet" of a feed whose fetch as it was added failed (``record_check``)."""
MAX_BACKOFF = 6 * 3600
XML_PROBLEM = "feed_xml_problem:"
"""State key prefix (and the source's id) of the kind of XML error a feed's last poll had."""
MOVED = "feed_moved_from:"
"""State key prefix (and the source's id) of the address a feed answered from before its
permanent redirect, and when it moved: 'ADDRESS at ISO-TIME'."""
READ_WHOLE = "feed_read_whole:"
"""State key prefix (and the source's id) of the digest of the feed's body as last read whole
(every entry handled); the same body again is not parsed."""
REPOSTS = "feed_reposts:"
TRUSTED_AT = "feed_trusted_at:"
"""State key prefix (and the source's id) of the address a feed was at when the operator gave it
a trust (``--allow-private``, ``--relays``, a name): the host the trust reaches, however many
moves follow. Its presence also tells an operator's name from a title kept at the first poll."""
REFUSED_MOVE = "feed_move_refused:"
"""State key prefix (and the source's id) of the digest of the too long address a feed's
permanent redirect named, said once."""


class SourceError(BadInput):
    """A source cannot be added, found or removed as asked."""


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def utcnow() -> datetime:
    return datetime.now(UTC)


def normalise_location(*, kind: str, location: str) -> str:
    """A feed is an absolute http(s) URL, kept as a browser reads it (``web_link``: a host and
    port it opens, its backslashes slashes); a folder is an absolute path."""
    location = location.strip()
    if kind == "feed":
        if web_link(location) is None:
            raise SourceError(f"'{location}' is not an http:// or https:// feed address")
        return browser_slashes(location)
    if kind == "folder":
        if not location:
            raise SourceError("a watched folder needs a path")
        path = full_path(location)
        if path is None:
            raise SourceError(f"'{location}' is not a path this machine can open (a NUL byte, "
                              "or ~ before a user it does not have)")
        return path
    raise SourceError(f"unknown source kind '{kind}' (use {' or '.join(KINDS)})")


def add_source(db: Database, *, kind: str, location: str, every: int | None = None,
               alert_existing: bool = False, allow_private: bool = False,
               added_by: str | None = None, name: str | None = None,
               relays: bool = False) -> int:
    """A feed polled, or a folder scanned, every ``every`` seconds (default by kind).

    A feed's first poll stores the entries it already carries without alerting, unless
    ``alert_existing``. ``allow_private``: the feed and its pages may be fetched from private
    addresses (the operator's choice; never from Slack). ``added_by``: the Slack user who
    added it, told when it stops working. ``name``: what ``source:`` matches its articles by
    (else its title at the first poll); ``relays``: an entry's own ``<source>`` is matched too.
    """
    location = normalise_location(kind=kind, location=location)
    name = source_name(db, kind, name, relays=relays)
    if alert_existing and kind != "feed":
        raise SourceError("--alert-existing is for feeds; files dropped in a watched folder "
                          "always alert")
    every = DEFAULT_EVERY[kind] if every is None else every
    if every < MIN_EVERY[kind]:
        raise SourceError(f"a {kind} is polled at most every {MIN_EVERY[kind]} s; "
                          f"--every {every} is too often")
    refuse_known(db, kind=kind, location=location)
    source_id = insert_row(db, "sources", {
        "kind": kind, "location": location, "every": int(every), "added_at": iso(utcnow()),
        "failures": 0, "unhealthy": 0, "items": 0, "alert_existing": int(alert_existing),
        "allow_private": int(allow_private), "added_by": added_by, "name": name,
        "relays": int(relays)})
    if kind == "feed" and (allow_private or relays or name is not None):
        trust_given(db, source_id, location)
    return source_id


def trust_given(db: Database, source_id: int, location: str) -> None:
    """Remembers where a feed was when the operator gave it a trust (``TRUSTED_AT``)."""
    set_state(db, f"{TRUSTED_AT}{source_id}", location)


def trusted_at(db: Database, source_id: int) -> str | None:
    """The address a feed was at when the operator gave it a trust; None when none was given
    since this was kept (a feed stored before, or one trusted with nothing)."""
    return get_state(db, f"{TRUSTED_AT}{source_id}") or None


def source_name(db: Database, kind: str, name: str | None, *, relays: bool) -> str | None:
    """The operator's name for a feed, spaces made one; refused for a folder, empty or long, or
    one another feed has (``refuse_taken_name``)."""
    if kind != "feed" and (name is not None or relays):
        raise SourceError("--name and --relays are for feeds; a folder's files name their own "
                          "source")
    if name is None:
        return None
    name = " ".join(name.split())
    if not name or len(name) > NAME_CHARS:
        raise SourceError(f"--name takes a name of 1 to {NAME_CHARS} characters")
    refuse_taken_name(db, name)
    return name


def rename_source(db: Database, ident: int | str, name: str) -> tuple[Source, str | None]:
    """A feed's name for ``source:`` changed to ``name`` (spaces made one, what nobody sees
    dropped); refused for a folder, a name empty or over ``NAME_CHARS``, or one another feed has
    (case and spacing aside: ``source:`` could not tell the two apart). The feed renamed, and
    the name it had (None: not named yet)."""
    source = get_source(db, ident)
    if source is None:
        raise SourceError(f"no source '{ident}' (see: wirewatch sources list)")
    if source.kind != "feed":
        raise SourceError(f"#{source.id} is a watched folder: its files name their own source; "
                          "only a feed is renamed")
    new = " ".join(visible(name).split())
    if not new or len(new) > NAME_CHARS:
        raise SourceError(f"a feed's name takes 1 to {NAME_CHARS} characters, not {len(new)}")
    refuse_taken_name(db, new, source_id=source.id)
    db.execute("UPDATE sources SET name = ?, named_instead = NULL WHERE id = ?",
               [new, source.id])
    if trusted_at(db, source.id) is None and not (source.allow_private or source.relays):
        trust_given(db, source.id, source.location)
    return source_row(db, source.id), source.name


def refuse_taken_name(db: Database, name: str, *, source_id: int | None = None) -> None:
    """Raises when a feed other than ``source_id`` has ``name``, case, spacing and what nobody
    sees aside: ``source:`` could not tell the two apart."""
    if other := named_alike(db, name, source_id=source_id):
        raise SourceError(f'feed #{other.id} is named "{other.name}" already: `source:` '
                          "could not tell the two apart; choose another name")


def named_alike(db: Database, name: str, *, source_id: int | None = None) -> Source | None:
    """The feed other than ``source_id`` whose name ``source:`` could not tell from ``name``
    (case, spacing and what nobody sees aside), if any."""
    for other in list_sources(db, kind="feed"):
        if other.id != source_id and other.name and _same_name(other.name, name):
            return other
    return None


def _same_name(one: str, other: str) -> bool:
    return _spelt(one) == _spelt(other)


def _spelt(name: str) -> str:
    return " ".join(visible(name).split()).casefold()


def pin_name(db: Database, source_id: int, name: str, *, instead: str | None = None) -> None:
    """Keeps the title a feed had when first polled as the name it is matched by; ``instead``:
    why another name was kept (its title was another feed's name)."""
    db.execute("UPDATE sources SET name = ?, named_instead = ? WHERE id = ? AND name IS NULL",
               [name, instead, source_id])


def readdress_feed(db: Database, source_id: int, location: str) -> None:
    """A feed stored before its address was kept as a browser reads it, given that reading."""
    db.execute("UPDATE sources SET location = ? WHERE id = ? AND paused IS NULL",
               [location, source_id])


def pause_feed(db: Database, source_id: int, why: str) -> None:
    """A feed kept but not fetched, and why (said in `sources list` and status)."""
    db.execute("UPDATE sources SET paused = ? WHERE id = ?", [why, source_id])


def refuse_known(db: Database, *, kind: str, location: str) -> None:
    """Raises when ``location`` is a source already: asked before a new feed is fetched, so a
    duplicate is said at once, with no request to its server."""
    location = normalise_location(kind=kind, location=location)
    if existing := get_source(db, location):
        raise SourceError(f"{location} is already a source, #{existing.id}")


def full_path(text: str) -> str | None:
    """The absolute path ``text`` names (~ read as the home folder), or None when it names
    none: a NUL byte (ValueError), ~ before a user this machine does not have (RuntimeError)."""
    try:
        return str(Path(text).expanduser().resolve())
    except (ValueError, RuntimeError, OSError):
        return None


def get_source(db: Database, ident: int | str) -> Source | None:
    """A source by id or by location."""
    text = str(ident).strip()
    if text.isascii() and text.isdigit():
        number = row_id(text)
        rows = list(db.table("sources").rows_where("id = ?", [number])) if number else []
    else:
        rows = list(db.table("sources").rows_where("location = ?", [text]))
        if not rows and "://" not in text and (path := full_path(text)):
            rows = list(db.table("sources").rows_where("location = ?", [path]))
    return Source(**rows[0]) if rows else None


def source_row(db: Database, source_id: int) -> Source:
    """A source that must exist (just added, in the same transaction)."""
    source = get_source(db, source_id)
    if source is None:
        raise SourceError(f"no source #{source_id}")
    return source


def list_sources(db: Database, *, kind: str | None = None) -> list[Source]:
    if kind:
        return [Source(**r) for r in
                db.table("sources").rows_where("kind = ?", [kind], order_by="id")]
    return [Source(**r) for r in db.table("sources").rows_where(order_by="id")]


def move_source(db: Database, source: Source, location: str, *, now: datetime) -> Source | None:
    """Give a feed its new address, remembering the old one; the source that already has the
    new one (nothing changed), or None."""
    other = get_source(db, location)
    if other is not None:
        return other
    if (source.allow_private or source.relays) and trusted_at(db, source.id) is None:
        trust_given(db, source.id, source.location)
    db.execute("UPDATE sources SET location = ? WHERE id = ?", [location, source.id])
    set_state(db, f"{MOVED}{source.id}", f"{source.location} at {iso(now)}")
    return None


def moved_from(db: Database, source_id: int) -> tuple[str, str] | None:
    """The address a feed moved from for good, and when; None for one never moved."""
    value = get_state(db, f"{MOVED}{source_id}")
    if not value or " at " not in value:
        return None
    old, _, when = value.rpartition(" at ")
    return old, when


def remove_source(db: Database, ident: int | str) -> Source:
    source = get_source(db, ident)
    if not source:
        raise SourceError(f"no source '{ident}' (see: wirewatch sources list)")
    db.execute("DELETE FROM feed_entries WHERE source_id = ?", [source.id])
    db.execute("DELETE FROM page_attempts WHERE source_id = ?", [source.id])
    db.execute("DELETE FROM sources WHERE id = ?", [source.id])
    db.execute("DELETE FROM state WHERE key IN (?, ?, ?, ?, ?, ?, ?)",
               [xml_problem_key(source.id), f"{MOVED}{source.id}", f"{READ_WHOLE}{source.id}",
                reposts_key(source.id), gaps_key(source.id), refused_move_key(source.id),
                f"{TRUSTED_AT}{source.id}"])
    return source


def read_whole(db: Database, source_id: int) -> str | None:
    """The digest of the feed's body its last poll read whole, if the last poll did."""
    return get_state(db, f"{READ_WHOLE}{source_id}") or None


def record_read_whole(db: Database, source_id: int, digest: str | None) -> None:
    set_state(db, f"{READ_WHOLE}{source_id}", digest or "")


def xml_problem_key(source_id: int) -> str:
    """The state row holding the kind of XML error last said for a feed; it goes with the
    feed, or a later source given the same id would never have its own errors said."""
    return f"{XML_PROBLEM}{source_id}"


def refused_move_key(source_id: int) -> str:
    """The state row holding which too long new address was said for a feed; it goes with it."""
    return f"{REFUSED_MOVE}{source_id}"


def is_due(source: Source, now: datetime) -> bool:
    """False while a failing source waits out its backoff. A wait further off than its backoff
    was ever set for is over: the wall clock stepped back since it was set."""
    if not source.next_attempt_at:
        return True
    until = utc_time(source.next_attempt_at)
    longest = backoff_seconds(every=source.every, failures=max(source.failures or 0, 1))
    return not now < until <= now + timedelta(seconds=longest)


def backoff_seconds(*, every: int, failures: int) -> int:
    """Doubles with each consecutive failure, from one interval up to six hours."""
    return int(Backoff(first=every, cap=MAX_BACKOFF).delay(failures))


def record_success(db: Database, source_id: int, *, now: datetime, items: int = 0,
                   etag: str | None = None, last_modified: str | None = None) -> None:
    """A good poll clears the failure count; validators are kept for the next conditional GET.
    A source that was unhealthy has its coming back noted (``note_change``), when its failing
    was (one failing since before ``sources/m012`` was told of nothing)."""
    stamp = iso(now)
    before = get_source(db, source_id)
    if before is not None and before.unhealthy and failing_noted(db, source_id):
        note_change(db, before, change="back", failures=before.failures, at=stamp)
    db.execute(
        "UPDATE sources SET last_poll_at = ?, last_success_at = ?, last_error = NULL, "
        "failures = 0, unhealthy = 0, next_attempt_at = NULL, failing_since = NULL, "
        "etag = coalesce(?, etag), "
        "last_modified = coalesce(?, last_modified), items = items + ?, "
        "last_item_at = CASE WHEN ? > 0 THEN ? ELSE last_item_at END WHERE id = ?",
        [stamp, stamp, etag, last_modified, items, items, stamp, source_id],
    )


def record_full_fetch(db: Database, source_id: int, *, now: datetime,
                      validators_lie: bool = False) -> None:
    """The feed was fetched whole; validators that lied are forgotten and never sent again."""
    db.execute("UPDATE sources SET full_fetch_at = ? WHERE id = ?", [iso(now), source_id])
    if validators_lie:
        db.execute("UPDATE sources SET validators_lie = 1, etag = NULL, last_modified = NULL "
                   "WHERE id = ?", [source_id])


def record_check(db: Database, source_id: int, *, problem: str) -> None:
    """The fetch made as the feed was added failed: kept as its last error until a poll, so
    `sources list` and `/wirewatch status` say why, not only that it was not polled yet (not
    a poll's failure: no backoff, not counted towards unhealthy)."""
    db.execute("UPDATE sources SET last_error = ? WHERE id = ? AND last_poll_at IS NULL",
               [problem, source_id])


def record_failure(db: Database, source_id: int, *, reason: str, now: datetime,
                   asked: int = 0) -> Source:
    """Count a failed poll, back off (at least the ``asked`` seconds the server's Retry-After
    gave, up to the longest backoff), and mark the source unhealthy after repeated failures
    (noted as a change, once, when it goes from working to unhealthy); the first of a spell
    is kept as when it began failing."""
    source = Source(**db.table("sources").get(source_id))
    failures = (source.failures or 0) + 1
    wait = max(backoff_seconds(every=source.every, failures=failures), min(asked, MAX_BACKOFF))
    unhealthy = int(failures >= UNHEALTHY_AFTER)
    db.execute(
        "UPDATE sources SET last_poll_at = ?, last_error = ?, failures = ?, unhealthy = ?, "
        "next_attempt_at = ?, failing_since = coalesce(failing_since, ?) WHERE id = ?",
        [iso(now), reason, failures, unhealthy, iso(now + timedelta(seconds=wait)), iso(now),
         source_id],
    )
    if unhealthy and not source.unhealthy:
        note_change(db, source, change="failing", failures=failures, at=iso(now), reason=reason)
    return Source(**db.table("sources").get(source_id))


def in_backlog(source: Source) -> bool:
    """True until a feed's first complete poll: what it already carries is background."""
    return (source.kind == "feed" and not source.alert_existing
            and not source.backlog_done_at)


def record_backlog(db: Database, source_id: int, *, entries: int, done: bool,
                   now: datetime) -> int:
    """Count entries stored as background; ``done`` ends the backlog. Returns the total."""
    db.execute(
        "UPDATE sources SET backlog_entries = backlog_entries + ?, "
        "backlog_done_at = CASE WHEN ? THEN ? ELSE backlog_done_at END WHERE id = ?",
        [entries, int(done), iso(now), source_id])
    return db.execute("SELECT backlog_entries FROM sources WHERE id = ?",
                      [source_id]).fetchone()[0]


def first_poll_note(source: Source, *, shown_time: Callable[[str], str]) -> str | None:
    """What a feed's first poll does, or did, with the entries it already carried; of a feed
    failing so far, only what is true of it (its next poll may fail too). Its time as the
    caller shows times. A paused feed is never fetched: only a first poll made before."""
    if source.kind != "feed" or (source.paused and not source.backlog_done_at):
        return None
    if source.alert_existing:
        return "alerts on the entries already in the feed (--alert-existing)"
    if not source.backlog_done_at and source.backlog_entries:
        return (f"first poll under way: {source.backlog_entries} existing entries stored as "
                "background so far, no alerts; the rest in the next rounds")
    if not source.backlog_done_at and (source.failures or source.last_error):
        return ("its first poll that works will store the entries the feed carries then as "
                "background, no alerts")
    if not source.backlog_done_at:
        return "first poll will store the entries already in the feed as background, no alerts"
    count = source.backlog_entries or 0
    return (f"first poll {shown_time(source.backlog_done_at)}: {count} existing "
            f"{'entry' if count == 1 else 'entries'} stored as background, no alerts")


def health(source: Source) -> str:
    if source.paused:
        return "PAUSED"
    if source.unhealthy:
        return f"UNHEALTHY ({source.failures} failures in a row)"
    if source.failures:
        return f"failing ({source.failures} in a row)"
    if not source.last_poll_at:
        return f"not polled yet{NOT_CHECKED if source.last_error else ''}"
    return "ok"


def entry_seen(db: Database, source_id: int, *, key: str, read_as: str | None = None) -> bool:
    """An entry is known by its guid, or by what it reads as (feeds that stamp guids and links
    anew). One lookup each, on its index: one query with OR read every entry of the feed, so a
    poll of 10,000 entries took 10,000 such reads."""
    return any(db.execute(f"SELECT 1 FROM feed_entries WHERE source_id = ? AND {column} = ? "
                          "LIMIT 1", [source_id, value]).fetchone() is not None
               for column, value in (("key", key), ("read_as", read_as)) if value is not None)


def seen_at_link(db: Database, source_id: int,
                 link: str) -> list[tuple[str | None, str | None]]:
    """The titles and words of the entries seen at this link (None for those seen before they
    were kept): the feed's entries that changed their guid on an edit are among them."""
    return [(title, words) for title, words in db.execute(
        "SELECT title, words FROM feed_entries WHERE source_id = ? AND link = ?",
        [source_id, link])]


def words_at_page(db: Database, source_id: int, *, page: str, title: str, since: datetime,
                  limit: int = 20) -> list[tuple[str, str]]:
    """The keys and words of the latest entries seen at this page under this title, seen or
    found stamped since ``since`` (entries seen before words were kept have none)."""
    return [(key, words) for key, words in db.execute(
        "SELECT key, words FROM feed_entries WHERE source_id = ? AND page = ? AND title = ? "
        "AND words IS NOT NULL AND coalesce(stamped_at, seen_at) >= ? ORDER BY seen_at DESC "
        "LIMIT ?", [source_id, page, title, iso(since), limit])]


def words_under_title(db: Database, source_id: int, *, title: str, since: datetime,
                      limit: int = 20) -> list[tuple[str, str, str | None]]:
    """The keys, words and pages of the latest entries seen under this title at any page,
    seen or found stamped since ``since``."""
    return [(key, words, page) for key, words, page in db.execute(
        "SELECT key, words, page FROM feed_entries WHERE source_id = ? AND title = ? "
        "AND words IS NOT NULL AND coalesce(stamped_at, seen_at) >= ? ORDER BY seen_at DESC "
        "LIMIT ?", [source_id, title, iso(since), limit])]


def reposts_key(source_id: int) -> str:
    """The state row saying a feed was found posting its entries again at new links (said
    once while it lasts); it goes with the feed."""
    return f"{REPOSTS}{source_id}"


def mark_entry_stamped(db: Database, source_id: int, *, key: str, now: datetime) -> None:
    """The seen entry came again stamped or edited: it stands for the new one, kept fresh."""
    db.execute("UPDATE feed_entries SET stamped_at = ? WHERE source_id = ? AND key = ?",
               [iso(now), source_id, key])


def mark_entry_seen(db: Database, source_id: int, *, key: str, link: str | None,
                    now: datetime, read_as: str | None = None, title: str | None = None,
                    page: str | None = None, words: str | None = None) -> None:
    db.execute(
        "INSERT OR IGNORE INTO feed_entries (source_id, key, link, seen_at, read_as, title, "
        "page, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, key, link, iso(now), read_as, title, page, words],
    )


def seen_file(db: Database, path: str) -> SeenFile | None:
    rows = list(db.table("seen_files").rows_where("path = ?", [path]))
    return SeenFile(**rows[0]) if rows else None


def remember_file(db: Database, *, path: str, size: int, mtime_ns: int, sha256: str,
                  articles: int, error: str | None, now: datetime) -> None:
    db.table("seen_files").upsert(
        {"path": path, "size": size, "mtime_ns": mtime_ns, "sha256": sha256, "seen_at": iso(now),
         "articles": articles, "error": error},
        pk="path",
    )


def unreadable_files(db: Database, folder: str, *,
                     limit: int = 3) -> tuple[int, list[tuple[str, str]]]:
    """How many files under ``folder`` could not be read as they are, and the latest few
    with why (each is read again once it changes)."""
    where = "substr(path, 1, length(?) + 1) = ? || '/' AND error IS NOT NULL"
    count = db.execute(f"SELECT count(*) FROM seen_files WHERE {where}",
                       [folder, folder]).fetchone()[0]
    rows = db.execute(f"SELECT path, error FROM seen_files WHERE {where} "
                      "ORDER BY seen_at DESC, path LIMIT ?", [folder, folder, limit]).fetchall()
    return count, [(path, error) for path, error in rows]
