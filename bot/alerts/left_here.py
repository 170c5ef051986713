"""Which reports of a story the topics followed where someone asks left out, and how: `/story`
marks them with those topics alone, so no one reads the NOT terms of another desk's topic."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import StoryTimeline
from bot.stories.left_out import stored_text
from bot.stories.stored_queries import excluded, stored_query
from bot.stories.topics import Matcher
from storage.topics import story_topics_followed


def left_out_here(db: Database, timeline: StoryTimeline,
                  targets: Sequence[str]) -> dict[int, str]:
    """Each report every topic of the story that ``targets`` (the channel and the person
    asking) follow leaves out, with each topic's name and how; none when they follow none."""
    topics = [(name, stored_query(query)) for name, query in
              story_topics_followed(db, timeline.story_id, targets)]
    if not topics:
        return {}
    found: dict[int, str] = {}
    for entry in timeline.entries:
        if entry.verdict not in ("new", "update"):
            continue
        matcher = Matcher(stored_text(db, entry.article_id))
        whys = [(name, excluded(matcher, node)) for name, node in topics]
        if all(why for _, why in whys):
            found[entry.article_id] = "; ".join(f"{name} leaves it out ({why})"
                                                for name, why in whys)
    return found
