"""The report that tied two young stories says, in the earlier story's thread, that the later
one was joined to it: the later story's thread stays as it was, its next reports come here."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlite_utils import Database

from bot.alerts.earlier_story import thread_named, under_headline
from storage.stories import folded_story

JOINED = "joined with another story"


def with_folded_story(db: Database, client: WebClient, *, story_id: int, article_id: int,
                      target: str, text: str, blocks: list[dict]) -> tuple[str, list[dict]]:
    """The alert of the article whose arrival folded a later story into this one, saying so
    under its headline with a link to the later story's thread (in ``target``, else anywhere;
    ``/story ID`` when it has none)."""
    folded = folded_story(db, story_id=story_id, article_id=article_id)
    if folded is None:
        return text, blocks
    shown = thread_named(db, client, *folded, target)
    return under_headline(text, blocks,
                          f"🔗 Joined with {shown}: one story, told from here on in this thread.",
                          JOINED)
