"""`wirewatch run`'s parts (bot.runner.Runner) in this process with the real Slack runtime of a
test's settings, stopped after the block whatever the test does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.config import Settings
from bot.runner import Runner
from bot.slack.runtime import SlackRuntime


@contextmanager
def run_parts(settings: Settings, nlp) -> Iterator[Runner]:
    """The runner, not started (a test starts what it needs), its Slack runtime on ``settings``."""
    runner = Runner(settings, nlp=nlp, slack_factory=lambda routes: SlackRuntime(settings))
    try:
        yield runner
    finally:
        runner.stop()
