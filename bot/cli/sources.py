"""`wirewatch sources add|list|rename|remove`"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from bot.activity import CLI_RENAME, named_words
from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json, where
from bot.cli.numbers import MOST_EVERY
from bot.cli.source_quiet import quiet_line, worked_line
from bot.feed_check import FeedCheck, check_feed, given_trusts
from bot.ingest.addresses import AddressPolicy
from bot.ingest.bounds import refuse_long_address, shown_origin
from bot.ingest.fetch import check_address
from bot.ingest.next_try import next_try
from bot.models import FailedTally, HeldTally, Source
from bot.redact import redact
from bot.source_links import links_elsewhere_line, listed_match, matched_as, renamed
from bot.source_notices import remove_source
from storage.db import transaction
from storage.inbox import failed_by_source, held_by_source, unvouched_by_source
from storage.never_duplicate import mark_never_duplicate
from storage.page_attempts import waiting_for_pages
from storage.sources import (
    DEFAULT_EVERY,
    SourceError,
    add_source,
    first_poll_note,
    full_path,
    health,
    is_due,
    list_sources,
    moved_from,
    record_check,
    refuse_known,
    rename_source,
    source_name,
    source_row,
    unreadable_files,
    utcnow,
)


@click.group()
def sources() -> None:
    """Where articles come from: feeds and watched folders, polled by `wirewatch run`.

    \b
    Example:
        wirewatch sources add https://example.com/news/rss.xml --every 120
        wirewatch sources add /srv/wire/inbox
        wirewatch sources list
    """


PATH_STARTS = ("/", "./", "../", "~")
"""How a location written as a path begins: never a feed's address without its scheme."""


def source_kind(location: str) -> str:
    """An address with a scheme is a feed; anything else must be an existing folder."""
    if "://" in location or location.lower().startswith(("http:", "https:", "file:")):
        return "feed"
    found = full_path(location)
    path = Path(found) if found else None
    if path and path.is_file():
        raise SourceError(f"{location} is a file: wirewatch ingest {location} reads it once; "
                          "sources add takes a feed's address or a folder to watch")
    if path and not path.exists() and location.startswith(PATH_STARTS):
        raise SourceError(f"folder {location} does not exist: create it first (mkdir -p "
                          f"{location}), then add it again")
    if not path or not path.is_dir():
        raise SourceError(f"{location} is neither an http(s) feed address nor an existing "
                          f"folder: a feed's address starts with https:// (https://{location}), "
                          f"and a folder must exist first (mkdir -p {location})")
    return "folder"


@sources.command("add")
@click.argument("location")
@click.option("--every", type=click.IntRange(max=MOST_EVERY),
              help=f"Seconds between polls (default: {DEFAULT_EVERY['feed']} for a feed, "
                   f"{DEFAULT_EVERY['folder']} for a folder).")
@click.option("--alert-existing", is_flag=True,
              help="Feeds: alert on the entries already in the feed at its first poll too "
                   "(by default they are stored as background and only later entries alert).")
@click.option("--allow-private", is_flag=True,
              help="Feeds: allow this feed and its article pages to be fetched from private "
                   "or internal addresses (a feed inside the newsroom's network).")
@click.option("--never-duplicate", is_flag=True,
              help="Its articles always alert and never count as a rewrite (the newsroom's "
                   "own copy, a must-see wire).")
@click.option("--name", help="Feeds: the name `source:` matches its articles by (default: "
                               "the feed's title at its first poll, kept).")
@click.option("--relays", is_flag=True,
              help="Feeds: an aggregator whose entries name their outlet (<source>): "
                   "`source:` matches that outlet too (otherwise it is shown, not matched).")
@click.option("--no-check", is_flag=True,
              help="Feeds: do not fetch the feed once now to check it (a machine offline "
                   "while it is set up).")
