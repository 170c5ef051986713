"""What `/topics`, `/wirewatch status` and App Home say of a topic no story has matched for a
day or more, or a feed that fails or has brought nothing new: the CLI's rule (``bot.activity``),
said with Slack's date tokens and the Slack command that mends it."""

from __future__ import annotations

from datetime import datetime

from bot.activity import days_ago, failing, quiet_feed_days, quiet_topic_days
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
    """For a failing feed or folder, since when and what to do; for a feed bringing nothing
    new for a day or more, how long; None for one that works."""
    if failing(row):
        since = f"last worked {when(row.last_success_at, now)}" if row.last_success_at else \
            f"has not worked since it was added, {when(row.added_at, now)}"
        fix = ("open its address in a browser; if the feed moved, `/wirewatch sources remove "
               f"{row.id}` and add its new address") if row.kind == "feed" else \
            "check the folder is there and readable on the server"
        return f"{since}: {fix}"
    days = quiet_feed_days(row, now=now)
    if days is None:
        return None
    latest = f"latest {when(row.last_item_at, now)}" if row.last_item_at else \
        "none since it was added"
    return (f"no new entry in {counted(days, 'day')} ({latest}): if its site still publishes, "
            "the feed may have stopped or moved; open it in a browser")
