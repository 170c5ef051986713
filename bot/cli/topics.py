"""`wirewatch topics add|list|remove`"""

from __future__ import annotations

import click

from bot.cli.context import CliContext, emit_json
from storage.db import transaction
from storage.topics import TopicError, add_topic, list_topics, remove_topic


@click.group()
def topics() -> None:
    """Tracked topics decide which stories alert.

    \b
    Example:
        wirewatch topics add "Ukraine NATO bid" 'org:NATO AND (Ukraine OR Kyiv)'
        wirewatch topics list
    """


@topics.command("add")
@click.argument("name")
@click.argument("query", required=False)
@click.pass_obj
def add(obj: CliContext, name: str, query: str | None) -> None:
    """Track NAME, matching stories by QUERY (default: the name itself).

    \b
    Example:
        wirewatch topics add "NATO membership" 'NATO AND (membership OR invit*)'
    """
    try:
        with transaction(obj.db):
            add_topic(obj.db, name=name, query=query or name)
    except TopicError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"tracking '{name}': {query or name}")


@topics.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_(obj: CliContext, as_json: bool) -> None:
    """List tracked topics.

    \b
    Example:
        wirewatch topics list --json
    """
    rows = list_topics(obj.db)
    if as_json:
        emit_json(rows)
    elif not rows:
        click.echo("no topics yet; add one with: wirewatch topics add NAME [QUERY]")
    for row in rows if not as_json else []:
        click.echo(f"{row['name']}: {row['query']}")


@topics.command("remove")
@click.argument("name")
@click.pass_obj
def remove(obj: CliContext, name: str) -> None:
    """Stop tracking NAME (its subscriptions go too).

    \b
    Example:
        wirewatch topics remove "NATO membership"
    """
    try:
        with transaction(obj.db):
            remove_topic(obj.db, name)
    except TopicError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"removed '{name}'")


def register(cli: click.Group) -> None:
    cli.add_command(topics)
