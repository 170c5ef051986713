"""The `wirewatch` command run in this process (click's runner) on a test's database, its
errors raised as they are, for tests that read what a command prints."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from bot.cli import cli


def invoke(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)
