"""The story timeline reply, shared by /story and the Timeline button."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit
from bot.alerts.timeline_blocks import timeline_blocks, timeline_text
from bot.stories.running import events_text
from storage.timeline import story_timeline


def send_timeline(respond: Callable[..., object], db: Database, story_id: int, *,
                  note: str | None = None) -> bool:
    """Answer privately with the story's timeline; False when there is no such story."""
    timeline = story_timeline(db, story_id)
    if timeline is None:
        return False
    blocks = timeline_blocks(timeline)
    chain = events_text(timeline.events, story_id)
    for line in (chain, note):
        if line and len(blocks) < 50:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn",
                                                            "text": fit(line, 2000)}]})
    respond(text=timeline_text(timeline), blocks=blocks, response_type="ephemeral",
            replace_original=False)
    return True
