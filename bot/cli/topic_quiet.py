"""When a topic last had a story: a topic that matches nothing for days says so in `topics
list`, rather than look the same as one that alerts every hour."""

from __future__ import annotations

from datetime import datetime

from bot.activity import quiet_topic_days
from bot.alerts.mrkdwn import counted
from bot.cli.ages import when_ago
from bot.models import Topic
from bot.topic_names import shell_word


def latest_story_line(topic: Topic, latest: str | None, *, now: datetime) -> str:
    """'latest story 2026-12-03 22:49 UTC', with how long ago once that is a day or more; for
    a topic no story has matched in a day or more, how long, and how to try a looser query."""
    if latest:
        return f"latest story {when_ago(latest, now)}"
    days = quiet_topic_days(topic, latest, now=now)
    if days is None:
        return "no story yet"
    return (f"no story matched in the {counted(days, 'day')} since it was added: "
            f"wirewatch topics preview {shell_word(topic.query)} --days 30 shows what a query "
            f"matches, then wirewatch topics edit {shell_word(topic.name)} QUERY changes it")
