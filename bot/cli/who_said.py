"""`wirewatch who-said TEXT`"""

from __future__ import annotations

import dataclasses

import click

from bot.cli.context import CliContext, emit_json
from bot.who_said import who_said as lookup


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
    answer = lookup(obj.db, " ".join(text), limit=limit)
    if as_json:
        emit_json(dataclasses.asdict(answer))
        return
    if answer.message:
        click.echo(answer.message)
    for hit in answer.hits:
        who = ", ".join(x for x in (hit.speaker or "unattributed", hit.role) if x)
        click.echo(f"“{hit.text}” — {who}\n   {hit.article_title} · {hit.source or ''}")


def register(cli: click.Group) -> None:
    cli.add_command(who_said)
