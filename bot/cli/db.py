"""`wirewatch db compact`: drop the matching data of stories closed long enough."""

from __future__ import annotations

import click

from bot.cli.context import CliContext
from bot.stories.retention import compact_story_data


@click.group("db")
def db_group() -> None:
    """The database file.

    \b
    Example:
        wirewatch db compact
    """


@db_group.command("compact")
@click.option("--days", type=click.FloatRange(min=0),
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
    closed = f"closed more than {settings.story_data_days:g} days"
    if not done.stories:
        click.echo(f"nothing to drop: no story holding matching data has been {closed}")
        return
    click.echo(f"dropped the matching data of {done.stories:,} stories {closed}: "
               f"{done.articles:,} articles' features, {done.postings:,} index postings, "
               f"{done.vectors:,} meaning vectors; articles, quotes and timelines are kept")
    click.echo(f"SQLite reuses the freed pages; to shrink the file itself, stop wirewatch and "
               f"run: sqlite3 {settings.db_path} 'VACUUM'")


def register(cli: click.Group) -> None:
    cli.add_command(db_group)
