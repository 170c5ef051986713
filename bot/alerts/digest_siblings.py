"""A story two digests of one conversation would list: the first made lists it, once."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import Subscription, TopicEvent
from bot.stories.topics import leaves_in
from storage.subscriptions import earlier_digests_alike
from storage.topics import TopicError, stories_on_topic, topic_row


def listed_elsewhere(db: Database, sub: Subscription,
                     events: list[TopicEvent]) -> dict[int, str]:
    """Event id → the topic of an earlier digest of the same conversation and period length
    (hourly, daily) that lists the story's event too: its topic matched the story, the event
    came after that digest began, and its ``source:`` terms leave the event in."""
    found: dict[int, str] = {}
    for other in earlier_digests_alike(db, sub):
        on_topic = stories_on_topic(db, other.topic_id, sorted({e.story_id for e in events}))
        query = topic_query(db, other.topic_id)
        for event in events:
            if (event.story_id in on_topic and event.event_id not in found
                    and event.created_at > other.created_at
                    and leaves_in(query, event.source, event.url)):
                found[event.event_id] = other.topic
    return found


def topic_query(db: Database, topic_id: int) -> str:
    """The topic's query, whose ``source:`` terms leave some of its stories' articles out (""
    for a topic removed meanwhile: it leaves none out)."""
    try:
        return topic_row(db, topic_id).query
    except TopicError:
        return ""
