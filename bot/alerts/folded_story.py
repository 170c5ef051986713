"""The report that tied two young stories says, in the earlier story's thread, that the later
one was joined to it: the later story's thread stays as it was, its next reports come here (in
a channel told only of the later story, its thread, which the line then names the earlier in)."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.earlier_story import thread_named, under_headline
from storage.mutes import story_title
from storage.stories import folded_story
from storage.threads import heads_thread

JOINED = "joined with another story"


def joined_story(db: Database, *, story_id: int, article_id: int,
                 in_thread_of: Callable[[int], bool]) -> tuple[int, str] | None:
    """The story (id, title) the line of the article whose arrival folded a later story into
    this one names: that later story; posted in its own thread (``in_thread_of`` it), this
    story instead, since naming the thread the line is in would say nothing. None: no fold."""
    folded = folded_story(db, story_id=story_id, article_id=article_id)
    if folded is not None and in_thread_of(folded[0]):
        return story_id, story_title(db, story_id)
    return folded


def with_folded_story(db: Database, client: WebClient, *, story_id: int, article_id: int,
                      target: str, text: str, blocks: list[dict],
                      thread: tuple[str, str | None]) -> tuple[str, list[dict]]:
    """The alert of the article whose arrival folded a later story into this one, saying so
    under its headline (``joined_story``; the alert is posted in ``thread``, conversation and
    ts), linking that story's thread only where ``target`` has it (another conversation's may
    be one its reader is not in: ``/story ID`` instead)."""
    channel, ts = thread
    joined = joined_story(db, story_id=story_id, article_id=article_id, in_thread_of=lambda
                          folded: ts is not None and heads_thread(db, folded, channel, ts))
    if joined is None:
        return text, blocks
    shown = thread_named(db, client, *joined, target, anywhere=False)
    return under_headline(text, blocks,
                          f"🔗 Joined with {shown}: one story, told from here on in this thread.",
                          JOINED)