@click.pass_obj
def add(obj: CliContext, location: str, every: int | None, alert_existing: bool,
        allow_private: bool, never_duplicate: bool, name: str | None, relays: bool,
        no_check: bool) -> None:
    """Add an RSS/Atom feed URL or a folder to watch.

    A feed's first poll stores the entries it already carries without alerting; alerts start
    with the next new entry. Files dropped in a folder are never held back so (each alerts
    when a tracked topic matches its story and it is not too old). A feed must be on a public
    address unless its network is in WIREWATCH_ALLOW_NETWORKS or --allow-private is given.
    A feed is fetched once right away: a web page is not added (the feed it names is said,
    to add instead); a wrong address or a server that does not answer is said now, and the
    feed is still added (polls keep trying).

    \b
    Example:
        wirewatch sources add https://example.com/world/rss --every 60
        wirewatch sources add https://example.com/live/rss --alert-existing
        wirewatch sources add https://example.com/news/rss --name "Example News"
        wirewatch sources add http://wire.intranet/rss --allow-private
        wirewatch sources add ~/wire/drop
        wirewatch sources add /srv/newsroom/copy --never-duplicate
    """
    refuse_long_address(location)
    kind = source_kind(location)
    refuse_known(obj.db, kind=kind, location=location)  # a scheme typo is named as one too
    source_name(obj.db, kind, name, relays=relays)
    if kind == "feed" and not allow_private:
        check_address(location.strip(), AddressPolicy.allowing(obj.settings.allow_networks))
    checked = None
    if kind == "feed" and not no_check:
        checked = check_feed(obj.settings, location.strip(), allow_private=allow_private,
                             trusts=given_trusts(name=name, relays=relays))
        if checked.web_page:
            raise click.ClickException(_not_added(checked, every=every, name=name, flags={
                "--alert-existing": alert_existing, "--allow-private": allow_private,
                "--never-duplicate": never_duplicate, "--relays": relays}))
    with transaction(obj.db):
        source_id = add_source(obj.db, kind=kind, location=location, every=every,
                               alert_existing=alert_existing, allow_private=allow_private,
                               name=name, relays=relays)
        if never_duplicate:
            mark_never_duplicate(obj.db, source_id)
        if checked and checked.problem:
            record_check(obj.db, source_id, problem=checked.problem)
        source = source_row(obj.db, source_id)
    click.echo(f"added {kind} #{source.id}: {redact(source.location)} "
               f"(every {source.every} s)")
    if never_duplicate:
        click.echo("never a duplicate: its articles always alert and never count as a rewrite")
    if kind == "feed":
        click.echo(matched_as(source))
    if checked:
        _say_checked(checked, source.id)
    if kind == "feed" and not alert_existing:
        click.echo(_first_poll(failing=bool(checked and checked.problem)))


def _first_poll(*, failing: bool) -> str:
    """What a new feed's first poll does; for a feed whose check failed, the first that works
    (a failed poll stores nothing, so no line may read as if entries were being stored)."""
    first = ("nothing is stored from it until it works; the first poll that works stores the "
             "entries the feed carries then" if failing
             else "its first poll stores the entries already in the feed")
    return (f"{first} as background, without alerts; alerts start with the next new entry "
            "(--alert-existing alerts on them too)")


def _not_added(checked: FeedCheck, *, every: int | None, name: str | None,
               flags: dict[str, bool]) -> str:
    """A web page is no feed at any poll: nothing is added, and the line says what to type
    (the feed the page names, with the options given), or how to add the page anyway."""
    command = checked.feed_to_add(every=every, name=name,
                                  flags=[f for f, given in flags.items() if given])
    then = f"; to add its feed: wirewatch {command}" if command else ""
    return (f"{checked.problem}. Nothing was added{then} (--no-check adds an address as it "
            "is, without fetching it)")


def _say_checked(checked: FeedCheck, source_id: int) -> None:
    """A feed that does not work now stays added (a server down for now comes back), said
    now rather than at a later run's first poll in a log line."""
    if checked.problem is None:
        click.echo(f"checked now: {checked.found()}")
        if checked.moved_to:
            click.echo(f"it moved for good to {shown_origin(redact(checked.moved_to))} (a "
                       "permanent redirect): `wirewatch run` polls it there from its first poll "
                       "on")
        if refused := checked.move_refused():
            click.echo(refused)
        return
    click.echo(f"WARNING: this feed does not work now: {checked.problem}", err=True)
    click.echo("  it is added, and each poll of `wirewatch run` tries again; if the address "
               f"is wrong: wirewatch sources remove {source_id}, then add the right one",
               err=True)


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_(obj: CliContext, as_json: bool) -> None:
    """List sources with their health, last poll and last error, and the address a feed
    moved from for good.

    \b
    Example:
        wirewatch sources list
    """
    rows = list_sources(obj.db)
    held = held_by_source(obj.db)
    lost = failed_by_source(obj.db)
    waiting = waiting_for_pages(obj.db)
    unvouched = unvouched_by_source(obj.db)
    if as_json:
        emit_json([{**asdict(row), "location": redact(row.location),
                    "last_error": redact(row.last_error or "") or None,
                    "health": health(row),
                    "held": {t.reason: t.count for t in held.get(row.id, [])},
                    "failed_articles": lost[row.id].count if row.id in lost else 0,
                    "waiting_for_page": waiting.get(row.id, 0),
                    "links_elsewhere": unvouched.get(row.id, 0),
                    "moved_from": _moved(obj, row.id),
                    "unreadable_files": unreadable_files(obj.db, row.location)[0]
                    if row.kind == "folder" else 0}
                   for row in rows])
        return
    if not rows:
        click.echo(f"no sources yet in {where(obj)}; add one with: wirewatch sources add "
                   "URL|FOLDER")
    for row in rows:
        _echo_source(obj, row, held.get(row.id, []), waiting.get(row.id, 0), lost.get(row.id))
        if row.id in unvouched:
            click.echo(f"    {links_elsewhere_line(unvouched[row.id])}")
    if None in lost:
        click.echo(f"POST /ingest and files: {_failed_line(lost[None])}")


