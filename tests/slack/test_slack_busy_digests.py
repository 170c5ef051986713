"""A busy day's digest is posted, not refused by Slack and retried for ever.

chat.postMessage refuses a message whose blocks hold more than about 12,000 characters of text
in all (``msg_blocks_too_long``; the fake Slack refuses as Slack does), even when every block
is within its own 3,000. Real SQLite, the real digest sender, the fake Slack.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient

from bot.alerts.blocks import alert_blocks, alert_text
from bot.alerts.digest import send_due_digests
from bot.alerts.digest_blocks import DigestItem, digest_blocks
from bot.alerts.quote_blocks import quote_blocks, quote_digest_blocks
from bot.models import AlertView, KeyQuote, QuoteAlertLine, Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.block_kit import MESSAGE_TEXT, block_problems
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.world import add_article, add_story, add_update

FACT = ("Firefighters said the blaze had crossed the ridge road overnight and that crews from "
        "three neighbouring counties were being moved to protect the villages on the north side")


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Wildfire", query="wildfire")


def busy_day(db, topic_id: int, stories: int) -> None:
    """``stories`` stories in one day, each with a realistic title, link and one update."""
    for n in range(stories):
        title = f"Wildfire {n}: evacuation orders widen as crews battle flames near Alder Creek"
        url = f"https://news.example/2026/11/24/world/wildfire-alder-creek-evacuations-{n}.html"
        article_id = add_article(db, title=title, url=url, source="Coast Wire")
        story_id = add_story(db, article_id=article_id, title=title, topic_ids=(topic_id,),
                             at=f"2026-11-24T{n % 24:02d}:10:00+00:00")
        add_update(db, story_id=story_id, article_id=add_article(db, title=f"{title} (update)"),
                   whats_new=(FACT,), at=f"2026-11-24T{n % 24:02d}:40:00+00:00")


def test_a_busy_day_digest_is_posted_not_retried_for_ever(fresh_db, fake_slack, topic):
    """40 stories: about 14,500 characters in 5 sections. The digest was refused
    (msg_blocks_too_long) at every pass, its period never closed, and that subscription
    never got a digest again."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DAILY",
                  mode="daily", created_by="U1", at="2026-11-23T09:00:00+00:00")
    busy_day(fresh_db, topic, 40)
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    for minute in range(3):
        send_due_digests(fresh_db, client, now=datetime(2026, 11, 25, 8, minute, 30, tzinfo=UTC))
    [digest] = fake_slack.posts("C0DAILY")
    shown = str(digest.blocks)
    listed = sum(f"Wildfire {n}:" in shown for n in range(40))
    assert listed == 40 and "more stories" not in shown  # the later ones by headline alone
    assert block_problems(digest.blocks, text=digest.text, max_text=MESSAGE_TEXT) == []


texts = st.sampled_from(["", "Ada Brandt", FACT, "word " * 700, "&" * 3000, "<!channel>"])
links = st.sampled_from([None, "https://news.example/a", "https://news.example/" + "a" * 970])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, texts, links, st.integers(1, 400))
def test_no_message_holds_more_text_than_slack_takes(text, who, title, url, count):
    """Digests, quote alerts, quote digests and alerts, however many and long their parts."""
    item = DigestItem(story_id=1, is_new=False, headline=title, url=url, source=who,
                      whats_new=(text, text), articles=2, thread_url=url)
    digest = digest_blocks("Wildfire", "daily", [item] * count,
                           datetime(2026, 11, 24, 8, tzinfo=UTC))
    assert block_problems(digest, max_text=MESSAGE_TEXT) == []
    row = QuoteAlertLine(text=text or "x", speaker=who or None, speaker_role=who or None,
                         title=title or None, source=who or None, url=url, published=None,
                         query="person:Ada", mode="daily")
    assert block_problems(quote_blocks([row] * min(count, 30), story_id=1, article_id=2),
                          max_text=MESSAGE_TEXT) == []
    assert block_problems(quote_digest_blocks([row] * count), max_text=MESSAGE_TEXT) == []
    view = AlertView(kind="update" if count % 2 else "new", story_id=1, article_id=2,
                     topics=(who or "t",) * 30, headline=title, summary=(text,) * 12,
                     whats_new=(text,) * min(count, 60), source=who, url=url, published=None,
                     key_quote=KeyQuote(text=text, speaker=who, role=who))
    for standalone in (False, True):
        fallback = alert_text(view, standalone=standalone)
        assert block_problems(alert_blocks(view, standalone=standalone), text=fallback,
                              max_text=MESSAGE_TEXT) == []


