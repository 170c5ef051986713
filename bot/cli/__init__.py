"""The `wirewatch` command: one module per command group, each with a register(cli)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from bot import early_stop
from bot.alerts import kept_holds
from bot.cli import (
    db,
    demo,
    help,
    inbox,
    ingest,
    quotes,
    run,
    sources,
    status,
    stories,
    timeline,
    topics,
    who_said,
)
from bot.cli.context import CliContext
from bot.cli.terminal import shown_output
from bot.config import load_settings
from bot.ingest import first_poll
from bot.models import WirewatchError
from bot.redact import log_thread_failures, redact, redact_logs


class WirewatchGroup(click.Group):
    """The one place where wirewatch's own errors become a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            raise _misplaced(exc) or exc from None
        except WirewatchError as exc:
            raise click.ClickException(redact(str(exc))) from exc
        except KeyboardInterrupt:  # not click's bare 'Aborted!': say what was kept
            click.echo("interrupted (Ctrl-C): what was already stored stays stored; the same "
                       "command again goes on (files already stored count as duplicates)",
                       err=True)
            ctx.exit(130)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as exc:
            hint = help.guessed(args[0])
            if hint is None:
                raise
            raise click.UsageError(hint, ctx) from exc


GLOBAL_OPTIONS = {"--db": "--db FILE", "-v": "-v", "--verbose": "-v"}


def _misplaced(exc: click.NoSuchOption) -> click.UsageError | None:
    """`wirewatch topics list --db x`: the option exists, before the command's name."""
    given = GLOBAL_OPTIONS.get(exc.option_name)
    if given is None or exc.ctx is None:
        return None
    command = exc.ctx.command_path.split(" ", 1)[-1]
    return click.UsageError(f"{exc.option_name} goes before the command: wirewatch {given} "
                            f"{command} …", exc.ctx)


LOGGER_LEVELS = {"apscheduler": logging.WARNING, first_poll.log.name: logging.INFO,
                 kept_holds.log.name: logging.INFO}
"""Loggers set apart from -v's level, one place that tests take too: the scheduler speaks from
WARNING (a missed run), its two INFO lines a second per folder job ('Running job …', '…
executed successfully') would bury wirewatch's own; a feed's first poll storing its entries as
background is no warning, yet a run says it (the banner promises "a line says how many"); a
hold Slack asked an earlier run for, kept across the restart, is said at start too, since it
keeps every alert of a channel back for minutes (delivery45b)."""


@click.group(cls=WirewatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Database file (default: $WIREWATCH_DB or ./wirewatch.db).")
@click.option("-v", "--verbose", is_flag=True, help="Log what is happening to stderr.")
@click.version_option(package_name="wirewatch")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, verbose: bool) -> None:
    """wirewatch: follows wire copy and tells Slack only what is new.

    \b
    Example:
        wirewatch topics add "NATO membership" '"NATO" AND Ukraine'
        wirewatch ingest articles/
    """
    if ctx.invoked_subcommand != "run":  # run keeps stopping cleanly until its own handler
        early_stop.hand_back()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name, level in LOGGER_LEVELS.items():
        logging.getLogger(name).setLevel(level)
    redact_logs()
    if ctx.invoked_subcommand == "help":  # shown whatever the settings hold, as -h is
        return
    ctx.obj = CliContext(load_settings().with_overrides(db_path=db_path))
    ctx.call_on_close(ctx.obj.close)


for module in (ingest, topics, who_said, quotes, stories, timeline, sources, inbox, run, status,
               demo, db, help):
    module.register(cli)


def main() -> None:
    log_thread_failures()
    with shown_output():
        cli(prog_name="wirewatch")
