"""Shared by the hardening tests: the long-form switch and helpers to run wirewatch as a process."""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.redact import redact_logs

LONG = os.environ.get("WIREWATCH_LONG_TESTS") == "1"
REPO = Path(__file__).resolve().parents[2]
long_only = pytest.mark.skipif(not LONG, reason="long form: set WIREWATCH_LONG_TESTS=1")


def scale(bounded: int, long: int) -> int:
    """How many iterations to run: the bounded count in `make test`, the long one on request."""
    return long if LONG else bounded


def cli_env(db_path: Path, **extra: str) -> dict[str, str]:
    """Environment for running `python -m bot` as a subprocess against ``db_path``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIREWATCH_", "SLACK_"))}
    env.update({"WIREWATCH_DB": str(db_path), "PYTHONPATH": str(REPO), "WIREWATCH_NLP_BATCH": "4"})
    env.update(extra)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


@pytest.fixture
def log_text() -> Iterator[io.StringIO]:
    """The log as `wirewatch` writes it: a stream handler on the root logger, redacted."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    redact_logs()
    try:
        yield stream
    finally:
        root.removeHandler(handler)
