"""What readers see: dates in their own time zone, every cut counted, speakers never cut."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Verdict, VerdictKind
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story, add_update

PUBLISHED = int(datetime(2026, 11, 24, 6, tzinfo=UTC).timestamp())


def texts(message) -> list[str]:
    out = []
    for block in message.blocks:
        if block["type"] == "section":
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out += [e["text"] for e in block["elements"]]
    return out


def test_alert_date_is_a_slack_date_token(runtime, fake_slack, fresh_db, topic, t0):
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    runtime.deliver_pending(now=t0)
    [message] = fake_slack.posts("C0DESK")
    shown = " ".join(texts(message))
    assert f"<!date^{PUBLISHED}^{{date_short_pretty}} {{time}}|24 Nov 2026 06:00 UTC>" in shown
    assert "2026-11-24T06:00:00" not in shown


def test_long_whats_new_list_ends_with_a_count_and_the_article(runtime, fake_slack, fresh_db,
                                                               topic, t0):
    follow(fresh_db, topic, "C0DESK")
    story_id, _ = new_story(fresh_db, topic)
    news = tuple(f"Fact number {n}: the harbour board agreed on a further measure today, "
                 f"with details of berth allocations and overtime for crews" for n in range(40))
    article_id = add_article(fresh_db, title="Update with many facts",
                             url="https://news.example/many")
    add_update(fresh_db, story_id=story_id, article_id=article_id, whats_new=news)
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(story_id, VerdictKind.UPDATE, whats_new=news), article_id, [topic])
    runtime.deliver_pending(now=t0)
    runtime.deliver_pending(now=t0 + timedelta(seconds=2))
    update = fake_slack.posts("C0DESK")[1]
    [body] = [t for t in texts(update) if t.startswith("What's new")]
    shown = body.count("\n• ")
    assert 0 < shown < 40
    assert body.endswith(f"+{40 - shown} more in <https://news.example/many|the article>")


def test_long_quote_is_shortened_before_its_speaker(runtime, fake_slack, fresh_db, topic, t0):
    follow(fresh_db, topic, "C0DESK")
    quote = "Pay & hours & cranes & gates <now>, " * 100
    new_story(fresh_db, topic, quotes=((quote, "Dana Okafor"),))
    runtime.deliver_pending(now=t0)
    [message] = fake_slack.posts("C0DESK")
    [line] = [t for t in texts(message) if t.startswith("“")]
    assert line.endswith("” — Dana Okafor") and "…" in line and len(line) <= 3000


def test_digest_date_is_a_token_and_cut_stories_are_counted(runtime, fake_slack, fresh_db,
                                                            topic):
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DIG",
                  mode="hourly", created_by="U1", at="2026-11-24T05:00:00+00:00")
    for n in range(450):
        article_id = add_article(fresh_db, title=f"Berth {n} closed by the strike")
        add_story(fresh_db, article_id=article_id, title=f"Berth {n} closed",
                  topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    runtime.send_due_digests(now=datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    [digest] = fake_slack.posts("C0DIG")
    shown = texts(digest)
    since = int(datetime(2026, 11, 24, 5, tzinfo=UTC).timestamp())
    assert f"<!date^{since}^" in shown[0] and "+00:00" not in shown[0]
    listed = sum(t.count("New:") for t in shown)
    assert shown[-1].startswith(f"+{450 - listed} more stories") and "/topics show" in shown[-1]
