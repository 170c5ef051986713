"""`wirewatch db compact`: drop the matching data of stories closed long enough; `wirewatch db
vacuum`: give the freed pages back to the disk."""

from __future__ import annotations

from pathlib import Path

import click
from sqlite_utils import Database

from bot.cli.context import CliContext
from bot.cli.numbers import MOST_DAYS, Number
from bot.cli.run_lock import HeldByRun, take_run_lock
from bot.models import BadInput
from bot.stories import running
from bot.stories.retention import compact_story_data, kept_days


@click.group("db")
def db_group() -> None:
    """The database file.

    \b
    Example:
        wirewatch db compact
        wirewatch db vacuum
    """


@db_group.command("compact")
@click.option("--days", type=Number(min=0, max=MOST_DAYS),
              help="Closed longer than this (default: $WIREWATCH_STORY_DATA_DAYS or 14).")
@click.pass_obj
def compact(obj: CliContext, days: float | None) -> None:
    """Drop what only the story matching reads (features, index postings, meaning vectors) of
    the stories closed more than DAYS days; articles, quotes, entities, stories and their
    timelines are kept. `wirewatch run` does this every hour by itself.

    \b
    Example:
        wirewatch db compact
        wirewatch db compact --days 30
    """
    settings = obj.settings.with_overrides(story_data_days=days)
    done = compact_story_data(obj.db, settings)
    if done is None:
        given = "--days" if days is not None else "WIREWATCH_STORY_DATA_DAYS"
        click.echo(f"{given} is 0: everything is kept")
        return
    kept = kept_days(settings)
    closed = f"closed more than {kept:g} days"
    if kept > settings.story_data_days:
        closed += (f" (not {settings.story_data_days:g}: a running issue back after a quiet "
                   f"spell is looked for {running.BACK_DAYS} days back)")
    if not done.stories and not done.changes:
        click.echo(f"nothing to drop: no story holding matching data has been {closed}, and "
                   "no feed's change of health was told that long ago")
        return
    if done.stories:
        click.echo(f"dropped the matching data of {done.stories:,} stories {closed}: "
                   f"{done.articles:,} articles' features, {done.postings:,} index postings, "
                   f"{done.vectors:,} meaning vectors, {done.links:,} thread links; articles, "
                   "quotes and timelines are kept")
    if done.changes:
        click.echo(f"dropped {done.changes:,} feed changes of health (failing, working again) "
                   f"told more than {settings.story_data_days:g} days ago")
    click.echo("SQLite reuses the freed pages; to shrink the file itself, stop wirewatch run "
               "and run: wirewatch db vacuum")


@db_group.command("vacuum")
@click.pass_obj
def vacuum(obj: CliContext) -> None:
    """Shrink the file to what it holds (SQLite's VACUUM): it rewrites the whole file, needs as
    much free disk again and holds the database meanwhile, so `wirewatch run` must be stopped.

    \b
    Example:
        wirewatch db vacuum
    """
    path = Path(obj.settings.db_path)
    try:
        lock = take_run_lock(path)
    except HeldByRun as held:
        raise BadInput(f"a wirewatch run (pid {held.pid}) is using {path}; stop it first: "
                       "VACUUM rewrites the whole file and would hold up its alerts") from None
    with lock:
        before = _settled_size(obj.db, path)
        obj.db.execute("VACUUM")
        after = _settled_size(obj.db, path)
    click.echo(f"{path}: {before / 1e6:,.1f} MB -> {after / 1e6:,.1f} MB")


def _settled_size(db: Database, path: Path) -> int:
    """The file's size with the write-ahead log folded in (VACUUM writes through it too)."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def register(cli: click.Group) -> None:
    cli.add_command(db_group)
