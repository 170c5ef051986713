"""What `/topics`, `/wirewatch status` and App Home say of a topic no story has matched for a
day or more, or a feed that fails or has brought nothing new: the CLI's rule (``bot.activity``),
said with Slack's date tokens and the Slack command that mends it."""

from __future__ import annotations

from datetime import datetime

from bot.activity import (
    days_ago,
    failing_advice,
    paused_words,
    quiet_feed_words,
    quiet_topic_days,
    worked_words,
)
from bot.alerts.mrkdwn import counted, fit, slack_date
from bot.models import Source, Topic
from bot.topic_names import slack_typed


def when(value: str, now: datetime) -> str:
    """A date token each reader sees in their own time zone, with ', 9 days ago' once that is
    a day or more."""
    days = days_ago(value, now)
    ago = f", {counted(days, 'day')} ago" if days is not None else ""
    return (slack_date(value) or fit(value, 60)) + ago


def topic_line(topic: Topic, latest: str | None, *, now: datetime) -> str | None:
    """'latest story …', or how long no story has matched and how to try another query;
    None for a topic added less than a day ago with no story yet."""
    if latest:
        return f"latest story {when(latest, now)}"
    days = quiet_topic_days(topic, latest, now=now)
    if days is None:
        return None
    return (f"no story matched in the {counted(days, 'day')} since it was added: `/topics add` "
            "alone opens a form that previews what a query matches, then an admin changes it: "
            f"`/topics edit {fit(slack_typed(topic.name), 100)} QUERY`")


def source_trouble(row: Source, *, now: datetime) -> str | None:
    """For a paused feed, why; for a failing feed or folder, since when and what to do; for a
    feed quiet far longer than its usual gap, how long; None for one that works."""
    def said(value: str) -> str:
        return when(value, now)

    if paused := paused_words(row):
        return fit(paused, 800)
    since = worked_words(row, said)
    if since:
        return f"{since}: {failing_advice(row.kind, row.id)}"
    return quiet_feed_words(row, said, now=now)
