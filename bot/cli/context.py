"""What every command shares: settings, and the database and pipeline opened on first use."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlite_utils import Database

from bot.alerts.came_from import shown_source
from bot.cli.terminal import json_safe
from bot.config import Settings
from bot.pipeline import Pipeline
from bot.shown_link import shown_url
from storage.db import open_db


class CliContext:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._db: Database | None = None
        self._pipeline: Pipeline | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_db(self.settings.db_path)
        return self._db

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.db, self.settings)
        return self._pipeline

    def close(self) -> None:
        """Stop the pipeline's analysis worker processes, if any, when the command ends (left
        to the interpreter's exit, their pool's wake-up pipe can already be closed)."""
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None


def emit_json(value: object) -> None:
    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, default=str)) + "\n")


def shown_origin(row: dict) -> dict:
    """A row of `--json` output with its ``origin`` as the terminal names it (`file
    strike.txt`, `sent to /ingest`, a feed's host) and its ``url`` as the terminal shows it:
    not a dropped file's folders on the server, nor a feed's address or entry link with its
    key (`user:secret@`, `?apikey=`)."""
    shown = {**row, "origin": shown_source(None, None, row.get("origin")) or None}
    if row.get("url"):
        shown["url"] = shown_url(row["url"])
    return shown


def where(obj: CliContext) -> str:
    """The database in full: a command typed in another folder than `wirewatch run`'s reads
    another ./wirewatch.db, and an empty answer should say which file it looked in."""
    return str(Path(obj.settings.db_path).resolve())


def say_loading(then: str) -> None:
    """At a terminal only (stderr): a command's first line otherwise comes once spaCy is
    loaded, several seconds of silence; a pipe or a script gets nothing extra."""
    if sys.stderr.isatty():
        click.echo(f"loading the language pipeline (several seconds) and {then}…", err=True)
