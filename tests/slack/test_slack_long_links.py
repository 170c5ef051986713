"""An article's link can never make Slack refuse a message (and so lose it).

A link is written into mrkdwn as ``<target|label>`` with ``|``, ``<`` and ``>`` percent-encoded,
which makes each of them three characters: a 1,000-character link full of pipes (within the
link limit) became a 3,000-character target and pushed its block over Slack's 3,000. Real
SQLite, the real sender and digests, the fake Slack refusing what Slack refuses.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.alerts.quote_blocks import quote_blocks, quote_digest_blocks
from bot.alerts.timeline_blocks import timeline_blocks
from bot.models import QuoteAlertLine, StoryTimeline, TimelineEntry
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.fakes.block_kit import block_problems
from tests.slack.posted import posted_alert, posted_digest

PIPES = "https://news.example/tag?any=" + "|" * 971  # 1,000 characters, the link limit


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Wildfire", query="wildfire")


def test_a_link_full_of_pipes_never_loses_an_alert(runtime, fake_slack, fresh_db, topic, t0):
    """The alert was refused (invalid_blocks) and marked failed in every channel."""
    blocks = posted_alert(runtime, fake_slack, fresh_db, topic, t0, title="Wildfire spreads",
                          url=PIPES)
    assert "Wildfire spreads" in blocks


def test_one_article_with_a_link_full_of_pipes_never_loses_a_digest(fresh_db, fake_slack, topic):
    """The whole daily digest (every story of the day) was refused for one article's link."""
    blocks = posted_digest(fake_slack, fresh_db, topic, {
        f"Wildfire story {n} spreads towards the Alder Creek campground overnight": url
        for n, url in enumerate((PIPES, "https://news.example/ok", PIPES))})
    assert all(f"Wildfire story {n}" in blocks for n in range(3))


links = st.sampled_from([PIPES, "https://n.example/" + "<>" * 490, "https://n.example/"
                         + "a" * 980, "https://n.example/a|b", None])
fields = st.sampled_from(["", "&" * 3000, "word " * 1000, "<!channel> & <@U1>", "Ada Brandt"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(links, fields, fields, fields, fields)
def test_quote_messages_and_timelines_keep_to_slack_limits(url, text, who, title, source):
    """Quote alerts, quote digests and timelines with the longest fields and links."""
    row = QuoteAlertLine(text=text or "x", speaker=who or None, speaker_role=who or None,
                         title=title or None, source=source or None, url=url,
                         published=source or None, query="person:Ada", mode="daily")
    assert block_problems(quote_blocks([row] * 12, story_id=1, article_id=2)) == []
    assert block_problems(quote_digest_blocks([row] * 45)) == []
    entry = TimelineEntry(article_id=1, title=title, source=source or None, url=url,
                          when=source or None, verdict="update", whats_new=(text,) * 6)
    timeline = StoryTimeline(story_id=1, title=title, summary=(text,), article_count=9,
                             entries=(entry,) * 8)
    assert block_problems(timeline_blocks(timeline)) == []
