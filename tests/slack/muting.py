"""A story muted in a channel by its Mute button, as an editor there presses it: the start of
the tests of what unmuting does (from App Home, twice, after a restart)."""

from __future__ import annotations

from bot.alerts.blocks import MUTE
from storage.alerts import is_muted
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.world import add_article, add_story


def muted_story(runtime, fake_slack, db, *, title: str = "Bridge closes for repairs",
                channel: str = "C0DESK") -> int:
    """The new story's id, once the database says it is muted in ``channel``."""
    article = add_article(db, title=title)
    story = add_story(db, article_id=article, title=title)
    post_signed(events_url(runtime), action_body(MUTE, str(story), channel=channel, user="U0ED",
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: is_muted(db, story, [channel]))
    return story
