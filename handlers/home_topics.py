"""App Home's topics: the person's own first, then the latest active; the quiet ones on one line."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from sqlite_utils import Database

from bot.activity import quiet_topic_days
from bot.alerts.mrkdwn import counted, fit, plain, section
from bot.models import Topic
from bot.slack.activity_lines import topic_line
from bot.slack.command_words import ADD_TOPIC
from bot.slack.reach import Reach
from bot.topic_health import slack_mark
from storage.topics import list_topics, recent_stories, topics_last_seen

SHOWN_TOPICS, STORIES_PER_TOPIC, QUIET_CHARS = 15, 3, 2800
NONE_YET = f"*Topics*\nNone yet: a wirewatch admin adds one with {ADD_TOPIC}."
"""Said to anyone (App Home does not know who reads it): adding a topic is an admin's."""


def topic_blocks(db: Database, reach: Reach | None = None, *,
                 mine: Collection[int] = ()) -> list[dict]:
    """The topics ``mine`` (the person's subscriptions') first, then those whose stories came
    latest, each with its latest stories; those with none yet named together in one section,
    so a desk of 30 topics sees its own and the busy ones, not the first 15 by name. One no
    story has matched in the day or more since it was added has its own section, saying so."""
    topics = [t for t in list_topics(db) if reach is None or reach.topic(t.id)]
    if not topics:
        return [section(NONE_YET if reach is None
                        else "*Topics*\nNone followed in the channels you are in.")]
    latest, now = topics_last_seen(db), datetime.now(UTC)
    active = sorted((t for t in topics if t.id in latest or slack_mark(t.name, t.query)
                     or quiet_topic_days(t, None, now=now) is not None),
                    key=lambda t: latest.get(t.id, ""), reverse=True)
    active.sort(key=lambda t: t.id not in mine)
    shown = {t.id for t in active}
    quiet = [t for t in topics if t.id not in shown]
    blocks = [section("*Topics and their latest stories*")]
    blocks += [_topic_section(db, topic, topic_line(topic, latest.get(topic.id), now=now))
               for topic in active[:SHOWN_TOPICS]]
    named, line = _quiet_line(quiet)
    if line:
        blocks.append(section(line))
    left = max(len(active) - SHOWN_TOPICS, 0) + len(quiet) - named
    if left:
        blocks.append(section(f"…and {left} more: `/topics` lists them"))
    return blocks


def _topic_section(db: Database, topic: Topic, activity: str | None) -> dict:
    """The topic, when its latest story came (or how long none has), and its latest stories."""
    stories = recent_stories(db, topic.id, limit=STORIES_PER_TOPIC)
    lines = [f"*{fit(topic.name, 100)}*: `{fit(topic.query, 200)}`"
             f"{slack_mark(topic.name, topic.query)}", activity or "No stories yet."]
    lines += [f"• {fit(plain(s.title or 'untitled', 150), 250)} "
              f"({counted(s.article_count or 1, 'article', 'articles')})" for s in stories]
    return section("\n".join(lines))


def _quiet_line(quiet: list[Topic]) -> tuple[int, str]:
    """How many quiet topics are named, and the line naming them (within QUIET_CHARS)."""
    names: list[str] = []
    size = 0
    for topic in quiet:
        name = f"*{fit(topic.name, 100)}*"
        if size + len(name) + 2 > QUIET_CHARS:
            break
        names.append(name)
        size += len(name) + 2
    return len(names), ("No stories yet: " + ", ".join(names) if names else "")