def _moved(obj: CliContext, source_id: int) -> str | None:
    moved = moved_from(obj.db, source_id)
    return redact(moved[0]) if moved else None


def _echo_source(obj: CliContext, row: Source, held: list[HeldTally], waiting: int,
                 lost: FailedTally | None) -> None:
    """A source's line, then what to know of it, one indented line each."""
    polled = f" · last poll {when_text(row.last_poll_at)}" if row.last_poll_at else ""
    click.echo(f"#{row.id} {row.kind} {redact(row.location)} · every {row.every} s · "
               f"{health(row)}{polled} · {counted(row.items, 'item')}")
    if row.never_duplicate:
        click.echo("    never a duplicate: its articles always alert")
    if matched := listed_match(row):
        click.echo(f"    {matched}")
    if named := named_words(row, rename=CLI_RENAME):
        click.echo(f"    {named}")
    now = utcnow()
    for line in (worked_line(row, now=now), quiet_line(row, now=now)):
        if line:
            click.echo(f"    {line}")
    moved = moved_from(obj.db, row.id)
    if moved:
        click.echo(f"    moved for good from {redact(moved[0])} at {when_text(moved[1])} "
                   "(a permanent redirect); what it had delivered stays seen")
    note = first_poll_note(row, shown_time=when_text)
    if note:
        click.echo(f"    {note}")
    if held:
        reasons = ", ".join(f"{t.count} {t.reason}" for t in held)
        click.echo(f"    stored without alerting: {reasons}")
    if waiting:
        click.echo(f"    {_waiting_line(waiting)}")
    if row.last_error:
        click.echo(f"    last error: {redact(row.last_error)}")
        click.echo(f"    {_next_try(row)}")
    if lost is not None:
        click.echo(f"    {_failed_line(lost)}")
    if row.kind == "folder":
        _unreadable(obj, row.location)


def _next_try(row: Source) -> str:
    """Since when it fails and its next try, in the run's words; a wait already over is no
    time to name: due now, at a running wirewatch's next pass."""
    now = utcnow()
    since = (f"failing since {when_text(row.failing_since)}; "
             if row.failures and row.failing_since else "")
    if is_due(row, now):
        return (f"{since}next try: due now (at the next poll of a running wirewatch run, or as "
                "one starts)")
    return f"{since}next try {next_try(row.next_attempt_at, now)}"


def _unreadable(obj: CliContext, folder: str) -> None:
    """Files refused as they are were only logged, once: after the run, nothing said so."""
    count, latest = unreadable_files(obj.db, folder)
    if not count:
        return
    click.echo(f"    {counted(count, 'file')} not read (each is read again once it changes):")
    for path, error in latest:
        click.echo(f"      {Path(path).name}: {redact(error)}")
    if count > len(latest):
        click.echo(f"      … and {count - len(latest)} more")


def _waiting_line(count: int) -> str:
    """Entries whose article page failed in a way that may pass are not lost, only late."""
    if count == 1:
        return "1 entry waiting for its article page (asked for again at the next poll)"
    return f"{count} entries waiting for their article page (asked for again at the next poll)"


def _failed_line(tally: FailedTally) -> str:
    count = tally.count
    return (f"{counted(count, 'article')} failed for good (last: "
            f"{redact(tally.latest_reason or 'unknown')}); `wirewatch inbox retry` queues them "
            "again")


@sources.command("rename")
@click.argument("ident")
@click.argument("name", nargs=-1, required=True)
@click.pass_obj
def rename(obj: CliContext, ident: str, name: tuple[str, ...]) -> None:
    """Give a feed (its number or address) the name `source:` matches its articles by.

    \b
    Example:
        wirewatch sources rename 3 "Coast Desk"
        wirewatch sources rename https://example.com/world/rss Example World
    """
    with transaction(obj.db):
        source, before = rename_source(obj.db, ident, " ".join(name))
    click.echo(f"renamed feed #{source.id}: {redact(source.location)}")
    click.echo(renamed(obj.db, source, before))


@sources.command("remove")
@click.argument("ident")
@click.pass_obj
def remove(obj: CliContext, ident: str) -> None:
    """Stop polling a source, given its number or its address.

    \b
    Example:
        wirewatch sources remove 3
        wirewatch sources remove https://example.com/world/rss
    """
    with transaction(obj.db):
        source = remove_source(obj.db, ident)
    click.echo(f"removed {source.kind} #{source.id}: {redact(source.location)}")


def register(cli: click.Group) -> None:
    cli.add_command(sources)
