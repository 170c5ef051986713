"""An alert in flight across a fold: Slack made its post but the answer was lost, and a fold
changed its story's thread before the try was settled. The sequence several tests of the
"already posted?" lookup drive, in one run and across a restart, said once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Settings
from bot.slack.runtime import SlackRuntime
from storage.db import transaction
from storage.stories import fold_story
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import started
from tests.slack.world import add_article

At = Callable[[float], datetime]


def fold(db, *, later: int, into: int) -> None:
    """``later`` folded into ``into`` by a report tying the two, stored as the join stores it."""
    by = add_article(db, title=f"Report tying story {later} to story {into}")
    with transaction(db):
        fold_story(db, later=later, into=into, by=by, now="2026-11-24T07:00:00+00:00")


def answer_lost(runtime: SlackRuntime, fake_slack: FakeSlack, at: At) -> None:
    """One alert posted at second 0; the next tried at second 1, posted, its answer lost."""
    assert runtime.deliver_pending(now=at(0)) == 1
    fake_slack.drop_next(1, methods={"chat.postMessage"})  # posted; the answer is lost
    runtime.deliver_pending(now=at(1))


def past_the_late_wait(runtime: SlackRuntime, at: At, start: int = 40) -> None:
    """Six passes from ``start`` seconds, past the late wait: the lost try looked for, found."""
    for second in range(start, start + 6):
        runtime.deliver_pending(now=at(second))


def lost_answer_fold_restart(settings: Settings, fake_slack: FakeSlack, db, at: At, *,
                             later: int, into: int) -> None:
    """``answer_lost`` in one runtime, stopped; ``later`` folded into ``into``; then a second
    runtime on the same database delivering past the late wait, ten minutes on."""
    with started(settings) as first:
        answer_lost(first, fake_slack, at)
    fold(db, later=later, into=into)
    with started(settings) as second:
        past_the_late_wait(second, at, start=600)
