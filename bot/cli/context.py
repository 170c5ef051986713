"""What every command shares: settings, and the database and pipeline opened on first use."""

from __future__ import annotations

import json
import sys

import click
from sqlite_utils import Database

from bot.config import ConfigError, Settings
from bot.pipeline import Pipeline
from storage.db import StorageError, open_db


class CliContext:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._db: Database | None = None
        self._pipeline: Pipeline | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            try:
                self._db = open_db(self.settings.db_path)
            except StorageError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._db

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            try:
                self._pipeline = Pipeline(self.db, self.settings)
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from exc
        return self._pipeline


def emit_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
