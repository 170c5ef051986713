"""The report that tied two young stories says, in the earlier story's thread, that the later
one was joined to it: the later story's thread stays as it was, its next reports come here (in
a channel told only of the later story, its thread, which the line then names the earlier in)."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.earlier_story import thread_named, under_headline
from storage.mutes import story_title
from storage.stories import folded_story
from storage.threads import heads_thread

JOINED = "joined with another story"


def with_folded_story(db: Database, client: WebClient, *, story_id: int, article_id: int,
                      target: str, text: str, blocks: list[dict],
                      thread: tuple[str, str | None]) -> tuple[str, list[dict]]:
    """The alert of the article whose arrival folded a later story into this one, saying so
    under its headline with a link to the later story's thread (in ``target``, else anywhere;
    ``/story ID`` when it has none); posted in that story's own ``thread`` (conversation, ts),
    with a link to this story's instead: one to the thread it is in would say nothing."""
    folded = folded_story(db, story_id=story_id, article_id=article_id)
    if folded is None:
        return text, blocks
    channel, ts = thread
    if ts is not None and heads_thread(db, folded[0], channel, ts):
        folded = (story_id, story_title(db, story_id))
    shown = thread_named(db, client, *folded, target)
    return under_headline(text, blocks,
                          f"🔗 Joined with {shown}: one story, told from here on in this thread.",
                          JOINED)