def test_a_digest_slack_refuses_goes_as_plain_text_and_never_holds_the_subscription(
        fresh_db, fake_slack, topic):
    """Any refusal of the message itself (not 429, 5xx or a gone channel) was retried every
    minute for ever: the period never closed and no digest came again. Now the digest goes
    once as plain text; refused even so, that period is skipped with an ERROR and the next
    digest comes as usual."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DAILY",
                  mode="daily", created_by="U1", at="2026-11-23T09:00:00+00:00")
    busy_day(fresh_db, topic, 3)
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    fake_slack.refuse_next(1, error="invalid_blocks")
    assert send_due_digests(fresh_db, client, now=datetime(2026, 11, 25, 8, 0, 30, tzinfo=UTC)) == 1
    [plain] = fake_slack.posts("C0DAILY")
    assert plain.blocks is None and "Wildfire 2:" in plain.text and "<!" not in plain.text

    article_id = add_article(fresh_db, title="Wildfire next day")
    add_story(fresh_db, article_id=article_id, title="Wildfire next day", topic_ids=(topic,),
              at="2026-11-25T10:00:00+00:00")
    fake_slack.refuse_next(2, error="msg_too_long", blocks_only=False)
    assert send_due_digests(fresh_db, client, now=datetime(2026, 11, 26, 8, 0, 30, tzinfo=UTC)) == 0
    article_id = add_article(fresh_db, title="Wildfire third day")
    add_story(fresh_db, article_id=article_id, title="Wildfire third day", topic_ids=(topic,),
              at="2026-11-26T10:00:00+00:00")
    assert send_due_digests(fresh_db, client, now=datetime(2026, 11, 27, 8, 0, 30, tzinfo=UTC)) == 1
    latest = fake_slack.posts("C0DAILY")[-1]
    assert "Wildfire third day" in str(latest.blocks) and "Wildfire next day" not in str(latest.blocks)


def test_an_alert_slack_refuses_for_its_blocks_goes_as_plain_text(runtime, fake_slack,
                                                                   fresh_db, topic):
    """An alert whose blocks Slack refused (invalid_blocks, msg_blocks_too_long …) was marked
    failed: nobody saw it. Now it goes once as plain text with the same content; refused even
    so, it is marked failed with Slack's reason as before."""
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0LIVE",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    stories = []
    for title in ("Wildfire <!channel> crosses the ridge road", "Wildfire reaches the coast"):
        article_id = add_article(fresh_db, title=title, url="https://news.example/fire?a=1&b=2")
        story_id = add_story(fresh_db, article_id=article_id, title=title, topic_ids=(topic,))
        with transaction(fresh_db):
            enqueue_alerts(fresh_db, Verdict(story_id, VerdictKind.NEW), article_id, [topic])
        stories.append(story_id)
    later = datetime.now(UTC) + timedelta(hours=1)
    fake_slack.refuse_next(1, error="msg_blocks_too_long")
    assert runtime.deliver_pending(now=later) == 1
    [plain] = fake_slack.posts("C0LIVE")
    assert plain.blocks is None and plain.metadata["event_payload"]["alert_id"] == 1
    assert "Wildfire &lt;!channel&gt; crosses the ridge road" in plain.text
    assert "<https://news.example/fire?a=1&b=2|Open article>" in plain.text
    fake_slack.refuse_next(2, error="invalid_blocks", blocks_only=False)
    assert runtime.deliver_pending(now=later + timedelta(seconds=5)) == 0
    assert fresh_db.execute("select status, last_error from alerts where id = 2").fetchone() == \
        ("failed", "invalid_blocks")
