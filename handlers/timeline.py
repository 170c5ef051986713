"""The story timeline reply, shared by /story and the Timeline button."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlite_utils import Database

from bot.alerts.left_here import left_out_here
from bot.alerts.mrkdwn import fit
from bot.alerts.timeline_blocks import moved_out_text, timeline_blocks, timeline_text
from bot.models import StoryTimeline
from bot.stories.running import events_text
from storage.timeline import folded_timeline, story_timeline


def send_timeline(respond: Callable[..., object], db: Database, story_id: int, *,
                  note: str | None = None, shown: Callable[[int], bool] | None = None,
                  asking: Sequence[str | None] = ()) -> bool:
    """Answer privately with the story's timeline; False when there is no such story, or none
    the reader may see. ``shown``: the stories the reader may see (a guest's reach), None for
    every story; ``asking``: the channel and person asking, whose topics alone mark the
    reports left out."""
    found = readable_timeline(db, story_id, shown)
    if found is None:
        return False
    timeline, unseen = found
    blocks = timeline_blocks(timeline, left_out_here(db, timeline,
                                                     [a for a in asking if a]))
    if unseen:
        blocks.insert(1, {"type": "context", "elements": [{"type": "mrkdwn", "text": unseen}]})
    chain = events_text(timeline.events, timeline.story_id)
    for line in (chain and fit(chain, 2000), moved_out_text(timeline, shown),
                 note and fit(note, 2000)):
        if line and len(blocks) < 50:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": line}]})
    respond(text=timeline_text(timeline), blocks=blocks, response_type="ephemeral",
            replace_original=False, unfurl_links=False, unfurl_media=False)
    return True


def readable_timeline(db: Database, story_id: int, shown: Callable[[int], bool] | None
                      ) -> tuple[StoryTimeline, str | None] | None:
    """The timeline of ``story_id`` the reader may see, with what they are told of what is
    left out: a story folded into one the reader may not see is read as it was when folded
    (its own reports alone), if they may see it; None when they may see neither."""
    timeline = story_timeline(db, story_id)
    if timeline is None or shown is None or shown(timeline.story_id):
        return None if timeline is None else (timeline, None)
    own = folded_timeline(db, story_id) if timeline.joined is not None and shown(story_id) \
        else None
    if own is None:
        return None
    return own, f"{joined_elsewhere(story_id)}: only the reports it held then are shown."


def joined_elsewhere(story_id: int) -> str:
    """What a guest is told of a story folded into one their channels do not follow."""
    return f"Story {story_id} was joined to a story the channels you are in do not follow"
