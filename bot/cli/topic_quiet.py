"""When a topic last had a story: a topic that matches nothing for days says so in `topics
list`, rather than look the same as one that alerts every hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.models import Topic
from bot.topic_names import shell_word

QUIET = timedelta(days=1)
"""A topic without a story for this long has its age said, and one never matched, advice."""


def latest_story_line(topic: Topic, latest: str | None, *, now: datetime) -> str:
    """'latest story 2026-12-03 22:49 UTC', with how long ago once that is a day or more; for
    a topic no story has matched in a day or more, how long, and how to try a looser query."""
    if latest:
        return f"latest story {when_text(latest)}{_ago(now - _moment(latest))}"
    waited = now - _moment(topic.created_at)
    if waited < QUIET:
        return "no story yet"
    return (f"no story matched in the {counted(waited.days, 'day')} since it was added: "
            f"wirewatch topics preview {shell_word(topic.query)} --days 30 shows what a query "
            f"matches, then wirewatch topics edit {shell_word(topic.name)} QUERY changes it")


def _ago(age: timedelta) -> str:
    return f", {counted(age.days, 'day')} ago" if age >= QUIET else ""


def _moment(value: str) -> datetime:
    """A stored ISO time; one that cannot be read counts as now (nothing said of its age)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
