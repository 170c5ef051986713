"""`wirewatch run`"""

from __future__ import annotations

import time

import click

from bot.alerts.console_feed import print_pending
from bot.cli.context import CliContext


@click.command()
@click.option("--console", is_flag=True, help="No Slack: print every alert to the terminal.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between outbox checks.")
@click.pass_obj
def run(obj: CliContext, console: bool, interval: float) -> None:
    """Run the bot: deliver alerts as articles are processed.

    \b
    Example:
        wirewatch run --console
    """
    if not console:
        raise click.ClickException("only --console is available in this build")
    click.echo(f"wirewatch: watching {obj.settings.db_path} for alerts (Ctrl-C to stop)")
    try:
        while True:
            print_pending(obj.db, click.echo)
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("stopped")


def register(cli: click.Group) -> None:
    cli.add_command(run)
