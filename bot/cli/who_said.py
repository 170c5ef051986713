"""`wirewatch who-said TEXT`"""

from __future__ import annotations

import click

from bot.cli.context import CliContext, emit_json
from storage.quotes import search_quotes


@click.command("who-said")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=5, show_default=True, help="How many matches to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def who_said(obj: CliContext, text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find who said a quote, from any fragment of it.

    \b
    Example:
        wirewatch who-said "not off the table"
    """
    matches = search_quotes(obj.db, " ".join(text), limit=limit)
    if as_json:
        emit_json(matches)
        return
    if not matches:
        click.echo("no quote matches that; try fewer or different words")
    for row in matches:
        who = row["speaker"] or "unattributed"
        click.echo(f"“{row['text']}” — {who}\n   {row['article_title']} · {row['source'] or ''}")


def register(cli: click.Group) -> None:
    cli.add_command(who_said)
