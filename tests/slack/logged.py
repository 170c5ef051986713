"""The warnings a Slack test means to count: what the bot logged about its requests and its
work, without waitress's "Task queue depth is 1" (every server thread busy as a request came,
on a loaded machine), a warning about the machine, not about what the test does."""

from __future__ import annotations

import logging

BUSY = "waitress.queue"


def warnings_said(caplog) -> list[logging.LogRecord]:
    """The warnings and errors logged, the server's busy line left out."""
    return [r for r in caplog.records if r.levelno >= logging.WARNING and r.name != BUSY]
