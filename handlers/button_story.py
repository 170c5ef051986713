"""The story an alert's buttons act on (**Timeline**, **Show quotes**, **Mute story**, **Mark
important**): the one the alert's report is in now. A later correction or `wirewatch stories
split` may have moved the report out of the story the alert was posted for; the button belongs
to that report, so it follows it and says so."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from bot.slack.reach import Reach
from handlers.common import clicked_in, echo, story_of
from storage.alerts import alerted_article
from storage.stories import holding
from storage.stories import story_of as place_of
from storage.timeline import story_brief


@dataclass(frozen=True)
class ButtonStory:
    """The story to show; ``moved_from``: the one the alert was posted for, when its report has
    moved out of it since; ``joined_from``: that one, when it was folded into this one since."""

    story_id: int
    moved_from: int | None = None
    joined_from: int | None = None

    def note(self, db: Database, into: str = "into this story") -> str | None:
        """What the reader is told when the story shown is not the one the alert was posted for."""
        if self.joined_from is not None:
            old = story_brief(db, self.joined_from).title or f"story {self.joined_from}"
            return (f"The story this alert was about, _{echo(old, 150)}_ "
                    f"(`/story {self.joined_from}`), was joined to this one: its reports are here.")
        if self.moved_from is None:
            return None
        old = story_brief(db, self.moved_from).title or f"story {self.moved_from}"
        return (f"The report this alert was about has since been moved out of _{echo(old, 150)}_ "
                f"(`/story {self.moved_from}`) {into}.")

    def unseen(self, db: Database, reach: Reach, otherwise: str) -> str:
        """The answer to a guest whose channels do not follow the story shown: when the alert's
        report moved there from one they do follow, that it moved (neither the story it is in
        now nor its number said); else ``otherwise``, as if no such story were stored."""
        moved = self.note(db, "into a story the channels you are in do not follow, so it is "
                              "not shown") if self.moved_from is not None and \
            reach.story(self.moved_from) else None
        return (moved or otherwise) + reach.note()

    def noted(self, db: Database, text: str, blocks: list | None = None) -> tuple[str, list | None]:
        """A message about the story shown (its ``blocks``, if any), with ``note`` added."""
        note = self.note(db)
        if note is None:
            return text, blocks
        context = {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
        return f"{text}\n{note}", None if blocks is None else [blocks[0], context, *blocks[1:]]


def button_story(db: Database, body: dict, value: object) -> ButtonStory | None:
    """The story a story button under an alert acts on (None: the value names none here): the
    one holding the story's reports now, a fold followed."""
    story = story_of(db, value)
    if story is None:
        return None
    held = holding(db, story)
    joined = ButtonStory(held, joined_from=None if held == story else story)
    channel = clicked_in(body)
    ts = (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts")
    alerted = alerted_article(db, channel, str(ts)) if channel and ts else None
    if alerted is None or alerted[0] != story:
        return joined
    now = place_of(db, alerted[1])
    if now is None or now.story_id == held:
        return joined
    return ButtonStory(now.story_id, moved_from=story)
