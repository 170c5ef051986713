"""`wirewatch run`"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from sqlite_utils import Database

from bot import exit_bound
from bot.alerts.console_feed import print_pending, report_activity, silent_line
from bot.cli.context import CliContext
from bot.cli.copies import report_copies
from bot.cli.numbers import Number
from bot.cli.run_lock import HeldByRun, RunLock, take_run_lock
from bot.config import Settings
from bot.models import BadInput
from bot.runner import Runner
from storage.article_events import last_article_event
from storage.db import StorageError, refuse_full_disk
from storage.inbox import CopyCursor, last_copy

log = logging.getLogger(__name__)
C = TypeVar("C")
COPIES = "the inputs that were exact copies"


@click.command()
@click.option("--console", is_flag=True, help="No Slack: print every alert to the terminal.")
@click.option("--watch", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to watch for article files (default: $WIREWATCH_WATCH_FOLDER).")
@click.option("--port", type=click.IntRange(0, 65535),
              help="HTTP port (default: $PORT or 3000; 0 picks a free one).")
@click.option("--host", help="Address to listen on (default: $WIREWATCH_HOST or 0.0.0.0).")
@click.option("--interval", default=1.0, show_default=True, type=Number(min=0.05, max=3600),
              help="Seconds between checks for alerts to print (--console).")
@click.pass_obj
def run(obj: CliContext, console: bool, watch: Path | None, port: int | None,
        host: str | None, interval: float) -> None:
    """Run the bot: poll feeds and folders, take POST /ingest, deliver alerts.

    With --console there is no Slack at all: every alert of every topic is printed here as it
    would appear in Slack, with every fact an update adds (Slack shows the strongest three
    and how many more). Stop with Ctrl-C or SIGTERM: the article in progress finishes and
    nothing is lost.

    \b
    Example:
        wirewatch sources add https://example.com/world/rss --every 120
        wirewatch run --console --watch ~/wire/drop
    """
    settings = obj.settings.with_overrides(watch_folder=watch, port=port, host=host)
    obj.db  # noqa: B018 - opening it first names a database that cannot be used
    lock = _lock_for_run(Path(settings.db_path))
    stop = _stop_on_signals()
    runner = Runner(settings, slack_factory=None if console else _slack_factory(settings))
    try:
        runner.start()
    except BaseException:
        exit_bound.arm(settings.stop_seconds + exit_bound.EXIT_MARGIN_S)
        runner.stop()
        raise
    mode = "console (no Slack)" if runner.slack is None else f"Slack (port {runner.slack.port})"
    click.echo(f"wirewatch running, {mode}; Ctrl-C to stop")
    for line in runner.describe():
        click.echo(f"  {line}")
    db = runner.dbs.get()
    seen: int | None = last_article_event(db)
    copies: CopyCursor | None = last_copy(db)
    left: list[str] = []
    try:
        while not stop.is_set():
            if console:
                _print_console(db)
            elif seen is not None:
                seen = _until_closed(report_activity, db, seen, "what each article did")
            if copies is not None:
                copies = _until_closed(report_copies, db, copies, COPIES)
            stop.wait(interval)
    finally:
        click.echo("stopping: finishing the article in progress…")
        exit_bound.arm(settings.stop_seconds + exit_bound.EXIT_MARGIN_S)
        left = runner.stop()
        if console:
            _print_console(db)
        if copies is not None:
            _until_closed(report_copies, db, copies, COPIES)
    click.echo("stopped")
    if left:
        # the interpreter's exit would join their threads; the run lock goes with the process,
        # so a restart never runs beside a job left running
        exit_bound.leave()
    lock.close()


def _lock_for_run(db_path: Path) -> RunLock:
    """The run's lock, let go again on a full disk: at start nothing is in flight to wait for
    space, and an earlier run's lock file opens even on a disk that can take no write."""
    lock = _one_run_per_database(db_path)
    try:
        refuse_full_disk(db_path)
    except StorageError:
        lock.close()
        raise
    return lock


def _one_run_per_database(db_path: Path) -> RunLock:
    """A second `wirewatch run` on the same database (one forgotten in another terminal)
    would poll every feed twice and print or post beside the first: it stops at once, naming
    the first one's pid."""
    try:
        return take_run_lock(db_path)
    except HeldByRun as held:
        raise BadInput(f"another wirewatch run (pid {held.pid}) is already using {db_path}; "
                       f"stop it first (Ctrl-C in its terminal, or kill {held.pid}), or give "
                       "this one its own database with WIREWATCH_DB (or --db)") from None


def _until_closed(lines: Callable[[Database, C, Callable[[str], None]], C], db: Database,
                  cursor: C, what: str) -> C | None:
    """Print ``lines`` after ``cursor``; a closed terminal stops them, never the bot."""
    try:
        return lines(db, cursor, click.echo)
    except OSError as exc:
        log.warning("stopped printing %s: %s", what, exc)
        return None


def _print_console(db: Database) -> None:
    """Every alert, and one line for each article that posted nothing, with the reason."""
    print_pending(db, click.echo, lambda event, reason: click.echo(silent_line(event, reason)))


def _slack_factory(settings: Settings):
    try:
        from bot.slack.runtime import SlackRuntime
    except ImportError as exc:
        raise BadInput("Slack mode is not available in this build; "
                       "use wirewatch run --console") from exc
    return lambda routes: SlackRuntime(settings, extra_routes=routes or None)


def _stop_on_signals() -> threading.Event:
    """SIGTERM and SIGINT ask for a graceful stop instead of killing the process mid-article.
    The handler sets the event from a thread of its own: it runs on the main thread, which may
    be inside ``stop.wait`` holding the event's lock, and setting it there deadlocked the stop
    (seen: a SIGTERMed `wirewatch run` still waiting 15 minutes later)."""
    stop = threading.Event()

    def handler(signum, frame) -> None:
        threading.Thread(target=stop.set, name="stop-signal", daemon=True).start()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return stop


def register(cli: click.Group) -> None:
    cli.add_command(run)
