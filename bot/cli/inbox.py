"""`wirewatch inbox list|retry`: articles that failed for good, and queueing them again."""

from __future__ import annotations

from dataclasses import asdict

import click

from bot.alerts.mrkdwn import counted
from bot.cli.context import CliContext, emit_json
from bot.cli.numbers import ROW_ID
from bot.redact import redact
from storage.db import transaction
from storage.inbox import failed, requeue, waiting_to_retry


@click.group()
def inbox() -> None:
    """The queue every source feeds: what failed for good, and trying it again.

    \b
    Example:
        wirewatch inbox list
        wirewatch inbox retry
    """


@inbox.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_(obj: CliContext, as_json: bool) -> None:
    """Articles that failed for good (newest first), with why and how often they were tried.

    \b
    Example:
        wirewatch inbox list
    """
    db = obj.db
    rows = failed(db)
    waiting = waiting_to_retry(db)
    if as_json:
        emit_json({"failed": [{**asdict(r), "origin": redact(r.origin)} for r in rows],
                   "waiting_to_retry": waiting})
        return
    for row in rows:
        click.echo(f"#{row.id} {redact(row.origin)} · tried {row.attempts or 1} "
                   f"times · {row.processed_at}\n    {redact(row.reason or 'failed')}")
    click.echo(f"{len(rows)} failed for good; {waiting} waiting to be tried again"
               + ("; `wirewatch inbox retry` queues the failed ones again" if rows else ""))


@inbox.command("retry")
@click.argument("ids", nargs=-1, type=ROW_ID)
@click.pass_obj
def retry(obj: CliContext, ids: tuple[int, ...]) -> None:
    """Queue articles that failed for good again (all of them, or the IDs given);
    `wirewatch run` picks them up within a second.

    \b
    Example:
        wirewatch inbox retry
        wirewatch inbox retry 41 42
    """
    with transaction(obj.db):
        count = requeue(obj.db, list(ids) if ids else None)
    click.echo(f"queued {counted(count, 'article')} again")
    if ids and count < len(ids):
        click.echo("some IDs were not failed articles (see `wirewatch inbox list`)")


def register(cli: click.Group) -> None:
    cli.add_command(inbox)
